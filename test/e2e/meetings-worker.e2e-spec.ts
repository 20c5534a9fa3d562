import { DateTime } from 'luxon';
import { call, signIn } from '../support/auth';
import { storedRows as rows } from '../support/database';
import { createDirectoryFixture, DirectoryFixture } from '../support/directory';
import { createUser, TestUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import { eventually, PrivateRedis, queueEnv, withWorkers, workerProcesses } from '../support/queues';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(240_000);

const ZONE = 'Africa/Bamako';
/** A start on a whole minute at least 75 s away, so that a reminder 1 minute before is at least 15 s away. */
const nextStart = () => Math.ceil((Date.now() + 75_000) / 60_000) * 60_000;
const localIn = (instant: number) => DateTime.fromMillis(instant, { zone: ZONE }).toFormat("yyyy-LL-dd'T'HH:mm");

interface DeliveryRow {
  id: string;
  user_id: string;
  channel: string;
  status: string;
  attempts: number;
  message_id: string | null;
  unconfirmed: boolean;
}

const reminderDeliveries = (meetingId: string) =>
  rows<DeliveryRow>(
    `SELECT d.* FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id
      WHERE e.kind = 'meeting.reminder' AND e.link = $1`,
    [`/meetings/${meetingId}`],
  );
const bellReminders = (userId: string, meetingId: string) =>
  rows(
    `SELECT n.id FROM notifications n JOIN notification_events e ON e.id = n.event_id
      WHERE n.user_id = $1 AND e.kind = 'meeting.reminder' AND e.link = $2`,
    [userId, `/meetings/${meetingId}`],
  );

/** A network with a coordinator and one focal point, and a helper to schedule a meeting for the focal point. */
async function meetingFixture(api: RunningApp) {
  const adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
  const directory: DirectoryFixture = await createDirectoryFixture(api, adminToken, { stateCode: 'QW' });
  const inFixture = { authorityId: directory.authorityId, timeZone: ZONE };
  const coordinator = await createUser(api.app, 'coordinator', inFixture);
  const invitee: TestUser = await createUser(api.app, 'focal_point', inFixture);
  for (const [method, path, body] of [
    ['POST', `/api/networks/${directory.networkId}/members`, { userId: invitee.id }],
    ['PUT', `/api/networks/${directory.networkId}/coordinators`, { userIds: [coordinator.id] }],
  ] as const) {
    const response = await call(api, method, path, { token: adminToken, body });
    if (response.status >= 300) throw new Error(`${path}: ${response.status}`);
  }
  const coordinatorToken = (await signIn(api, coordinator)).accessToken;
  const schedule = async (start: number): Promise<string> => {
    const response = await call(api, 'POST', '/api/meetings', {
      token: coordinatorToken,
      body: {
        networkId: directory.networkId,
        title: 'Sahel focal points',
        startLocal: localIn(start),
        timeZone: ZONE,
        durationMinutes: 30,
        mode: 'in_person',
        place: 'Bamako',
        invitees: { scope: 'people', userIds: [invitee.id] },
        reminderMinutes: [1],
      },
    });
    if (response.status !== 201) throw new Error(`schedule: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  };
  return { directory, invitee, schedule };
}

/**
 * The worker as it runs in production (the built worker.js), killed with SIGKILL at the worst moments of a
 * reminder: inside the transaction that claims it, then after its e-mail is claimed and before the outcome.
 */
describe('meeting reminders in the worker process', () => {
  let smtp: TestSmtpServer;
  let api: RunningApp;
  let env: Record<string, string>;
  const workers = workerProcesses(() => env);
  const { start: startWorker, stop } = workers;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    env = queueEnv(smtp.port);
    api = await startApp({ env });
  });
  afterEach(workers.killLeft);
  afterAll(async () => {
    await api.close();
    await smtp.stop();
  });

  it('killed inside the reminder and after its e-mail claim, then restarted: one bell notification, the e-mail with the same Message-ID', async () => {
    const { invitee, schedule } = await meetingFixture(api);
    const settled = async () =>
      (await rows("SELECT id FROM notification_deliveries WHERE status IN ('pending', 'claimed', 'failed')")).length ===
      0;
    // Deliver everything pending (earlier suites' rows, this fixture's) with a well-behaved worker first.
    const draining = await startWorker();
    await eventually(settled, 30_000, 'no delivery left without an outcome');
    await stop(draining);

    const first = await startWorker({ TEST_FAULT_POINT: 'meetings.reminder.after-claim' });
    const meetingId = await schedule(nextStart());
    // The invitation is delivered normally; the reminder kills the worker inside its transaction.
    await eventually(settled, 10_000, 'the invitation delivered');
    const before = smtp.to(invitee.email).length;
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(first.output()).toContain('fault point meetings.reminder.after-claim reached');
    // Killed inside the claiming transaction: nothing of it committed.
    expect(await rows('SELECT * FROM meeting_reminders WHERE meeting_id = $1', [meetingId])).toHaveLength(0);
    expect(await reminderDeliveries(meetingId)).toHaveLength(0);

    const second = await startWorker({ TEST_FAULT_POINT: 'notifications.email.after-claim' });
    await second.exited;
    expect(second.child.signalCode).toBe('SIGKILL');
    const claimed = (await reminderDeliveries(meetingId)).find((row) => row.channel === 'email');
    expect(claimed).toMatchObject({ status: 'claimed', attempts: 1 });
    expect(smtp.to(invitee.email)).toHaveLength(before);

    await startWorker();
    const mail = await eventually(() => smtp.to(invitee.email)[before], 20_000, 'the reminder e-mail');
    expect(mail.parsed.messageId).toBe(claimed?.message_id);
    expect(mail.parsed.subject).toContain('Reminder');
    await eventually(async () => (await bellReminders(invitee.id, meetingId)).length === 1, 20_000, 'the bell');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await bellReminders(invitee.id, meetingId)).toHaveLength(1);
    expect(smtp.to(invitee.email)).toHaveLength(before + 1);
    const deliveries = await reminderDeliveries(meetingId);
    expect(deliveries.map((row) => row.channel).sort()).toEqual(['email', 'in_app']);
    expect(deliveries.find((row) => row.channel === 'email')).toMatchObject({ status: 'sent', unconfirmed: true });
    expect(await rows('SELECT version FROM meeting_reminders WHERE meeting_id = $1', [meetingId])).toHaveLength(1);
  });
});

/** Redis holds only what PostgreSQL can rebuild: a private Redis emptied before a reminder is due loses nothing. */
describe('meeting reminders after Redis is emptied', () => {
  let redis: PrivateRedis;
  let api: RunningApp;
  let smtp: TestSmtpServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    smtp = await new TestSmtpServer().start();
    env = queueEnv(smtp.port, { REDIS_URL: redis.url });
    api = await withWorkers(await startApp({ env }));
  });
  afterAll(async () => {
    await api?.close();
    await smtp.stop();
    await redis.stop();
  });

  it('re-creates the lost reminder job from PostgreSQL and it fires once', async () => {
    const { invitee, schedule } = await meetingFixture(api);
    const start = nextStart();
    const meetingId = await schedule(start);
    const local = DateTime.fromMillis(start, { zone: ZONE }).toFormat("yyyyLLdd'T'HHmm");
    const jobKey = `${env.REDIS_PREFIX}:{queues}:meetings.remind:remind-${meetingId}-${local}-v0-m1`;
    const { client } = redis;
    await eventually(async () => (await client.exists(jobKey)) === 1, 5000, 'the queued reminder');
    await client.flushall();
    expect(await client.exists(jobKey)).toBe(0);
    // The sweep (every 500 ms here) queues it again.
    await eventually(async () => (await client.exists(jobKey)) === 1, 5000, 'the re-created reminder');
    await eventually(
      async () => (await bellReminders(invitee.id, meetingId)).length === 1,
      start - Date.now() + 10_000,
      'the reminder',
    );
    expect(Date.now()).toBeGreaterThanOrEqual(start - 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await bellReminders(invitee.id, meetingId)).toHaveLength(1);
    expect(await rows('SELECT version FROM meeting_reminders WHERE meeting_id = $1', [meetingId])).toHaveLength(1);
  });
});
