import { randomUUID } from 'node:crypto';
import type { MessageView, SendAck, SyncResult, ThreadView } from '@liaison/messaging';
import { ThreadsService } from '@liaison/messaging';
import { call, signIn } from '../support/auth';
import { connectAs } from '../support/database';
import { createUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import type { Member } from '../support/messaging';
import { eventually, queueEnv, withWorkers } from '../support/queues';
import { ClientSocket, connectSocket } from '../support/sockets';
import { RunningApp, startApp } from '../support/test-app';
import { PROBE_KIND, QUIET_PROBE_KIND, ThreadKindProbeModule } from '../support/thread-kind-probe.module';

jest.setTimeout(90_000);

/**
 * A kind of thread registered by a test-only module, as the helpdesk will register its own: every path of
 * messaging obeys its rules (read: participants, and the secretariat read-only; write: participants), its
 * room, its inbox and notice flags, and leaves its creation, moderation and participants to its owner.
 */
describe('thread kinds registered by another library', () => {
  let api: RunningApp;
  let smtp: TestSmtpServer;
  let threads: ThreadsService;
  let alice: Member;
  let bob: Member;
  let carol: Member;
  let observer: Member;
  let probe: string;
  let quiet: string;

  const member = async (role: 'focal_point' | 'secretariat'): Promise<Member> => {
    const user = await createUser(api.app, role);
    return { user, token: (await signIn(api, user)).accessToken };
  };
  const status = async (method: string, path: string, who: Member, body?: unknown) =>
    (await call(api, method, `/api${path}`, { token: who.token, body })).status;
  const json = async <T>(method: string, path: string, who: Member, body?: unknown): Promise<T> => {
    const response = await call(api, method, `/api${path}`, { token: who.token, body });
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  const send = (who: Member, threadId: string, body: string, mentions: string[] = []) =>
    call(api, 'POST', `/api/threads/${threadId}/messages`, {
      token: who.token,
      body: { clientId: randomUUID(), body, mentions },
    });
  const inbox = async (who: Member, query = '') =>
    (await json<{ items: ThreadView[] }>('GET', `/threads${query}`, who)).items.map((thread) => thread.id);
  const sync = async (socket: ClientSocket, threadIds: string[]) =>
    (
      (await socket.timeout(5000).emitWithAck('thread.sync', {
        threads: threadIds.map((threadId) => ({ threadId, lastSeq: 0 })),
      })) as { results: SyncResult[] }
    ).results;
  const join = async (socket: ClientSocket, room: string) =>
    ((await socket.timeout(5000).emitWithAck('room.join', { room })) as { ok: boolean }).ok;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    api = await withWorkers(
      await startApp({
        env: queueEnv(smtp.port, { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_RATE_BURST: '2000' }),
        modules: [ThreadKindProbeModule],
      }),
    );
    threads = api.app.get(ThreadsService);
    [alice, bob, carol] = [await member('focal_point'), await member('focal_point'), await member('focal_point')];
    observer = await member('secretariat');
    // Created through the owner's side of messaging's service, as the owning library does.
    const participantIds = [alice.user.id, bob.user.id];
    probe = await threads.createOfKind(PROBE_KIND, { createdBy: alice.user.id, subject: 'Probe case', participantIds });
    quiet = await threads.createOfKind(QUIET_PROBE_KIND, {
      createdBy: alice.user.id,
      subject: 'Probe notes',
      participantIds,
    });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  it('refuses to create a thread of a kind nobody registered', async () => {
    await expect(threads.createOfKind('nobody-registered', { createdBy: alice.user.id, subject: 'x' })).rejects.toThrow(
      'unknown thread kind "nobody-registered"',
    );
  });

  it('lists the kind in its readers’ inbox only if it is an inbox kind', async () => {
    const own = await inbox(alice);
    expect(own).toContain(probe);
    expect(own).not.toContain(quiet);
    expect(await inbox(alice, `?kind=${PROBE_KIND}`)).toEqual([probe]);
    expect(await inbox(observer)).toContain(probe);
    expect(await inbox(carol)).toEqual([]);
    const outOfInbox = await call(api, 'GET', `/api/threads?kind=${QUIET_PROBE_KIND}`, { token: alice.token });
    expect(outOfInbox.status).toBe(400);
    expect(await outOfInbox.json()).toMatchObject({ errors: [{ field: 'kind' }] });
  });

  it('reads a thread by the kind’s rule: 404 for anyone else', async () => {
    const view = await json<ThreadView>('GET', `/threads/${probe}`, bob);
    expect(view).toMatchObject({ kind: PROBE_KIND, subject: 'Probe case', canModerate: false });
    expect(view.participants.map((person) => person.id).sort()).toEqual([alice.user.id, bob.user.id].sort());
    expect(view.canManageParticipants).toBe(false);
    expect((await json<ThreadView>('GET', `/threads/${quiet}`, bob)).kind).toBe(QUIET_PROBE_KIND);
    expect(await status('GET', `/threads/${probe}`, observer)).toBe(200);
    expect(await status('GET', `/threads/${quiet}`, observer)).toBe(404);
    for (const threadId of [probe, quiet]) {
      expect(await status('GET', `/threads/${threadId}`, carol)).toBe(404);
      expect(await status('GET', `/threads/${threadId}/messages`, carol)).toBe(404);
    }
  });

  it('sends, edits, deletes and keeps versions by the kind’s read and write rules', async () => {
    const sent = await send(alice, probe, 'First draft');
    expect(sent.status).toBe(201);
    const message = (await sent.json()) as MessageView;
    expect((await send(carol, probe, 'intruder')).status).toBe(404);
    // The secretariat reads this kind without writing in it: it sees the thread, so 403.
    expect((await send(observer, probe, 'observer')).status).toBe(403);
    const socket = await connectSocket(api, { token: observer.token });
    try {
      const ack = (await socket
        .timeout(5000)
        .emitWithAck('message.send', { threadId: probe, clientId: randomUUID(), body: 'observer' })) as SendAck;
      expect(ack).toMatchObject({ ok: false, problem: { status: 403 } });
    } finally {
      socket.close();
    }

    const path = `/threads/${probe}/messages/${message.id}`;
    expect(await status('PATCH', path, carol, { body: 'hijack' })).toBe(404);
    expect(await status('PATCH', path, alice, { body: 'Final text' })).toBe(200);
    expect(await status('GET', `${path}/versions`, carol)).toBe(404);
    const versions = await json<{ body: string }[]>('GET', `${path}/versions`, observer);
    expect(versions.map((version) => version.body)).toEqual(['First draft']);
    expect((await json<MessageView>('GET', path, bob)).body).toBe('Final text');

    expect(await status('DELETE', path, carol)).toBe(404);
    // Deleting someone else's message is moderation, which this kind leaves to its owner: 404 here.
    expect(await status('DELETE', path, bob)).toBe(404);
    expect(await status('DELETE', path, observer)).toBe(404);
    expect((await json<MessageView>('DELETE', path, alice)).deletedAt).not.toBeNull();
  });

  it('searches only the threads the kind lets the caller read, before the limit', async () => {
    const word = `zebu${randomUUID().slice(0, 8)}`;
    expect((await send(alice, probe, `probe ${word}`)).status).toBe(201);
    expect((await send(alice, quiet, `quiet ${word}`)).status).toBe(201);
    const search = (who: Member, extra = '') =>
      json<{ total: number; items: { thread: { id: string; kind: string } }[] }>(
        'GET',
        `/search/messages?q=${word}${extra}`,
        who,
      );
    expect((await search(bob)).total).toBe(2);
    const seen = await search(observer);
    expect(seen.total).toBe(1);
    expect(seen.items[0].thread).toMatchObject({ id: probe, kind: PROBE_KIND });
    expect(await search(carol)).toMatchObject({ total: 0, items: [] });
    expect(await search(carol, `&threadId=${probe}`)).toMatchObject({ total: 0, items: [] });
  });

  it('syncs and delivers live only to sockets the kind lets into its room, and drops a removed participant', async () => {
    const sockets = await Promise.all([bob, carol, observer].map((who) => connectSocket(api, { token: who.token })));
    const [bobSocket, carolSocket, observerSocket] = sockets;
    const received = new Map<ClientSocket, string[]>(sockets.map((socket) => [socket, []]));
    for (const socket of sockets)
      socket.on('message.created', (message) => {
        if (message.threadId === probe || message.threadId === quiet) received.get(socket)?.push(message.body ?? '');
      });
    try {
      // The outsider: no sync, no room by any name.
      expect((await sync(carolSocket, [probe, quiet])).map((result) => result.ok)).toEqual([false, false]);
      for (const room of [`probe:${probe}`, `thread:${probe}`, `thread:${quiet}`, `probe:${quiet}`])
        expect(await join(carolSocket, room)).toBe(false);
      // Readers: the kind's room, by its own name only.
      expect((await sync(bobSocket, [probe, quiet])).map((result) => result.ok)).toEqual([true, true]);
      expect((await sync(observerSocket, [probe, quiet])).map((result) => result.ok)).toEqual([true, false]);
      expect(await join(observerSocket, `thread:${probe}`)).toBe(false);
      expect(await join(observerSocket, `probe:${probe}`)).toBe(true);

      expect((await send(alice, probe, 'live one')).status).toBe(201);
      expect((await send(alice, quiet, 'live quiet')).status).toBe(201);
      await eventually(() => received.get(bobSocket)?.length === 2, 5000, 'bob’s two messages');
      await eventually(() => received.get(observerSocket)?.length === 1, 5000, 'the observer’s message');

      // The owner removes bob: his socket leaves the room at once.
      await threads.removeParticipantOfKind(PROBE_KIND, probe, bob.user.id);
      expect((await send(alice, probe, 'after removal')).status).toBe(201);
      await eventually(() => received.get(observerSocket)?.length === 2, 5000, 'the observer’s second message');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.get(bobSocket)).toEqual(['live one', 'live quiet']);
      expect(received.get(carolSocket)).toEqual([]);
      expect(received.get(observerSocket)).toEqual(['live one', 'after removal']);
      expect(await status('GET', `/threads/${probe}`, bob)).toBe(404);
      expect(await join(bobSocket, `probe:${probe}`)).toBe(false);
    } finally {
      for (const socket of sockets) socket.close();
      await threads.addParticipantsOfKind(PROBE_KIND, probe, [bob.user.id], alice.user.id);
    }
  });

  it('counts unread messages and moves read positions by the kind’s rule', async () => {
    const dave = await member('focal_point');
    const thread = await threads.createOfKind(QUIET_PROBE_KIND, {
      createdBy: alice.user.id,
      subject: 'Counting',
      participantIds: [alice.user.id, dave.user.id],
    });
    for (const body of ['one', 'two', 'three']) expect((await send(alice, thread, body)).status).toBe(201);
    expect(await json<ThreadView>('GET', `/threads/${thread}`, dave)).toMatchObject({ unread: 3, readSeq: 0 });
    expect(await json<{ readSeq: number }>('POST', `/threads/${thread}/read`, dave, { seq: 2 })).toEqual({
      readSeq: 2,
    });
    expect(await json<ThreadView>('GET', `/threads/${thread}`, dave)).toMatchObject({ unread: 1, readSeq: 2 });
    expect(await status('POST', `/threads/${thread}/read`, carol, { seq: 3 })).toBe(404);
    expect(await status('POST', `/threads/${thread}/read`, observer, { seq: 3 })).toBe(404);
    // Reading is allowed to a reader who may not write.
    expect(await json<{ readSeq: number }>('POST', `/threads/${probe}/read`, observer, { seq: 1 })).toEqual({
      readSeq: 1,
    });
  });

  it('sends messaging’s notices for a kind that wants them, none for one whose owner sends its own', async () => {
    const author = await member('focal_point');
    const offline = await member('focal_point');
    const participantIds = [author.user.id, offline.user.id];
    const own = await threads.createOfKind(QUIET_PROBE_KIND, {
      createdBy: author.user.id,
      subject: 's',
      participantIds,
    });
    const generic = await threads.createOfKind(PROBE_KIND, { createdBy: author.user.id, subject: 's', participantIds });
    const notices = () =>
      connectAs('superuser', async (client) =>
        (
          await client.query(
            `SELECT e.kind, e.link FROM notifications n JOIN notification_events e ON e.id = n.event_id
              WHERE n.user_id = $1 ORDER BY n.number`,
            [offline.user.id],
          )
        ).rows.map((row: { kind: string; link: string }) => `${row.kind} ${row.link}`),
      );
    // The quiet kind first: had it been noticed, its notices would come before the other kind's.
    expect((await send(author, own, 'hello', [offline.user.id])).status).toBe(201);
    expect((await send(author, generic, 'hello', [offline.user.id])).status).toBe(201);
    await eventually(async () => (await notices()).length >= 2, 10_000, 'the generic kind’s notices');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await notices()).sort()).toEqual(
      [`message.mention /threads/${generic}`, `thread.new-messages /threads/${generic}`].sort(),
    );
  });

  it('answers 404 from messaging’s own endpoints to create, moderate and manage participants of the kind', async () => {
    for (const kind of [PROBE_KIND, QUIET_PROBE_KIND, 'nobody-registered'])
      expect(await status('POST', '/threads', alice, { subject: 'Mine', participantIds: [bob.user.id], kind })).toBe(
        404,
      );
    for (const who of [alice, bob, observer]) {
      expect(await status('PATCH', `/threads/${probe}`, who, { locked: true })).toBe(404);
      expect(await status('POST', `/threads/${probe}/participants`, who, { userId: carol.user.id })).toBe(404);
      expect(await status('DELETE', `/threads/${probe}/participants/${bob.user.id}`, who)).toBe(404);
    }
    expect(await status('PATCH', `/threads/${quiet}`, alice, { archived: true })).toBe(404);
    expect((await json<ThreadView>('GET', `/threads/${probe}`, bob)).locked).toBe(false);
    expect((await json<ThreadView>('GET', `/threads/${probe}`, bob)).participants).toHaveLength(2);
    // Messaging's own kind answers as before: a participant who may not moderate sees it, so 403.
    const own = await json<ThreadView>('POST', '/threads', alice, { subject: 'Ours', participantIds: [bob.user.id] });
    expect(own.kind).not.toBe(PROBE_KIND);
    expect(await status('PATCH', `/threads/${own.id}`, bob, { locked: true })).toBe(403);
    // The owner's service moderates: a locked thread takes no new message.
    await threads.setStateOfKind(PROBE_KIND, probe, { locked: true });
    expect((await send(bob, probe, 'too late')).status).toBe(403);
    expect((await json<ThreadView>('GET', `/threads/${probe}`, bob)).locked).toBe(true);
  });
});
