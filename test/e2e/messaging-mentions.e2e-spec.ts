import { randomUUID } from 'node:crypto';
import type { MessageView } from '@liaison/messaging';
import { Queues } from '@liaison/platform';
import { call, signIn } from '../support/auth';
import { storedRows as rows } from '../support/database';
import { createUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import { createForumThread, Member, networkWithMembers } from '../support/messaging';
import { eventually, PrivateRedis, queueEnv, withWorkers } from '../support/queues';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Mentions are told by the worker, off the send path: the message keeps them until the transaction that
 * tells the mentioned readers clears them, so a lost job is queued again by the sweep and a job run twice
 * tells nobody twice.
 */
describe('messaging: mentions told by the worker', () => {
  let redis: PrivateRedis;
  let smtp: TestSmtpServer;
  let api: RunningApp;
  let env: Record<string, string>;
  let members: Member[];
  let networkId: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    smtp = await new TestSmtpServer().start();
    // No worker yet: the mention waits on the message.
    env = queueEnv(smtp.port, { REDIS_URL: redis.url });
    api = await startApp({ env });
    const adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    const network = await networkWithMembers(api, adminToken, 3);
    members = network.members;
    networkId = network.directory.networkId;
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
    await redis?.stop();
  });

  const mentionsOf = async (userId: string) =>
    (
      await rows<{ link: string }>(
        `SELECT e.link FROM notifications n JOIN notification_events e ON e.id = n.event_id
          WHERE n.user_id = $1 AND e.kind = 'message.mention'`,
        [userId],
      )
    ).map((row) => row.link);

  it('tells a mentioned reader once, after Redis lost the job and when the job runs again', async () => {
    const [author, mentioned, bystander] = members;
    const thread = await createForumThread(api, author, networkId, 'Mentions');
    const outsider = await createUser(api.app, 'focal_point');
    const sent = await call(api, 'POST', `/api/threads/${thread.id}/messages`, {
      token: author.token,
      body: { clientId: randomUUID(), body: 'Could you look at this?', mentions: [mentioned.user.id, outsider.id] },
    });
    expect(sent.status).toBe(201);
    const message = (await sent.json()) as MessageView;
    const pending = () =>
      rows<{ mentions: string[] | null }>('SELECT mentions FROM messages WHERE id = $1', [message.id]);
    expect(await pending()).toEqual([{ mentions: [mentioned.user.id, outsider.id] }]);

    // The job is lost with Redis; the worker's sweep queues it again from the message.
    await redis.client.flushall();
    await withWorkers(api);
    await eventually(async () => (await mentionsOf(mentioned.user.id)).length > 0, 10_000, 'the mention');
    expect(await mentionsOf(mentioned.user.id)).toEqual([`/threads/${thread.id}`]);
    expect(await pending()).toEqual([{ mentions: null }]);
    // Someone who cannot read the thread is not told; nor is a reader not mentioned.
    expect(await mentionsOf(outsider.id)).toEqual([]);
    expect(await mentionsOf(bystander.user.id)).toEqual([]);

    // The job run again (a retry, a second worker): nobody is told twice.
    const again = `mention-again-${message.id}`;
    await api.app.get(Queues).add('messaging.mention', again, { messageId: message.id });
    const job = `${env.REDIS_PREFIX}:{queues}:messaging.mention:${again}`;
    await eventually(async () => (await redis.client.hget(job, 'finishedOn')) !== null, 10_000, 'the second run');
    expect(await redis.client.hget(job, 'failedReason')).toBeNull();
    expect(await mentionsOf(mentioned.user.id)).toEqual([`/threads/${thread.id}`]);
  });
});
