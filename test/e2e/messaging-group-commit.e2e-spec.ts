import { randomUUID } from 'node:crypto';
import type { AuthUser } from '@liaison/identity';
import { MessageSender, MessagesService, type MessageView, type ThreadView } from '@liaison/messaging';
import { Metrics } from '@liaison/platform';
import { call, signIn } from '../support/auth';
import { connectAs, storedRows as rows } from '../support/database';
import { createUser } from '../support/factories';
import { createForumThread, Member, networkWithMembers, range } from '../support/messaging';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(120_000);

const FAST = { MESSAGE_RATE_PER_SECOND: '1000', MESSAGE_RATE_BURST: '2000' };

const asAuthUser = (member: Member): AuthUser => ({
  id: member.user.id,
  sessionId: randomUUID(),
  role: member.user.role,
  email: member.user.email,
});

/** What a send answered: the stored message, or the status of the refusal. */
const outcome = (promise: Promise<{ message: MessageView; created: boolean }>) =>
  promise.then(
    (sent) => ({ ok: true as const, ...sent }),
    (error: { getStatus?: () => number }) => ({ ok: false as const, status: error.getStatus?.() ?? 500 }),
  );

/**
 * Group commit on the send path: sends that arrive together are stored in one transaction, and each is still
 * answered on its own — a refused send refuses only itself, a commit whose answers never left is found again
 * by its client ids, and batches from two nodes into one thread keep its seq whole and each sender's order.
 */
describe('messaging: group commit', () => {
  let nodeA: RunningApp;
  let nodeB: RunningApp;
  let adminToken: string;
  let members: Member[];
  let networkId: string;
  let coordinator: Member;

  beforeAll(async () => {
    [nodeA, nodeB] = await Promise.all([startApp({ env: FAST }), startApp({ env: FAST })]);
    adminToken = (await signIn(nodeA, await createUser(nodeA.app, 'admin'))).accessToken;
    const network = await networkWithMembers(nodeA, adminToken, 4);
    members = network.members;
    networkId = network.directory.networkId;
    const [{ authority_id: authorityId }] = await rows<{ authority_id: string }>(
      'SELECT authority_id FROM users WHERE id = $1',
      [members[0].user.id],
    );
    const user = await createUser(nodeA.app, 'coordinator', { authorityId });
    const made = await call(nodeA, 'PUT', `/api/networks/${networkId}/coordinators`, {
      token: adminToken,
      body: { userIds: [user.id] },
    });
    expect(made.status).toBe(200);
    coordinator = { user, token: (await signIn(nodeA, user)).accessToken };
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
  });

  const storedSeqs = async (threadId: string) =>
    (
      await rows<{ seq: string; client_id: string; author_id: string }>(
        'SELECT seq, client_id, author_id FROM messages WHERE thread_id = $1 ORDER BY seq',
        [threadId],
      )
    ).map((row) => ({ seq: Number(row.seq), clientId: row.client_id, authorId: row.author_id }));

  it('stores the sends of a batch in which some are refused, and answers each on its own', async () => {
    const service = nodeA.app.get(MessagesService);
    const [creator, guest, removed, outsider] = members;
    const created = await call(nodeA, 'POST', '/api/threads', {
      token: creator.token,
      body: { subject: 'Batch with refusals', participantIds: [guest.user.id, removed.user.id] },
    });
    expect(created.status).toBe(201);
    const privateThread = (await created.json()) as ThreadView;
    // A locked forum thread whose sends share the private thread's batches (the same group-commit lane).
    let locked: ThreadView | undefined;
    for (let attempt = 0; attempt < 40 && !locked; attempt += 1) {
      const candidate = await createForumThread(nodeA, creator, networkId, `Locked ${attempt}`);
      if (service.sendLane(candidate.id) === service.sendLane(privateThread.id)) locked = candidate;
    }
    if (!locked) throw new Error('no forum thread shared the private thread’s lane');
    const lock = await call(nodeA, 'PATCH', `/api/threads/${locked.id}`, {
      token: coordinator.token,
      body: { locked: true },
    });
    expect(lock.status).toBe(200);
    const revoked = await call(nodeA, 'DELETE', `/api/threads/${privateThread.id}/participants/${removed.user.id}`, {
      token: creator.token,
    });
    expect(revoked.status).toBe(204);
    const earlier = randomUUID();
    const first = await service.send(asAuthUser(guest), privateThread.id, { clientId: earlier, body: 'Before' });
    expect(first.message.seq).toBe(1);

    const batches = nodeA.app.get(Metrics).sendBatchSize;
    const before = (await batches.get()).values.find((value) => value.metricName?.endsWith('_sum'))?.value ?? 0;
    // One turn of the event loop: all of these go into the lane's next batch.
    const send = (member: Member, threadId: string, body: string, clientId = randomUUID()) =>
      outcome(service.send(asAuthUser(member), threadId, { clientId, body }));
    const answers = await Promise.all([
      send(creator, privateThread.id, 'One'),
      send(removed, privateThread.id, 'From someone removed'),
      send(guest, privateThread.id, 'Two'),
      send(creator, locked.id, 'Into a locked thread'),
      send(outsider, privateThread.id, 'From someone never in it'),
      send(guest, privateThread.id, 'Before (retried)', earlier),
      send(creator, privateThread.id, 'Three'),
    ]);
    const after = (await batches.get()).values.find((value) => value.metricName?.endsWith('_sum'))?.value ?? 0;
    // The three stored messages were committed together: each counts its batch of 3.
    expect(after - before).toBe(9);

    expect(answers.map((answer) => (answer.ok ? [answer.message.seq, answer.created] : answer.status))).toEqual([
      [2, true],
      404,
      [3, true],
      403,
      404,
      [1, false],
      [4, true],
    ]);
    const retried = answers[5];
    expect(retried.ok && retried.message.body).toBe('Before');
    // No seq burned by the refused sends or the retry, nothing stored for them.
    expect((await storedSeqs(privateThread.id)).map((row) => row.seq)).toEqual(range(4));
    expect(await storedSeqs(locked.id)).toEqual([]);
    const [thread] = await rows<{ last_seq: string }>('SELECT last_seq FROM threads WHERE id = $1', [privateThread.id]);
    expect(Number(thread.last_seq)).toBe(4);
    // Read positions and search tokens were written for the stored ones.
    const [read] = await rows<{ last_read_seq: string }>(
      'SELECT last_read_seq FROM thread_reads WHERE thread_id = $1 AND user_id = $2',
      [privateThread.id, creator.user.id],
    );
    expect(Number(read.last_read_seq)).toBe(4);
    const found = await call(nodeA, 'GET', `/api/search/messages?q=three&threadId=${privateThread.id}`, {
      token: guest.token,
    });
    expect(found.status).toBe(200);
    expect(((await found.json()) as { total: number }).total).toBe(1);
  });

  it('loses nothing when a node stops between a batch’s commit and its answers: retries find the stored messages', async () => {
    const service = nodeA.app.get(MessagesService);
    const sender = nodeA.app.get(MessageSender);
    const thread = await createForumThread(nodeA, members[0], networkId, 'Commit without answers');
    // Node A commits its batches and then never answers (as if it had died right after the commit).
    const batches = sender as unknown as { storeBatch: (sends: unknown[]) => Promise<unknown[]> };
    const store = batches.storeBatch.bind(sender);
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const spy = jest.spyOn(batches, 'storeBatch').mockImplementation(async (sends) => {
      const results = await store(sends);
      await held;
      return results;
    });
    const clientIds = Array.from({ length: 5 }, () => randomUUID());
    let unanswered: Promise<unknown>[];
    try {
      unanswered = clientIds.map((clientId, index) =>
        service.send(asAuthUser(members[index % 2]), thread.id, { clientId, body: `Unanswered ${index}` }),
      );
      let answered = false;
      void Promise.race(unanswered).then(() => (answered = true));
      // Committed in PostgreSQL…
      for (let waited = 0; (await storedSeqs(thread.id)).length < 5 && waited < 10_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await storedSeqs(thread.id)).map((row) => row.clientId)).toEqual(clientIds);
      // …but never answered.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answered).toBe(false);
    } finally {
      spy.mockRestore();
    }
    // The clients retry, with the same client ids, on another node: the stored messages, no new seq.
    for (const [index, clientId] of clientIds.entries()) {
      const retry = await call(nodeB, 'POST', `/api/threads/${thread.id}/messages`, {
        token: members[index % 2].token,
        body: { clientId, body: `Unanswered ${index} (retried)` },
      });
      expect(retry.status).toBe(200);
      expect((await retry.json()) as MessageView).toMatchObject({ seq: index + 1, body: `Unanswered ${index}` });
    }
    const next = await call(nodeB, 'POST', `/api/threads/${thread.id}/messages`, {
      token: members[0].token,
      body: { clientId: randomUUID(), body: 'After the retries' },
    });
    expect(next.status).toBe(201);
    expect(((await next.json()) as MessageView).seq).toBe(6);
    // (Node A's lane goes on: the answers nobody waits for any more leave now.)
    release();
    await Promise.all(unanswered);
  });

  it('answers a client id stored by another node while its batch waited for the lock, and skips no seq', async () => {
    const thread = await createForumThread(nodeA, members[0], networkId, 'One client id, two nodes');
    const sender = asAuthUser(members[0]);
    // Both nodes have seen the thread: its batches commit in one statement, with no transaction around it.
    for (const node of [nodeA, nodeB])
      await node.app.get(MessagesService).send(sender, thread.id, { clientId: randomUUID(), body: 'Seen' });
    const clientId = randomUUID();
    // Holds the thread's row lock so that both nodes' batches wait for it with the same client id.
    const outcome = await connectAs('superuser', async (client) => {
      await client.query('BEGIN');
      await client.query('SELECT 1 FROM threads WHERE id = $1 FOR UPDATE', [thread.id]);
      const sends = [nodeA, nodeB].map((node) =>
        node.app.get(MessagesService).send(sender, thread.id, { clientId, body: 'Sent twice' }),
      );
      for (let waited = 0; waited < 10_000; waited += 50) {
        const waiting = await client.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        if ((waiting.rows[0] as { n: number }).n === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query('COMMIT');
      return Promise.all(sends);
    });
    // One stored it; the other is answered with the same message as a retry.
    expect(outcome.map((sent) => sent.created).sort()).toEqual([false, true]);
    expect(new Set(outcome.map((sent) => `${sent.message.id} ${sent.message.seq}`))).toEqual(
      new Set([`${outcome[0].message.id} 3`]),
    );
    const next = await nodeB.app
      .get(MessagesService)
      .send(sender, thread.id, { clientId: randomUUID(), body: 'The next one' });
    expect(next.message.seq).toBe(4);
    expect((await storedSeqs(thread.id)).map((row) => row.seq)).toEqual(range(4));
  });

  it('keeps one thread’s seq whole and each sender’s order when two nodes’ batches for it run at once', async () => {
    const thread = await createForumThread(nodeA, members[0], networkId, 'Two nodes, one thread');
    const senders: { node: RunningApp; member: Member }[] = [
      { node: nodeA, member: members[0] },
      { node: nodeA, member: members[1] },
      { node: nodeB, member: members[2] },
      { node: nodeB, member: members[3] },
    ];
    const rounds = 4;
    const perRound = 15;
    const sent = new Map<string, string[]>(senders.map(({ member }) => [member.user.id, []]));
    const acks: MessageView[] = [];
    for (let round = 0; round < rounds; round += 1) {
      // Each node receives its senders' messages in one turn: each node commits them as batches, at once.
      const answers = await Promise.all(
        senders.flatMap(({ node, member }) =>
          Array.from({ length: perRound }, (_, index) => {
            const clientId = randomUUID();
            sent.get(member.user.id)?.push(clientId);
            return node.app
              .get(MessagesService)
              .send(asAuthUser(member), thread.id, { clientId, body: `round ${round} message ${index}` });
          }),
        ),
      );
      acks.push(...answers.map((answer) => answer.message));
    }
    const total = senders.length * rounds * perRound;
    const stored = await storedSeqs(thread.id);
    expect(stored.map((row) => row.seq)).toEqual(range(total));
    // Each sender's messages have seqs in the order they were sent.
    for (const [authorId, clientIds] of sent)
      expect(stored.filter((row) => row.authorId === authorId).map((row) => row.clientId)).toEqual(clientIds);
    // Every answer carries the seq stored for it.
    const seqOf = new Map(stored.map((row) => [row.clientId, row.seq]));
    expect(acks.every((message) => seqOf.get(message.clientId) === message.seq)).toBe(true);
    const [row] = await rows<{ last_seq: string }>('SELECT last_seq FROM threads WHERE id = $1', [thread.id]);
    expect(Number(row.last_seq)).toBe(total);
  });
});
