import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { ThreadView } from '@liaison/messaging';
import { call, signIn } from '../support/auth';
import { startBuilt } from '../support/cli';
import { connectAs } from '../support/database';
import { createUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import {
  createForumThread,
  Member,
  networkWithMembers,
  range,
  seqs,
  SyncClient,
  syncClient,
} from '../support/messaging';
import { closedPort } from '../support/net';
import { eventually, PrivateRedis, queueEnv, withWorkers } from '../support/queues';
import { connectSocket } from '../support/sockets';
import { RunningApp, startApp } from '../support/test-app';
import { adminUrl, currentTestRun, testEnvironment } from '../support/test-env';

jest.setTimeout(120_000);

const FAST = { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_RATE_BURST: '2000' };

/** Every client holds exactly seq 1..total, each once, in order. */
async function everyoneHolds(clients: SyncClient[], threadId: string, total: number, ms = 30_000): Promise<void> {
  await eventually(
    () => clients.every((client) => client.sync.lastSeq(threadId) >= total),
    ms,
    `every client to hold ${total} messages`,
  );
  for (const client of clients) {
    const held = client.sync.messages(threadId);
    expect(seqs(held)).toEqual(range(total));
    expect(new Set(held.map((message) => message.id)).size).toBe(total);
  }
}

/** `senders` each send `count` messages through the sync module, one after another, all senders at once. */
function sendAll(senders: SyncClient[], threadId: string, count: number, pauseMs = 0): Promise<unknown> {
  return Promise.all(
    senders.map(async (sender, index) => {
      for (let n = 0; n < count; n += 1) {
        await sender.sync.send(threadId, `sender ${index} message ${n}`);
        if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }),
  );
}

/**
 * Nothing lost, nothing twice: clients on two API nodes sharing PostgreSQL and Redis, all running the
 * client sync module the web app runs, through disconnections, a node stopping and Redis restarting.
 */
describe('messaging: delivery across nodes', () => {
  let nodeA: RunningApp;
  let nodeB: RunningApp | undefined;
  let adminToken: string;
  let members: Member[];
  let networkId: string;
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    [nodeA, nodeB] = await Promise.all([startApp({ env: FAST }), startApp({ env: FAST })]);
    adminToken = (await signIn(nodeA, await createUser(nodeA.app, 'admin'))).accessToken;
    const network = await networkWithMembers(nodeA, adminToken, 8);
    members = network.members;
    networkId = network.directory.networkId;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB?.close();
  });

  const connectAll = async (thread: ThreadView, urlOf: (index: number) => () => string) => {
    const connected = await Promise.all(members.map((member, index) => syncClient(urlOf(index), member.token)));
    clients.push(...connected);
    await Promise.all(connected.map((client) => client.sync.watch(thread.id)));
    return connected;
  };

  it('N senders × M messages into one thread from two nodes: every client holds seq 1..N·M in order, no gap, no duplicate', async () => {
    const thread = await createForumThread(nodeA, members[0], networkId, 'Fan-in');
    const connected = await connectAll(
      thread,
      (index) => () => (index % 2 === 0 ? nodeA.url : (nodeB as RunningApp).url),
    );
    const senders = connected.slice(0, 4);
    await sendAll(senders, thread.id, 25);
    await everyoneHolds(connected, thread.id, 100);
  });

  it('a client disconnected mid-stream reconnects and holds exactly the messages, once each', async () => {
    const thread = await createForumThread(nodeA, members[0], networkId, 'Reconnect');
    const connected = await connectAll(
      thread,
      (index) => () => (index % 2 === 0 ? nodeA.url : (nodeB as RunningApp).url),
    );
    const [sender, , , , dropping] = connected;
    const sending = sendAll([sender], thread.id, 60, 5);
    await eventually(() => dropping.sync.lastSeq(thread.id) >= 10, 10_000, 'the stream to start');
    dropping.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(dropping.sync.lastSeq(thread.id)).toBeLessThan(60);
    dropping.socket.connect();
    await sending;
    await everyoneHolds(connected, thread.id, 60);
  });

  it('a node stopped under traffic: its clients reconnect to the other node and nothing is lost', async () => {
    const thread = await createForumThread(nodeA, members[0], networkId, 'Failover');
    let bUrl = (nodeB as RunningApp).url;
    const connected = await connectAll(thread, (index) => () => (index % 2 === 0 ? nodeA.url : bUrl));
    // Senders on both nodes; the load balancer sends B's clients to A once B is gone.
    const sending = sendAll([connected[0], connected[1], connected[3]], thread.id, 40, 10);
    await eventually(() => connected[2].sync.lastSeq(thread.id) >= 20, 10_000, 'traffic');
    bUrl = nodeA.url;
    await (nodeB as RunningApp).close();
    nodeB = undefined;
    await sending;
    await everyoneHolds(connected, thread.id, 120);
  });
});

describe('messaging: delivery while Redis restarts', () => {
  let redis: PrivateRedis;
  let nodes: RunningApp[];
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const env = { ...FAST, REDIS_URL: redis.url };
    nodes = await Promise.all([startApp({ env }), startApp({ env })]);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(nodes.map((node) => node.close()));
    await redis.stop();
  });

  it('after the resync signal every client holds every message once', async () => {
    const [a, b] = nodes;
    const adminToken = (await signIn(a, await createUser(a.app, 'admin'))).accessToken;
    const { members, directory } = await networkWithMembers(a, adminToken, 4);
    const thread = await createForumThread(a, members[0], directory.networkId, 'Through a Redis restart');
    const connected = await Promise.all(
      members.map((member, index) => syncClient(() => (index % 2 ? b.url : a.url), member.token)),
    );
    clients.push(...connected);
    await Promise.all(connected.map((client) => client.sync.watch(thread.id)));
    const resyncs = connected.map((client) => new Promise((resolve) => client.socket.once('resync', resolve)));

    const sending = sendAll([connected[0], connected[1]], thread.id, 40, 15);
    await eventually(() => connected[3].sync.lastSeq(thread.id) >= 10, 10_000, 'traffic');
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await redis.restart();
    await Promise.all(resyncs);
    await sending;
    await everyoneHolds(connected, thread.id, 80);
  });
});

describe('messaging: who is told, and what', () => {
  let api: RunningApp;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    api = await withWorkers(await startApp({ env: queueEnv(smtp.port, FAST) }));
  });
  afterAll(async () => {
    await api.close();
    await smtp.stop();
  });

  const notifications = (userId: string) =>
    connectAs(
      'superuser',
      async (client) =>
        (
          await client.query(
            `SELECT e.kind, e.link, e.network_name, e.actor_id FROM notifications n JOIN notification_events e ON e.id = n.event_id
            WHERE n.user_id = $1 AND e.kind <> 'network.member-added' ORDER BY n.number`,
            [userId],
          )
        ).rows as { kind: string; link: string }[],
    );

  it('tells a mentioned reader, and an offline reader once per thread until they read it — never the text or the subject', async () => {
    const adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    const { members, directory } = await networkWithMembers(api, adminToken, 3);
    const [author, online, offline] = members;
    const subject = 'Subject HERON-SUBJECT-MARKER';
    const thread = await createForumThread(api, author, directory.networkId, subject);
    const socket = await connectSocket(api, { token: online.token });
    // What the socket pushes about this conversation (joining the network was notified too, earlier).
    const pushed: unknown[] = [];
    socket.on('notification.created', (event) => {
      if (event.notification.kind !== 'network.member-added') pushed.push(event);
    });
    const send = (body: string, mentions: string[] = []) =>
      call(api, 'POST', `/api/threads/${thread.id}/messages`, {
        token: author.token,
        body: { clientId: randomUUID(), body, mentions },
      });

    expect((await send('Hello @online HERON-BODY-MARKER', [online.user.id, randomUUID()])).status).toBe(201);
    await eventually(async () => (await notifications(online.user.id)).length === 1, 10_000, 'the mention');
    expect(await notifications(online.user.id)).toEqual([
      expect.objectContaining({ kind: 'message.mention', link: `/threads/${thread.id}` }),
    ]);
    await eventually(async () => (await notifications(offline.user.id)).length === 1, 10_000, 'the unread notice');
    expect((await notifications(offline.user.id))[0].kind).toBe('thread.new-messages');

    await send('second');
    await send('third');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await notifications(offline.user.id)).toHaveLength(1);

    // Read: the next message notices again.
    await call(api, 'POST', `/api/threads/${thread.id}/read`, { token: offline.token, body: { seq: 3 } });
    await send('fourth');
    await eventually(async () => (await notifications(offline.user.id)).length === 2, 10_000, 'a second unread notice');
    // Online when the messages came: no unread notice, only the mention.
    expect((await notifications(online.user.id)).map((row) => row.kind)).toEqual(['message.mention']);

    const mail = await eventually(() => smtp.to(offline.user.email)[0], 10_000, 'the unread notice e-mail');
    await eventually(() => pushed.length === 1, 5000, 'the live mention');
    socket.close();
    const stored = await connectAs('superuser', async (client) =>
      JSON.stringify(
        (
          await client.query(
            'SELECT e.* FROM notification_events e JOIN notification_deliveries d ON d.event_id = e.id WHERE d.user_id = ANY($1)',
            [[online.user.id, offline.user.id]],
          )
        ).rows,
      ),
    );
    for (const carrier of [
      stored,
      JSON.stringify(pushed),
      mail.parsed.subject ?? '',
      mail.parsed.text ?? '',
      ...smtp.received.map((entry) => entry.parsed.text ?? ''),
    ]) {
      expect(carrier).not.toContain('HERON');
    }
  });
});

describe('messaging: no plaintext at rest or in logs', () => {
  let api: ReturnType<typeof startBuilt>;
  let url: string;

  afterAll(async () => {
    api.child.kill('SIGTERM');
    await api.exited;
  });

  it('after a conversation with marker words, neither a pg_dump of the whole database nor the API’s logs contain them', async () => {
    const port = await closedPort();
    url = `http://127.0.0.1:${port}`;
    api = startBuilt(
      'main.js',
      { ...testEnvironment(), ...FAST, PORT: String(port), LOG_LEVEL: 'debug' },
      /successfully started/,
    );
    await api.started;
    const running = { url } as RunningApp;
    const helper = await startApp();
    let members: Member[];
    let networkId: string;
    try {
      const adminToken = (await signIn(helper, await createUser(helper.app, 'admin'))).accessToken;
      const network = await networkWithMembers(helper, adminToken, 2);
      members = network.members;
      networkId = network.directory.networkId;
    } finally {
      await helper.close();
    }
    const markers = ['PANGOLIN-SUBJECT', 'AARDVARK-BODY', 'OKAPI-EDITED', 'NARWHAL-PRIVATE', 'QUOKKA-SOCKET'];
    const forum = await createForumThread(running, members[0], networkId, `Case ${markers[0]}`);
    const sent = await call(running, 'POST', `/api/threads/${forum.id}/messages`, {
      token: members[0].token,
      body: { clientId: randomUUID(), body: `Request ${markers[1]}` },
    });
    const message = (await sent.json()) as { id: string };
    await call(running, 'PATCH', `/api/threads/${forum.id}/messages/${message.id}`, {
      token: members[0].token,
      body: { body: `Corrected ${markers[2]}` },
    });
    const created = await call(running, 'POST', '/api/threads', {
      token: members[0].token,
      body: { subject: `Private ${markers[3]}`, participantIds: [members[1].user.id] },
    });
    const privateThread = (await created.json()) as ThreadView;
    const socket = await connectSocket(running, { token: members[1].token });
    const ack = await socket.timeout(5000).emitWithAck('message.send', {
      threadId: privateThread.id,
      clientId: randomUUID(),
      body: `Via socket ${markers[4]}`,
    });
    socket.close();
    expect(ack).toMatchObject({ ok: true });
    // Readable to the participants…
    const page = (await (
      await call(running, 'GET', `/api/threads/${privateThread.id}/messages`, { token: members[0].token })
    ).json()) as { items: { body: string }[] };
    expect(page.items[0].body).toContain(markers[4]);

    // …and nowhere else.
    const dump = execFileSync(
      'pg_dump',
      ['--dbname', `${adminUrl.replace(/\/[^/]*$/, '')}/${currentTestRun().database}`],
      { maxBuffer: 256 * 1024 * 1024 },
    ).toString();
    expect(dump).toContain('messages');
    const logs = api.output();
    expect(logs).toContain('/api/threads');
    for (const marker of markers) {
      expect(dump).not.toContain(marker);
      expect(logs).not.toContain(marker);
    }
  });
});
