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
      /left under other keys: \{"TOTP secrets":0,"TOTP secrets of open account links":0,"one-time links awaiting delivery":0,"thread data keys":0\}/,
    );
    expect(sentDuring.length).toBeGreaterThan(0);
    expect(
      await rows('SELECT id FROM threads WHERE master_key_id <> $1 OR split_part(wrapped_key, $2, 2) <> $1', [
        NEW_ID,
        '.',
      ]),
    ).toHaveLength(0);
    expect(await rows("SELECT id FROM users WHERE split_part(totp_secret, '.', 2) <> $1", [NEW_ID])).toHaveLength(0);

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
      // TOTP secrets too: signing in decrypts the secret with the new key.
      await expect(signIn(onlyNew, fresh)).resolves.toMatchObject({ body: { user: { id: fresh.id } } });
    } finally {
      await onlyNew.close();
    }
  });
});
