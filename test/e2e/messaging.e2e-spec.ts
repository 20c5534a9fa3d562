import { randomUUID } from 'node:crypto';
import type { MessageView, SendAck, ThreadView } from '@liaison/messaging';
import { call, signIn } from '../support/auth';
import { connectAs, storedRows as rows } from '../support/database';
import { createUser } from '../support/factories';
import { createForumThread, Member, networkWithMembers } from '../support/messaging';
import { eventually } from '../support/queues';
import { connectSocket } from '../support/sockets';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(60_000);

/**
 * Threads and messages over REST and the socket, on the real PostgreSQL and Redis: access (404 outside,
 * 403 for what one may not do), idempotent sends, edits with history, tombstones, read state, encryption.
 */
describe('messaging', () => {
  let api: RunningApp;
  let adminToken: string;
  let members: Member[];
  let networkId: string;
  let thread: ThreadView;

  beforeAll(async () => {
    api = await startApp({ env: { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_RATE_BURST: '2000' } });
    adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    const network = await networkWithMembers(api, adminToken, 3);
    members = network.members;
    networkId = network.directory.networkId;
    thread = await createForumThread(api, members[0], networkId, 'Extradition of a person held in Port Louis');
  });
  afterAll(() => api.close());

  const send = (member: Member, threadId: string, body: string, clientId = randomUUID()) =>
    call(api, 'POST', `/api/threads/${threadId}/messages`, { token: member.token, body: { clientId, body } });

  it('stores messages with seq 1, 2, 3… and answers a retried client id with the stored message, burning no seq', async () => {
    const own = await createForumThread(api, members[0], networkId, 'Seq test');
    const clientId = randomUUID();
    const first = await send(members[0], own.id, 'First', clientId);
    expect(first.status).toBe(201);
    const retry = await send(members[0], own.id, 'First (retried)', clientId);
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as MessageView).body).toBe('First');
    // Another author with the same client id is another message.
    expect((await send(members[1], own.id, 'Second', clientId)).status).toBe(201);
    const page = (await (
      await call(api, 'GET', `/api/threads/${own.id}/messages`, { token: members[2].token })
    ).json()) as { items: MessageView[] };
    expect(page.items.map((message) => [message.seq, message.body])).toEqual([
      [1, 'First'],
      [2, 'Second'],
    ]);
  });

  it('the same client id sent at once over REST and over the socket, 50 times: one message each time, no seq gap', async () => {
    const own = await createForumThread(api, members[0], networkId, 'Race');
    const socket = await connectSocket(api, { token: members[0].token });
    try {
      for (let round = 0; round < 50; round += 1) {
        const clientId = randomUUID();
        const [rest, ack] = await Promise.all([
          send(members[0], own.id, `round ${round}`, clientId).then(
            async (response) => (await response.json()) as MessageView,
          ),
          socket
            .timeout(5000)
            .emitWithAck('message.send', { threadId: own.id, clientId, body: `round ${round}` }) as Promise<SendAck>,
        ]);
        expect(ack.ok).toBe(true);
        expect(ack.ok && ack.message.id).toBe(rest.id);
      }
    } finally {
      socket.close();
    }
    const stored = await rows<{ seq: string }>('SELECT seq FROM messages WHERE thread_id = $1 ORDER BY seq', [own.id]);
    expect(stored.map((row) => Number(row.seq))).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
  });

  it('pages by seq both ways', async () => {
    const own = await createForumThread(api, members[0], networkId, 'Pages');
    for (let index = 1; index <= 7; index += 1) expect((await send(members[0], own.id, `m${index}`)).status).toBe(201);
    const get = async (query: string) =>
      (await (
        await call(api, 'GET', `/api/threads/${own.id}/messages?${query}`, { token: members[1].token })
      ).json()) as { items: MessageView[]; hasMore: boolean };
    const after = await get('after=2&limit=3');
    expect([after.items.map((message) => message.seq), after.hasMore]).toEqual([[3, 4, 5], true]);
    const before = await get('before=6&limit=3');
    expect([before.items.map((message) => message.seq), before.hasMore]).toEqual([[3, 4, 5], true]);
    const last = await get('after=5');
    expect([last.items.map((message) => message.seq), last.hasMore]).toEqual([[6, 7], false]);
    expect(
      (await call(api, 'GET', `/api/threads/${own.id}/messages?after=-1`, { token: members[1].token })).status,
    ).toBe(400);
  });

  it('edits by the author keep earlier versions for readers; deletion leaves a tombstone with no text anywhere', async () => {
    const created = (await (
      await send(members[0], thread.id, 'Draft wording GUAVA-EDIT-MARKER')
    ).json()) as MessageView;
    const path = `/api/threads/${thread.id}/messages/${created.id}`;
    expect((await call(api, 'PATCH', path, { token: members[1].token, body: { body: 'hijack' } })).status).toBe(403);
    const edited = await call(api, 'PATCH', path, { token: members[0].token, body: { body: 'Final wording' } });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as MessageView).editedAt).not.toBeNull();
    const versions = (await (await call(api, 'GET', `${path}/versions`, { token: members[2].token })).json()) as {
      body: string;
    }[];
    expect(versions.map((version) => version.body)).toEqual(['Draft wording GUAVA-EDIT-MARKER']);

    // A member who is not a coordinator may not delete another's message.
    expect((await call(api, 'DELETE', path, { token: members[1].token })).status).toBe(403);
    const deleted = await call(api, 'DELETE', path, { token: members[0].token });
    expect(deleted.status).toBe(200);
    expect((await deleted.json()) as MessageView).toMatchObject({ body: null, deletedAt: expect.any(String) });
    const [row] = await rows<{ body_sealed: string | null }>('SELECT body_sealed FROM messages WHERE id = $1', [
      created.id,
    ]);
    expect(row.body_sealed).toBeNull();
    expect(await rows('SELECT id FROM message_edits WHERE message_id = $1', [created.id])).toHaveLength(0);
    expect((await call(api, 'PATCH', path, { token: members[0].token, body: { body: 'again' } })).status).toBe(410);
  });

  it('lets the network’s coordinator moderate: pin, lock (no more messages), delete any message', async () => {
    const own = await createForumThread(api, members[0], networkId, 'Moderation');
    const message = (await (await send(members[0], own.id, 'to be moderated')).json()) as MessageView;
    // A plain member may not.
    expect(
      (await call(api, 'PATCH', `/api/threads/${own.id}`, { token: members[1].token, body: { locked: true } })).status,
    ).toBe(403);
    const [{ authority_id: authorityId }] = await rows<{ authority_id: string }>(
      'SELECT authority_id FROM users WHERE id = $1',
      [members[0].user.id],
    );
    const coordinatorUser = await createUser(api.app, 'coordinator', { authorityId });
    expect(
      (
        await call(api, 'PUT', `/api/networks/${networkId}/coordinators`, {
          token: adminToken,
          body: { userIds: [coordinatorUser.id] },
        })
      ).status,
    ).toBe(200);
    const coordinator = { user: coordinatorUser, token: (await signIn(api, coordinatorUser)).accessToken };
    const locked = await call(api, 'PATCH', `/api/threads/${own.id}`, {
      token: coordinator.token,
      body: { locked: true, pinned: true },
    });
    expect(locked.status).toBe(200);
    expect((await locked.json()) as ThreadView).toMatchObject({ locked: true, pinned: true, canModerate: true });
    expect((await send(members[0], own.id, 'after the lock')).status).toBe(403);
    expect(
      (await call(api, 'DELETE', `/api/threads/${own.id}/messages/${message.id}`, { token: coordinator.token })).status,
    ).toBe(200);
  });

  it('keeps read state per user, and the inbox counts what others wrote since', async () => {
    const [writer, reader] = members;
    const own = await createForumThread(api, writer, networkId, 'Unread');
    for (let index = 0; index < 3; index += 1) await send(writer, own.id, `n${index}`);
    const inbox = async (member: Member) =>
      (
        (await (await call(api, 'GET', `/api/threads?networkId=${networkId}`, { token: member.token })).json()) as {
          items: ThreadView[];
        }
      ).items.find((entry) => entry.id === own.id);
    expect(await inbox(reader)).toMatchObject({ unread: 3, readSeq: 0, lastSeq: 3, subject: 'Unread' });
    expect(await inbox(writer)).toMatchObject({ unread: 0, readSeq: 3 });
    const read = await call(api, 'POST', `/api/threads/${own.id}/read`, { token: reader.token, body: { seq: 2 } });
    expect(await read.json()).toEqual({ readSeq: 2 });
    // Never backwards, never past the end.
    await call(api, 'POST', `/api/threads/${own.id}/read`, { token: reader.token, body: { seq: 1 } });
    expect(await inbox(reader)).toMatchObject({ unread: 1, readSeq: 2 });
    expect(
      await (await call(api, 'POST', `/api/threads/${own.id}/read`, { token: reader.token, body: { seq: 99 } })).json(),
    ).toEqual({ readSeq: 3 });
  });

  it('refuses bad input with problem+json naming the field, and stores nothing', async () => {
    const before = await rows('SELECT id FROM messages WHERE thread_id = $1', [thread.id]);
    const cases: [unknown, string][] = [
      [{ clientId: randomUUID(), body: '   ' }, 'body'],
      [{ clientId: randomUUID(), body: 'x'.repeat(20_001) }, 'body'],
      [{ clientId: 'not-a-uuid', body: 'x' }, 'clientId'],
      [{ clientId: randomUUID(), body: 'x', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const response = await call(api, 'POST', `/api/threads/${thread.id}/messages`, { token: members[0].token, body });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { errors: { field: string }[] }).errors[0].field).toBe(field);
    }
    expect((await send(members[0], thread.id, 'x'.repeat(20_000))).status).toBe(201);
    expect(await rows('SELECT id FROM messages WHERE thread_id = $1', [thread.id])).toHaveLength(before.length + 1);
    const socket = await connectSocket(api, { token: members[0].token });
    const ack = (await socket
      .timeout(5000)
      .emitWithAck('message.send', { threadId: thread.id, clientId: randomUUID(), body: '' })) as SendAck;
    socket.close();
    expect(ack).toMatchObject({ ok: false, problem: { status: 400, errors: [{ field: 'body' }] } });
  });

  it('limits each sender’s rate, shared by REST and the socket, with a 429 that says when to retry', async () => {
    const limited = await startApp({ env: { MESSAGE_RATE_PER_SECOND: '3', MESSAGE_RATE_BURST: '5' } });
    try {
      // People of their own: the allowance is counted per person in Redis, so the other tests' sends by
      // the shared members would already have used some of it.
      const fresh = await networkWithMembers(limited, adminToken, 2);
      const own = await createForumThread(limited, fresh.members[0], fresh.directory.networkId, 'Rate');
      const { token } = fresh.members[1];
      // All at once, so they fall in one second's window however slow the machine: sent one after another,
      // a slow run spilled into the next second and its allowance.
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          call(limited, 'POST', `/api/threads/${own.id}/messages`, {
            token,
            body: { clientId: randomUUID(), body: `r${index}` },
          }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
      for (const response of responses.filter((response) => response.status === 429)) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(((await response.json()) as { type: string }).type).toBe('/problems/rate-limited');
      }
    } finally {
      await limited.close();
    }
  });
});

describe('messaging: who may read what', () => {
  let api: RunningApp;
  let adminToken: string;

  beforeAll(async () => {
    api = await startApp();
    adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
  });
  afterAll(() => api.close());

  it('hides a forum thread from a member of another network (404, no room), and from admins who are not members', async () => {
    const ours = await networkWithMembers(api, adminToken, 1);
    const theirs = await networkWithMembers(api, adminToken, 1);
    const forum = await createForumThread(api, ours.members[0], ours.directory.networkId, 'Ours only');
    const outsider = theirs.members[0];
    for (const [method, path, body] of [
      ['GET', `/api/threads/${forum.id}`],
      ['GET', `/api/threads/${forum.id}/messages`],
      ['POST', `/api/threads/${forum.id}/messages`, { clientId: randomUUID(), body: 'hello?' }],
      ['POST', `/api/threads/${forum.id}/read`, { seq: 1 }],
      ['GET', `/api/threads/${randomUUID()}`],
    ] as [string, string, unknown?][]) {
      expect([path, (await call(api, method, path, { token: outsider.token, body })).status]).toEqual([path, 404]);
    }
    expect((await call(api, 'GET', `/api/threads/${forum.id}`, { token: adminToken })).status).toBe(404);
    expect(
      (
        await call(api, 'POST', `/api/networks/${ours.directory.networkId}/threads`, {
          token: outsider.token,
          body: { subject: 'x' },
        })
      ).status,
    ).toBe(403);
    const list = (await (await call(api, 'GET', '/api/threads', { token: outsider.token })).json()) as {
      items: ThreadView[];
    };
    expect(list.items.map((entry) => entry.id)).not.toContain(forum.id);

    const socket = await connectSocket(api, { token: outsider.token });
    try {
      expect(await socket.timeout(5000).emitWithAck('room.join', { room: `thread:${forum.id}` })).toEqual({
        ok: false,
      });
      expect(
        await socket.timeout(5000).emitWithAck('room.join', { room: `network:${ours.directory.networkId}` }),
      ).toEqual({ ok: false });
      const synced = (await socket
        .timeout(5000)
        .emitWithAck('thread.sync', { threads: [{ threadId: forum.id, lastSeq: 0 }] })) as {
        results: { ok: boolean }[];
      };
      expect(synced.results).toEqual([{ threadId: forum.id, ok: false }]);
      const ack = (await socket
        .timeout(5000)
        .emitWithAck('message.send', { threadId: forum.id, clientId: randomUUID(), body: 'x' })) as SendAck;
      expect(ack).toMatchObject({ ok: false, problem: { status: 404 } });
    } finally {
      socket.close();
    }
  });

  it('shows a private thread to its participants only; a removed participant loses it at once, live socket included', async () => {
    const people = await networkWithMembers(api, adminToken, 1);
    const others = await networkWithMembers(api, adminToken, 2);
    const [creator] = people.members;
    const [guest, stranger] = others.members;
    const created = await call(api, 'POST', '/api/threads', {
      token: creator.token,
      body: { subject: 'Across networks', participantIds: [guest.user.id] },
    });
    expect(created.status).toBe(201);
    const privateThread = (await created.json()) as ThreadView;
    expect(privateThread.participants.map((person) => person.id).sort()).toEqual(
      [creator.user.id, guest.user.id].sort(),
    );
    expect((await call(api, 'GET', `/api/threads/${privateThread.id}`, { token: stranger.token })).status).toBe(404);
    expect((await call(api, 'GET', `/api/threads/${privateThread.id}`, { token: guest.token })).status).toBe(200);
    expect(
      (
        await call(api, 'POST', `/api/threads/${privateThread.id}/participants`, {
          token: guest.token,
          body: { userId: stranger.user.id },
        })
      ).status,
    ).toBe(403);
    const forged = await call(api, 'POST', '/api/threads', {
      token: creator.token,
      body: { subject: 'x', participantIds: [randomUUID()] },
    });
    expect(forged.status).toBe(400);

    const socket = await connectSocket(api, { token: guest.token });
    try {
      const synced = (await socket
        .timeout(5000)
        .emitWithAck('thread.sync', { threads: [{ threadId: privateThread.id, lastSeq: 0 }] })) as {
        results: { ok: boolean }[];
      };
      expect(synced.results[0].ok).toBe(true);
      const received: MessageView[] = [];
      socket.on('message.created', (message) => received.push(message));
      const removedEvent = new Promise((resolve) => socket.once('thread.participant-removed', resolve));
      await call(api, 'POST', `/api/threads/${privateThread.id}/messages`, {
        token: creator.token,
        body: { clientId: randomUUID(), body: 'before' },
      });
      await eventually(() => received.length === 1, 5000, 'the first message');

      expect(
        (
          await call(api, 'DELETE', `/api/threads/${privateThread.id}/participants/${guest.user.id}`, {
            token: creator.token,
          })
        ).status,
      ).toBe(204);
      await removedEvent;
      await call(api, 'POST', `/api/threads/${privateThread.id}/messages`, {
        token: creator.token,
        body: { clientId: randomUUID(), body: 'after' },
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(received.map((message) => message.body)).toEqual(['before']);
      expect((await call(api, 'GET', `/api/threads/${privateThread.id}/messages`, { token: guest.token })).status).toBe(
        404,
      );
      expect(await socket.timeout(5000).emitWithAck('room.join', { room: `thread:${privateThread.id}` })).toEqual({
        ok: false,
      });
    } finally {
      socket.close();
    }
  });

  it('takes someone removed from a network out of its forum threads at once, live socket included', async () => {
    const { members, directory } = await networkWithMembers(api, adminToken, 2);
    const [writer, leaving] = members;
    const forum = await createForumThread(api, writer, directory.networkId, 'Members only');
    const socket = await connectSocket(api, { token: leaving.token });
    try {
      await socket.timeout(5000).emitWithAck('thread.sync', { threads: [{ threadId: forum.id, lastSeq: 0 }] });
      const received: string[] = [];
      socket.on('message.created', (message) => received.push(message.body ?? ''));
      await call(api, 'POST', `/api/threads/${forum.id}/messages`, {
        token: writer.token,
        body: { clientId: randomUUID(), body: 'while a member' },
      });
      await eventually(() => received.length === 1, 5000, 'the first message');
      expect(
        (
          await call(api, 'DELETE', `/api/networks/${directory.networkId}/members/${leaving.user.id}`, {
            token: adminToken,
          })
        ).status,
      ).toBe(204);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await call(api, 'POST', `/api/threads/${forum.id}/messages`, {
        token: writer.token,
        body: { clientId: randomUUID(), body: 'after leaving' },
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(received).toEqual(['while a member']);
      expect((await call(api, 'GET', `/api/threads/${forum.id}`, { token: leaving.token })).status).toBe(404);
    } finally {
      socket.close();
    }
  });

  it('answers 400 for a malformed id and 404 for a forged one, wherever ids are taken', async () => {
    const { members } = await networkWithMembers(api, adminToken, 1);
    const bad = await call(api, 'GET', '/api/threads/not-a-uuid/messages', { token: members[0].token });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0].field).toBe('id');
    const forgedNetwork = await call(api, 'POST', `/api/networks/${randomUUID()}/threads`, {
      token: members[0].token,
      body: { subject: 'x' },
    });
    expect(forgedNetwork.status).toBe(404);
  });
});

describe('messaging: encryption at rest', () => {
  let api: RunningApp;
  let member: Member;
  let thread: ThreadView;

  beforeAll(async () => {
    api = await startApp();
    const adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    const network = await networkWithMembers(api, adminToken, 1);
    member = network.members[0];
    thread = await createForumThread(api, member, network.directory.networkId, 'Subject KESTREL-SUBJECT-MARKER');
  });
  afterAll(() => api.close());

  it('stores subjects and bodies sealed with a per-thread key, wrapped by the current master key', async () => {
    await call(api, 'POST', `/api/threads/${thread.id}/messages`, {
      token: member.token,
      body: { clientId: randomUUID(), body: 'Body OSPREY-BODY-MARKER' },
    });
    const [stored] = await rows<{ subject_sealed: string; wrapped_key: string; master_key_id: string }>(
      'SELECT * FROM threads WHERE id = $1',
      [thread.id],
    );
    expect(stored.subject_sealed).not.toContain('KESTREL');
    expect(stored.wrapped_key).toMatch(/^v1\.dev1\./);
    expect(stored.master_key_id).toBe('dev1');
    const [message] = await rows<{ body_sealed: string }>('SELECT body_sealed FROM messages WHERE thread_id = $1', [
      thread.id,
    ]);
    expect(message.body_sealed).not.toContain('OSPREY');
    // Readable through the API.
    const page = (await (
      await call(api, 'GET', `/api/threads/${thread.id}/messages`, { token: member.token })
    ).json()) as { items: MessageView[] };
    expect(page.items[0].body).toBe('Body OSPREY-BODY-MARKER');
  });

  it('reports a tampered ciphertext as unreadable (a placeholder in lists, a problem of its own type alone) and audits it', async () => {
    const sent = (await (
      await call(api, 'POST', `/api/threads/${thread.id}/messages`, {
        token: member.token,
        body: { clientId: randomUUID(), body: 'to be tampered' },
      })
    ).json()) as MessageView;
    await connectAs('superuser', (client) =>
      client.query(
        `UPDATE messages SET body_sealed = split_part(body_sealed, '.', 1) || '.' || translate(split_part(body_sealed, '.', 2), 'ABCDEFGHabcdefgh', 'BCDEFGHAbcdefgha') WHERE id = $1`,
        [sent.id],
      ),
    );
    const page = (await (
      await call(api, 'GET', `/api/threads/${thread.id}/messages`, { token: member.token })
    ).json()) as { items: MessageView[] };
    expect(page.items.find((message) => message.id === sent.id)).toMatchObject({ body: null, unreadable: true });
    const single = await call(api, 'GET', `/api/threads/${thread.id}/messages/${sent.id}`, { token: member.token });
    expect(single.status).toBe(500);
    expect(single.headers.get('content-type')).toContain('application/problem+json');
    expect(((await single.json()) as { type: string }).type).toBe('/problems/unreadable-ciphertext');
    const audited = await rows<{ target_id: string }>(
      "SELECT target_id FROM audit_log WHERE action = 'messaging.integrity-failed'",
    );
    expect(audited.map((row) => row.target_id)).toContain(sent.id);
    // The other messages still read.
    expect(page.items.filter((message) => message.id !== sent.id).every((message) => message.body !== null)).toBe(true);
  });

  it('a member of the network sees the thread in a network room when it is created', async () => {
    const adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    const network = await networkWithMembers(api, adminToken, 2);
    const socket = await connectSocket(api, { token: network.members[1].token });
    try {
      expect(
        await socket.timeout(5000).emitWithAck('room.join', { room: `network:${network.directory.networkId}` }),
      ).toEqual({ ok: true });
      const updated = new Promise<{ threadId: string }>((resolve) => socket.once('thread.updated', resolve));
      const created = await createForumThread(api, network.members[0], network.directory.networkId, 'New');
      expect((await updated).threadId).toBe(created.id);
    } finally {
      socket.close();
    }
  });
});
