import { call, signIn } from '../support/auth';
import { storedRows as rows } from '../support/database';
import { createDirectoryFixture, DirectoryFixture, inviteFocalPoint } from '../support/directory';
import { createUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import { closedPort } from '../support/net';
import { eventually, PrivateRedis, queueEnv, withWorkers, WorkerProcess, workerProcesses } from '../support/queues';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(90_000);

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  message_id: string;
  unconfirmed: boolean;
}

const emailDeliveryTo = async (address: string) =>
  (
    await rows<DeliveryRow>("SELECT * FROM notification_deliveries WHERE address = $1 AND channel = 'email'", [address])
  )[0];

/**
 * The worker as it runs in production: the built worker.js, a separate process sharing PostgreSQL and Redis
 * with the API. A test hook (TEST_FAULT_POINT) kills it with SIGKILL at the worst moment: after a delivery
 * is claimed, before its outcome is recorded.
 */
describe('worker process', () => {
  let smtp: TestSmtpServer;
  let api: RunningApp;
  let adminToken: string;
  let directory: DirectoryFixture;
  let env: Record<string, string>;
  const workers = workerProcesses(() => env);
  const startWorker = workers.start;
  /** Resolves with the signal that ended the process (null for a normal exit). */
  const ended = async (worker: WorkerProcess) => {
    await worker.exited;
    return worker.child.signalCode;
  };

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    env = queueEnv(smtp.port);
    // The API enqueues only; the worker processes run the jobs.
    api = await startApp({ env });
    adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    directory = await createDirectoryFixture(api, adminToken);
    // Earlier suites leave deliveries that no worker ran: deliver them now, so that the fault points below
    // fire on this suite's deliveries and not on theirs.
    const draining = await startWorker();
    await eventually(
      async () =>
        (await rows("SELECT id FROM notification_deliveries WHERE status IN ('pending', 'claimed', 'failed')"))
          .length === 0,
      30_000,
      'no delivery left without an outcome',
    );
    await workers.stop(draining);
  });
  afterEach(workers.killLeft);
  afterAll(async () => {
    await api.close();
    await smtp.stop();
  });

  it('killed after claiming an in-app delivery and restarted, it creates exactly one notification', async () => {
    const crashing = await startWorker({ TEST_FAULT_POINT: 'notifications.in_app.after-claim' });
    const user = await createUser(api.app, 'focal_point', { authorityId: directory.authorityId });
    expect(
      (
        await call(api, 'POST', `/api/networks/${directory.networkId}/members`, {
          token: adminToken,
          body: { userId: user.id },
        })
      ).status,
    ).toBe(201);
    expect(await ended(crashing)).toBe('SIGKILL');
    expect(crashing.output()).toContain('fault point notifications.in_app.after-claim reached');
    // Killed inside the claiming transaction: nothing of it committed.
    expect(await rows('SELECT id FROM notifications WHERE user_id = $1', [user.id])).toHaveLength(0);

    await startWorker();
    await eventually(
      async () => (await rows('SELECT id FROM notifications WHERE user_id = $1', [user.id])).length === 1,
      15_000,
      'the notification',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await rows('SELECT id FROM notifications WHERE user_id = $1', [user.id])).toHaveLength(1);
    const [inApp] = await rows<DeliveryRow>(
      "SELECT * FROM notification_deliveries WHERE user_id = $1 AND channel = 'in_app'",
      [user.id],
    );
    expect(inApp).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('killed after claiming an e-mail and restarted, it sends the e-mail with the same Message-ID and lists it for admins', async () => {
    const crashing = await startWorker({ TEST_FAULT_POINT: 'notifications.email.after-claim' });
    const email = await inviteFocalPoint(api, adminToken, directory);
    expect(await ended(crashing)).toBe('SIGKILL');
    const claimed = await emailDeliveryTo(email);
    expect(claimed).toMatchObject({ status: 'claimed', attempts: 1, unconfirmed: false });
    expect(smtp.to(email)).toHaveLength(0);

    await startWorker();
    const mail = await eventually(() => smtp.to(email)[0], 15_000, 'the resent e-mail');
    expect(mail.parsed.messageId).toBe(claimed.message_id);
    const sent = await eventually(async () => {
      const row = await emailDeliveryTo(email);
      return row.status === 'sent' && row;
    });
    expect(sent).toMatchObject({ attempts: 2, unconfirmed: true, message_id: claimed.message_id });
    const attention = (await (await call(api, 'GET', '/api/admin/deliveries', { token: adminToken })).json()) as {
      id: string;
      unconfirmed: boolean;
      recipient: string;
    }[];
    expect(attention).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: sent.id, unconfirmed: true, recipient: email })]),
    );
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('stopped with SIGTERM in the middle of a send, it finishes the send first: a restart loses and repeats nothing', async () => {
    const worker = await startWorker();
    smtp.acceptDelayMs = 1500;
    try {
      const before = smtp.dataStarted;
      const email = await inviteFocalPoint(api, adminToken, directory);
      await eventually(() => smtp.dataStarted > before, 10_000, 'the send to start');
      worker.child.kill('SIGTERM');
      expect(await ended(worker)).toBeNull();
      expect(worker.child.exitCode).toBe(0);
      expect(smtp.to(email)).toHaveLength(1);
      expect(await emailDeliveryTo(email)).toMatchObject({ status: 'sent', attempts: 1, unconfirmed: false });

      smtp.acceptDelayMs = 0;
      await startWorker();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(smtp.to(email)).toHaveLength(1);
    } finally {
      smtp.acceptDelayMs = 0;
    }
  });
});

/**
 * Redis holds only what PostgreSQL can rebuild. A private redis-server (never the shared one) is emptied
 * while a job waits for its retry: the sweep re-creates it from the delivery row and it runs once.
 */
describe('the sweep', () => {
  let redis: PrivateRedis;
  let api: RunningApp;
  let smtp: TestSmtpServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    smtp = new TestSmtpServer(await closedPort());
    // The first retry is due 4 s after a failure: long enough to empty Redis before it.
    env = queueEnv(smtp.port, { REDIS_URL: redis.url, QUEUE_BACKOFF_MS: '4000' });
    api = await withWorkers(await startApp({ env }));
  });
  afterAll(async () => {
    await api?.close();
    await smtp.stop();
    await redis.stop();
  });

  it('re-creates a job lost with an emptied Redis before it was due, and it runs once', async () => {
    const adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    const directory = await createDirectoryFixture(api, adminToken);
    const email = await inviteFocalPoint(api, adminToken, directory);
    const failed = await eventually(
      async () => {
        const row = await emailDeliveryTo(email);
        return row?.status === 'failed' && row;
      },
      10_000,
      'the first failed attempt',
    );

    const { client } = redis;
    const jobKey = `${env.REDIS_PREFIX}:{queues}:notifications.deliver:deliver-${failed.id}`;
    expect(await client.exists(jobKey)).toBe(1);
    await client.flushall();
    expect(await client.exists(jobKey)).toBe(0);
    await smtp.start();
    // Re-created by the sweep (every 500 ms here), long before the lost retry would have been due.
    const mail = await eventually(() => smtp.to(email)[0], 3500, 'the e-mail, sent by the re-created job');
    expect(mail.parsed.messageId).toBe(failed.message_id);
    expect(await client.exists(jobKey)).toBe(1);
    // Past the time the lost retry was due: still one e-mail, two attempts in all.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(smtp.to(email)).toHaveLength(1);
    expect(await emailDeliveryTo(email)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
