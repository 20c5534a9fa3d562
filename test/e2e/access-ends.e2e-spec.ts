import { randomUUID } from 'node:crypto';
import type { MessageView, ThreadView } from '@liaison/messaging';
import { RealtimeGateway } from '@liaison/realtime';
import { call, signIn, SignedIn } from '../support/auth';
import { createDirectoryFixture } from '../support/directory';
import { storedRows } from '../support/database';
import { createUser } from '../support/factories';
import { createForumThread, Member, networkWithMembers } from '../support/messaging';
import { eventually, PrivateRedis } from '../support/queues';
import { ClientSocket, connectSocket, disconnectedWithin } from '../support/sockets';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(120_000);

const FAST = { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_RATE_BURST: '2000' };
/** The periodic room re-check, in seconds instead of a minute. */
const RECHECK_MS = 3000;

/** A socket joined to a thread's room, remembering every message it is pushed. */
interface Listener {
  socket: ClientSocket;
  received: string[];
}

async function listen(node: RunningApp, token: string, threadId: string): Promise<Listener> {
  const socket = await connectSocket(node, { token });
  const received: string[] = [];
  socket.on('message.created', (message: MessageView) => received.push(message.body ?? ''));
  const joined = (await socket.timeout(5000).emitWithAck('thread.sync', { threads: [{ threadId, lastSeq: 0 }] })) as {
    results: { ok: boolean }[];
  };
  if (!joined.results[0]?.ok) throw new Error('the listener could not join the thread');
  return { socket, received };
}

/**
 * Sends one message as `author` through `via` and waits until `control` (a reader on the same node as the
 * others) holds it: the room's broadcast has reached that node, so every socket still in the room has it too.
 */
async function sendAndSettle(via: RunningApp, author: Member, threadId: string, control: Listener): Promise<string> {
  const body = `probe ${randomUUID()}`;
  const sent = await call(via, 'POST', `/api/threads/${threadId}/messages`, {
    token: author.token,
    body: { clientId: randomUUID(), body },
  });
  if (sent.status !== 201) throw new Error(`sending answered ${sent.status}`);
  await eventually(() => control.received.includes(body), 10_000, 'the control reader to get the message');
  await new Promise((resolve) => setTimeout(resolve, 150));
  return body;
}

describe('losing the right to read ends live delivery, on every node', () => {
  let nodeA: RunningApp;
  let nodeB: RunningApp;
  let admin: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    // The default (minute-long) periodic re-check: within these tests only the path itself and the
    // per-event session check (cached 200 ms here) can act.
    const env = { ...FAST, REALTIME_SESSION_CHECK_MS: '200' };
    [nodeA, nodeB] = await Promise.all([startApp({ env }), startApp({ env })]);
    admin = (await signIn(nodeA, await createUser(nodeA.app, 'admin'))).accessToken;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([nodeA.close(), nodeB.close()]);
  });

  /**
   * A forum thread of a fresh network with an author, a control reader and the person who will lose access,
   * both listening on node B; the action happens on node A.
   */
  async function forum() {
    const { directory, members } = await networkWithMembers(nodeA, admin, 3);
    const [author, control, target] = members;
    const thread = await createForumThread(nodeA, author, directory.networkId, 'Losing access');
    const controlListener = await listen(nodeB, control.token, thread.id);
    const targetListener = await listen(nodeB, target.token, thread.id);
    sockets.push(controlListener.socket, targetListener.socket);
    // Both receive while they may read.
    const before = await sendAndSettle(nodeA, author, thread.id, controlListener);
    expect(targetListener.received).toContain(before);
    return { directory, author, control: controlListener, target, targetListener, thread };
  }

  /** After the access ended: a new message reaches the control reader, never the target. */
  async function expectCutOff(setup: Awaited<ReturnType<typeof forum>>): Promise<void> {
    const after = await sendAndSettle(nodeA, setup.author, setup.thread.id, setup.control);
    expect(setup.targetListener.received).not.toContain(after);
  }

  it('leaving a network', async () => {
    const setup = await forum();
    const removed = await call(
      nodeA,
      'DELETE',
      `/api/networks/${setup.directory.networkId}/members/${setup.target.user.id}`,
      {
        token: admin,
      },
    );
    expect(removed.status).toBe(204);
    await expectCutOff(setup);
  });

  it('a role change that removes memberships (focal point made secretariat)', async () => {
    const setup = await forum();
    const changed = await call(nodeA, 'PATCH', `/api/users/${setup.target.user.id}/role`, {
      token: admin,
      body: { role: 'secretariat' },
    });
    expect(changed.status).toBe(200);
    expect(await storedRows('SELECT 1 FROM network_members WHERE user_id = $1', [setup.target.user.id])).toEqual([]);
    await expectCutOff(setup);
  });

  it('a State removed from the network ends the memberships of its focal points', async () => {
    const setup = await forum();
    const other = await createDirectoryFixture(nodeA, admin, { stateCode: 'QG' });
    const changed = await call(nodeA, 'PATCH', `/api/networks/${setup.directory.networkId}`, {
      token: admin,
      body: { stateCodes: [other.stateCode] },
    });
    expect(changed.status).toBe(200);
    expect(
      await storedRows('SELECT 1 FROM network_members WHERE network_id = $1', [setup.directory.networkId]),
    ).toEqual([]);
    // Nobody of the removed State reads the forum any more, the author included.
    const listed = await call(nodeA, 'GET', `/api/threads/${setup.thread.id}`, { token: setup.author.token });
    expect(listed.status).toBe(404);
    // Every socket of the thread's readers leaves the room on node B.
    await eventually(
      async () => (await roomMembers(nodeB, setup.thread.id)).length === 0,
      5000,
      'the thread room to be empty on node B',
    );
  });

  it('a person moved to an authority of a State outside the network loses the membership and the room', async () => {
    const setup = await forum();
    const elsewhere = await createDirectoryFixture(nodeA, admin, { stateCode: 'QH' });
    const moved = await call(nodeA, 'PUT', `/api/users/${setup.target.user.id}/authority`, {
      token: admin,
      body: { authorityId: elsewhere.authorityId },
    });
    expect(moved.status).toBe(204);
    expect(
      await storedRows('SELECT 1 FROM network_members WHERE network_id = $1 AND user_id = $2', [
        setup.directory.networkId,
        setup.target.user.id,
      ]),
    ).toEqual([]);
    await expectCutOff(setup);
  });

  it('suspension disconnects the socket on the other node', async () => {
    const setup = await forum();
    const gone = disconnectedWithin(setup.targetListener.socket, 5000);
    const suspended = await call(nodeA, 'POST', `/api/users/${setup.target.user.id}/suspend`, { token: admin });
    expect(suspended.status).toBe(200);
    await expect(gone).resolves.toBe('io server disconnect');
    await expectCutOff(setup);
  });

  it('a participant removed from a private thread', async () => {
    const { members } = await networkWithMembers(nodeA, admin, 3);
    const [author, control, target] = members;
    const created = await call(nodeA, 'POST', '/api/threads', {
      token: author.token,
      body: { subject: 'Private', participantIds: [control.user.id, target.user.id] },
    });
    expect(created.status).toBe(201);
    const thread = (await created.json()) as ThreadView;
    const controlListener = await listen(nodeB, control.token, thread.id);
    const targetListener = await listen(nodeB, target.token, thread.id);
    sockets.push(controlListener.socket, targetListener.socket);
    expect(targetListener.received).toEqual([]);
    const before = await sendAndSettle(nodeA, author, thread.id, controlListener);
    expect(targetListener.received).toContain(before);
    const removed = await call(nodeA, 'DELETE', `/api/threads/${thread.id}/participants/${target.user.id}`, {
      token: author.token,
    });
    expect(removed.status).toBe(204);
    const after = await sendAndSettle(nodeA, author, thread.id, controlListener);
    expect(targetListener.received).not.toContain(after);
  });

  it('cannot send from its already-open socket once suspended, even if the suspension signal was lost', async () => {
    const { directory, members } = await networkWithMembers(nodeA, admin, 2);
    const [author, suspended] = members;
    const thread = await createForumThread(nodeA, author, directory.networkId, 'Suspended sender');
    const socket = await connectSocket(nodeB, { token: suspended.token });
    const first = await socket.timeout(5000).emitWithAck('message.send', {
      threadId: thread.id,
      clientId: randomUUID(),
      body: 'before',
    });
    expect(first).toMatchObject({ ok: true });
    // Suspended in PostgreSQL, with no cluster event: as if it were lost on the way.
    await storedRows(`UPDATE users SET status = 'suspended' WHERE id = $1`, [suspended.user.id]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const gone = disconnectedWithin(socket, 5000);
    const clientId = randomUUID();
    const attempt = await socket
      .timeout(3000)
      .emitWithAck('message.send', { threadId: thread.id, clientId, body: 'after suspension' })
      .then(
        (ack) => ack,
        (error: Error) => ({ refused: error.message }),
      );
    expect(attempt).not.toMatchObject({ ok: true });
    await expect(gone).resolves.toBe('io server disconnect');
    expect(await storedRows('SELECT 1 FROM messages WHERE client_id = $1', [clientId])).toEqual([]);
  });

  it('cannot act on a socket whose session was revoked in PostgreSQL only', async () => {
    const user = await createUser(nodeA.app, 'focal_point');
    const session = await signIn(nodeA, user);
    const socket = await connectSocket(nodeB, { token: session.accessToken });
    await storedRows(`UPDATE sessions SET revoked_at = now(), revoked_reason = 'test' WHERE user_id = $1`, [user.id]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const gone = disconnectedWithin(socket, 5000);
    const answer = await socket
      .timeout(3000)
      .emitWithAck('room.join', { room: `user:${user.id}` })
      .catch((error: Error) => ({ refused: error.message }));
    expect(answer).not.toEqual({ ok: true });
    await expect(gone).resolves.toBe('io server disconnect');
  });

  it('leaves a room it may no longer read when it presents a refreshed token', async () => {
    const { directory, members } = await networkWithMembers(nodeA, admin, 3);
    const [author, control] = members;
    const target = await createUser(nodeA.app, 'focal_point', { authorityId: directory.authorityId });
    await call(nodeA, 'POST', `/api/networks/${directory.networkId}/members`, {
      token: admin,
      body: { userId: target.id },
    });
    const targetSession: SignedIn = await signIn(nodeA, target);
    const thread = await createForumThread(nodeA, author, directory.networkId, 'Refresh');
    const controlListener = await listen(nodeB, control.token, thread.id);
    const targetListener = await listen(nodeB, targetSession.accessToken, thread.id);
    await storedRows('DELETE FROM network_members WHERE network_id = $1 AND user_id = $2', [
      directory.networkId,
      target.id,
    ]);
    const refreshed = await call(nodeA, 'POST', '/api/auth/refresh', { cookie: targetSession.refreshCookie });
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    const reauth = await targetListener.socket.timeout(5000).emitWithAck('auth.refresh', { token: accessToken });
    expect(reauth).toMatchObject({ ok: true });
    const after = await sendAndSettle(nodeA, author, thread.id, controlListener);
    expect(targetListener.received).not.toContain(after);
    controlListener.socket.close();
    targetListener.socket.close();
  });
});

/** The ids of the sockets in a thread's room on one node. */
async function roomMembers(node: RunningApp, threadId: string): Promise<string[]> {
  const sockets = await node.app.get(RealtimeGateway).server.local.in(`thread:${threadId}`).fetchSockets();
  return sockets.map((socket) => socket.id);
}

describe('a removal lost in transit', () => {
  let nodeA: RunningApp;
  let nodeB: RunningApp;
  let admin: string;
  let nextPassOnB: () => Promise<void>;
  const sockets: ClientSocket[] = [];

  /** Resolves when the node's next periodic re-check pass has ended. */
  function watchRechecks(node: RunningApp): () => Promise<void> {
    const gateway = node.app.get(RealtimeGateway);
    const recheckAll = gateway.recheckAll.bind(gateway);
    const waiting: (() => void)[] = [];
    gateway.recheckAll = async () => {
      await recheckAll();
      for (const resolve of waiting.splice(0)) resolve();
    };
    return () => new Promise((resolve) => waiting.push(resolve));
  }

  beforeAll(async () => {
    const env = { ...FAST, REALTIME_RECHECK_INTERVAL_MS: String(RECHECK_MS) };
    [nodeA, nodeB] = await Promise.all([startApp({ env }), startApp({ env })]);
    nextPassOnB = watchRechecks(nodeB);
    admin = (await signIn(nodeA, await createUser(nodeA.app, 'admin'))).accessToken;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([nodeA.close(), nodeB.close()]);
  });

  async function forum() {
    const { directory, members } = await networkWithMembers(nodeA, admin, 3);
    const [author, control, target] = members;
    const thread = await createForumThread(nodeA, author, directory.networkId, 'Lost in transit');
    const controlListener = await listen(nodeB, control.token, thread.id);
    const targetListener = await listen(nodeB, target.token, thread.id);
    sockets.push(controlListener.socket, targetListener.socket);
    return { directory, author, control: controlListener, target, targetListener, thread };
  }

  async function expectCutOff(setup: Awaited<ReturnType<typeof forum>>): Promise<void> {
    const after = await sendAndSettle(nodeA, setup.author, setup.thread.id, setup.control);
    expect(setup.targetListener.received).not.toContain(after);
  }

  it('a removal whose message is lost in transit is corrected by the periodic re-check within one period', async () => {
    const setup = await forum();
    // Start just after a pass, so the next one is a whole period away while the test looks.
    await nextPassOnB();
    // The row goes, the message never leaves: as if Redis had dropped it.
    await storedRows('DELETE FROM network_members WHERE network_id = $1 AND user_id = $2', [
      setup.directory.networkId,
      setup.target.user.id,
    ]);
    // Still in the room: nothing told node B.
    const stillThere = await sendAndSettle(nodeA, setup.author, setup.thread.id, setup.control);
    expect(setup.targetListener.received).toContain(stillThere);
    await nextPassOnB();
    await expectCutOff(setup);
    // Connected still: losing one thread is not losing the session.
    expect(setup.targetListener.socket.connected).toBe(true);
  });
});

describe('while Redis is away', () => {
  let redis: PrivateRedis;
  let node: RunningApp;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    node = await startApp({ env: { ...FAST, REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await node.close();
    await redis.stop();
  });

  it('signing out and suspending answer within seconds, and the Redis reconnect re-checks rooms', async () => {
    const admin = (await signIn(node, await createUser(node.app, 'admin'))).accessToken;
    const { directory, members } = await networkWithMembers(node, admin, 3);
    const [author, control, target] = members;
    const thread = await createForumThread(node, author, directory.networkId, 'Redis away');
    const controlListener = await listen(node, control.token, thread.id);
    const targetListener = await listen(node, target.token, thread.id);
    const leaving = await signIn(node, await createUser(node.app, 'focal_point'));
    const suspended = await createUser(node.app, 'focal_point');

    await redis.kill();
    await storedRows('DELETE FROM network_members WHERE network_id = $1 AND user_id = $2', [
      directory.networkId,
      target.user.id,
    ]);
    const timed = async (work: () => Promise<Response>) => {
      const started = Date.now();
      const response = await work();
      return { status: response.status, ms: Date.now() - started };
    };
    const signOut = await timed(() => call(node, 'POST', '/api/auth/sign-out', { token: leaving.accessToken }));
    expect(signOut.status).toBe(204);
    expect(signOut.ms).toBeLessThan(5000);
    const suspend = await timed(() => call(node, 'POST', `/api/users/${suspended.id}/suspend`, { token: admin }));
    expect(suspend.status).toBe(200);
    expect(suspend.ms).toBeLessThan(5000);

    const resynced = new Promise((resolve) => targetListener.socket.once('resync', resolve));
    await redis.restart();
    await resynced;
    await eventually(
      async () => !(await roomMembers(node, thread.id)).includes(targetListener.socket.id ?? ''),
      5000,
      'the target to leave the room after Redis came back',
    );
    const after = await sendAndSettle(node, author, thread.id, controlListener);
    expect(targetListener.received).not.toContain(after);
    expect(controlListener.received).toContain(after);
    controlListener.socket.close();
    targetListener.socket.close();
  });
});
