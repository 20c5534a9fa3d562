import { randomBytes, randomUUID } from 'node:crypto';
import type { MessageView } from '@liaison/messaging';
import { call, signIn } from '../support/auth';
import { runBuilt } from '../support/cli';
import { storedRows as rows } from '../support/database';
import { createUser, TestUser } from '../support/factories';
import { createForumThread, Member, networkWithMembers } from '../support/messaging';
import { RunningApp, startApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

jest.setTimeout(120_000);

/** The key every other suite of this run encrypts with (the local default). */
const OLD = 'dev1:ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE=';
const NEW_ID = `k${Date.now().toString(36)}`;
const NEW = `${NEW_ID}:${randomBytes(32).toString('base64')}`;

/**
 * Master-key rotation without downtime: nodes run with both keys and the new one current, `keys:rotate`
 * re-wraps every thread data key (and every other keyring ciphertext) while messages keep flowing, and a
 * node holding only the new key then reads everything.
 */
describe('key rotation', () => {
  let both: RunningApp;
  let members: Member[];
  /** Created under the old key and not signed in yet (a TOTP code counts once per user). */
  let fresh: TestUser;
  const threads: string[] = [];
  /** A helpdesk ticket filed under the old key: its data key is re-wrapped too. */
  let ticketId: string;
  const rotateTo = (keyring: string, current: string) =>
    runBuilt(
      'cli/keys-rotate.js',
      { ...testEnvironment(), ENCRYPTION_KEYRING: keyring, ENCRYPTION_CURRENT_KEY: current },
      { timeoutMs: 60_000 },
    );

  beforeAll(async () => {
    // Data written under the old key…
    const old = await startApp();
    try {
      const adminToken = (await signIn(old, await createUser(old.app, 'admin'))).accessToken;
      const network = await networkWithMembers(old, adminToken, 2);
      members = network.members;
      fresh = await createUser(old.app, 'focal_point');
      for (let index = 0; index < 5; index += 1) {
        const thread = await createForumThread(old, members[0], network.directory.networkId, `Rotation ${index}`);
        threads.push(thread.id);
        await call(old, 'POST', `/api/threads/${thread.id}/messages`, {
          token: members[0].token,
          body: { clientId: randomUUID(), body: `before ${index}` },
        });
      }
      const filed = await call(old, 'POST', '/api/helpdesk/tickets', {
        token: members[0].token,
        body: {
          requestedStateCode: network.directory.stateCode,
          requestedAuthorityId: null,
          cooperationType: 'mla',
          offenceCategory: 'corruption',
          legalBasis: 'uncac_46',
          dateSent: '2026-10-01',
          requesterReference: 'ROT-1',
          channel: 'email_platform',
          blockageReason: 'counterpart_unknown',
          description: 'Filed before the rotation',
        },
      });
      expect(filed.status).toBe(201);
      ticketId = ((await filed.json()) as { id: string }).id;
    } finally {
      await old.close();
    }
    // …then every node gets both keys, the new one current.
    both = await startApp({
      env: {
        ENCRYPTION_KEYRING: `${OLD},${NEW}`,
        ENCRYPTION_CURRENT_KEY: NEW_ID,
        MESSAGE_RATE_PER_SECOND: '1000',
        MESSAGE_RATE_BURST: '2000',
      },
    });
  });

  afterAll(async () => {
    await both.close();
    // Back to the old key, so the suites after this one read what this one rotated (and rotation back works).
    const back = await rotateTo(`${OLD},${NEW}`, 'dev1');
    expect(back.code).toBe(0);
    expect(await rows("SELECT id FROM threads WHERE master_key_id <> 'dev1'")).toHaveLength(0);
  });

  it('re-wraps every data key while messages are sent, then a node with only the new key reads everything', async () => {
    expect((await rows<{ n: string }>("SELECT count(*) AS n FROM threads WHERE master_key_id = 'dev1'"))[0].n).not.toBe(
      '0',
    );
    let sending = true;
    const sentDuring: string[] = [];
    const traffic = (async () => {
      for (let index = 0; sending; index += 1) {
        const threadId = threads[index % threads.length];
        const response = await call(both, 'POST', `/api/threads/${threadId}/messages`, {
          token: members[1].token,
          body: { clientId: randomUUID(), body: `during ${index}` },
        });
        expect(response.status).toBe(201);
        sentDuring.push(threadId);
      }
    })();
    const rotated = await rotateTo(`${OLD},${NEW}`, NEW_ID);
    sending = false;
    await traffic;
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(
      /left under other keys: \{"TOTP secrets":0,"TOTP secrets of open account links":0,"one-time links awaiting delivery":0,"thread data keys":0,"ticket data keys":0\}/,
    );
    expect(sentDuring.length).toBeGreaterThan(0);
    expect(
      await rows('SELECT id FROM threads WHERE master_key_id <> $1 OR split_part(wrapped_key, $2, 2) <> $1', [
        NEW_ID,
        '.',
      ]),
    ).toHaveLength(0);
    expect(await rows("SELECT id FROM users WHERE split_part(totp_secret, '.', 2) <> $1", [NEW_ID])).toHaveLength(0);
    expect(
      await rows('SELECT id FROM helpdesk_tickets WHERE master_key_id <> $1 OR split_part(wrapped_key, $2, 2) <> $1', [
        NEW_ID,
        '.',
      ]),
    ).toHaveLength(0);

    const onlyNew = await startApp({ env: { ENCRYPTION_KEYRING: NEW, ENCRYPTION_CURRENT_KEY: NEW_ID } });
    try {
      for (const threadId of threads) {
        const thread = await call(onlyNew, 'GET', `/api/threads/${threadId}`, { token: members[0].token });
        expect(((await thread.json()) as { unreadable: boolean }).unreadable).toBe(false);
        const page = (await (
          await call(onlyNew, 'GET', `/api/threads/${threadId}/messages?limit=200`, { token: members[0].token })
        ).json()) as { items: MessageView[] };
        expect(page.items.length).toBe(1 + sentDuring.filter((id) => id === threadId).length);
        expect(page.items.every((message) => !message.unreadable && message.body !== null)).toBe(true);
      }
      const ticket = await call(onlyNew, 'GET', `/api/helpdesk/tickets/${ticketId}`, { token: members[0].token });
      expect(await ticket.json()).toMatchObject({ unreadable: false, description: 'Filed before the rotation' });
      // TOTP secrets too: signing in decrypts the secret with the new key.
      await expect(signIn(onlyNew, fresh)).resolves.toMatchObject({ body: { user: { id: fresh.id } } });
    } finally {
      await onlyNew.close();
    }
  });
});

/**
 * One damaged ciphertext under the old key (a flipped byte, a bad disk block, a botched restore) must not
 * stop rotation: it re-wraps everything else, names the row it could not open, and exits non-zero.
 */
describe('key rotation with a damaged ciphertext', () => {
  const DAMAGED_ID = `d${Date.now().toString(36)}`;
  const DAMAGED_NEW = `${DAMAGED_ID}:${randomBytes(32).toString('base64')}`;
  const threads: string[] = [];
  let damaged: { id: string; wrapped_key: string };
  const rotateTo = (current: string) =>
    runBuilt(
      'cli/keys-rotate.js',
      { ...testEnvironment(), ENCRYPTION_KEYRING: `${OLD},${DAMAGED_NEW}`, ENCRYPTION_CURRENT_KEY: current },
      // Today's code aborts or loops for ever on it: a killed process ends with code null.
      { timeoutMs: 30_000 },
    );

  beforeAll(async () => {
    const old = await startApp();
    try {
      const adminToken = (await signIn(old, await createUser(old.app, 'admin'))).accessToken;
      const network = await networkWithMembers(old, adminToken, 1);
      for (let index = 0; index < 4; index += 1) {
        const thread = await createForumThread(
          old,
          network.members[0],
          network.directory.networkId,
          `Damaged ${index}`,
        );
        threads.push(thread.id);
      }
    } finally {
      await old.close();
    }
    [damaged] = await rows<{ id: string; wrapped_key: string }>('SELECT id, wrapped_key FROM threads WHERE id = $1', [
      threads[1],
    ]);
    // Flip one character of the ciphertext: the key id still says "dev1", authentication fails.
    const parts = damaged.wrapped_key.split('.');
    parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
    await rows('UPDATE threads SET wrapped_key = $2 WHERE id = $1', [damaged.id, parts.join('.')]);
  });

  afterAll(async () => {
    // Put the row back as it was (as from a backup) and rotate everything back to the old key.
    await rows('UPDATE threads SET wrapped_key = $2 WHERE id = $1', [damaged.id, damaged.wrapped_key]);
    const back = await rotateTo('dev1');
    expect(back.code).toBe(0);
    expect(await rows("SELECT id FROM threads WHERE master_key_id <> 'dev1'")).toHaveLength(0);
  });

  it('re-wraps every other row, names the damaged one, terminates and exits non-zero', async () => {
    const rotated = await rotateTo(DAMAGED_ID);
    expect(rotated.code).not.toBeNull();
    expect(rotated.code).not.toBe(0);
    expect(rotated.stderr).toContain(`thread data keys: ${damaged.id}`);
    expect(rotated.stdout).toMatch(/left under other keys: \{[^}]*"thread data keys":1[,}]/);
    const [incomplete] = await rows<{ details: { failed: { id: string }[] } }>(
      "SELECT details FROM audit_log WHERE action = 'keys.rotation-incomplete' ORDER BY id DESC LIMIT 1",
    );
    expect(incomplete.details.failed).toEqual([{ name: 'thread data keys', id: damaged.id }]);
    // Everything but the damaged row is under the new key, in every registered library.
    expect(
      await rows('SELECT id FROM threads WHERE id <> $1 AND split_part(wrapped_key, $2, 2) <> $3', [
        damaged.id,
        '.',
        DAMAGED_ID,
      ]),
    ).toHaveLength(0);
    expect(
      await rows('SELECT id FROM threads WHERE id = ANY($1) AND master_key_id = $2', [threads, DAMAGED_ID]),
    ).toHaveLength(threads.length - 1);
    expect(await rows("SELECT id FROM users WHERE split_part(totp_secret, '.', 2) <> $1", [DAMAGED_ID])).toHaveLength(
      0,
    );
  });
});
