import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TicketDetail } from '@liaison/helpdesk';
import { FilingService, SlaService, TicketQueueService, WorkflowService } from '@liaison/helpdesk';
import type { AuthUser } from '@liaison/identity';
import { Clock, jobId } from '@liaison/platform';
import { call, signIn } from '../support/auth';
import { createUser, TestUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import { eventually, PrivateRedis, queueEnv, withWorkers } from '../support/queues';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(120_000);

const WORKDAY = [{ start: '09:00', end: '17:00' }];
/** Vienna, Monday to Friday 09:00–17:00, Tuesday 5 January 2027 a holiday. */
const CALENDAR = {
  timeZone: 'Europe/Vienna',
  hours: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: [], sun: [] },
  holidays: [{ date: '2027-01-05', name: 'Test holiday' }],
};
/** Monday 4 January 2027, 15:00 in Vienna. */
const FILED_AT = new Date('2027-01-04T14:00:00Z');

/**
 * SLA clocks on real PostgreSQL, a private Redis (emptied by one test) and the queue workers: the
 * calendar an admin sets, deadlines planned in its working hours, the warning job that fires before a
 * breach and not for an answered or paused ticket, and its re-creation by the sweep.
 */
describe('helpdesk SLA', () => {
  let redis: PrivateRedis;
  let api: RunningApp;
  let smtp: TestSmtpServer;
  let env: Record<string, string>;
  let db: DataSource;
  let clock: Clock;
  let filings: FilingService;
  let queue: TicketQueueService;
  let workflow: WorkflowService;
  let sla: SlaService;
  let admin: string;
  let requester: AuthUser;
  let secretariat: AuthUser;
  let assignee: AuthUser;
  let secretariatToken: string;
  let originalCalendar: unknown;
  const suffix = randomUUID().slice(0, 6);
  const codes = { requester: 'XS', requested: 'XT' };
  let requestedAuthority: string;

  const asAuth = (user: TestUser): AuthUser => ({
    id: user.id,
    sessionId: randomUUID(),
    role: user.role,
    email: user.email,
  });
  /** Runs `work` with the platform's clock at `at` (services only: signed-in HTTP calls keep the real time). */
  const atTime = async <T>(at: Date, work: () => Promise<T>): Promise<T> => {
    const spy = jest.spyOn(clock, 'now').mockReturnValue(at);
    try {
      return await work();
    } finally {
      spy.mockRestore();
    }
  };
  const filing = (overrides: Record<string, unknown> = {}) => ({
    requestedStateCode: codes.requested,
    requestedAuthorityId: requestedAuthority,
    cooperationType: 'extradition',
    offenceCategory: 'drugs',
    legalBasis: 'untoc_16',
    dateSent: '2026-10-01',
    requesterReference: `SLA-${suffix}`,
    channel: 'central_authority',
    blockageReason: 'execution_delayed',
    description: 'Extradition hearing postponed twice.',
    ...overrides,
  });
  /** Filed at FILED_AT, made urgent (4/40 working hours) and assigned. */
  const urgentTicket = async (overrides: Record<string, unknown> = {}): Promise<TicketDetail> =>
    atTime(FILED_AT, async () => {
      const ticket = await filings.file(requester, filing(overrides) as never, {});
      return workflow.update(secretariat, ticket.id, { priority: 'urgent', assigneeId: assignee.id }, {});
    });
  const warnings = async (ticketId: string) =>
    (
      (await db.query(
        `SELECT n.user_id FROM notifications n JOIN notification_events e ON e.id = n.event_id
          WHERE e.kind = 'helpdesk.sla-warning' AND e.link = $1`,
        [`/helpdesk/tickets/${ticketId}`],
      )) as { user_id: string }[]
    ).map((row) => row.user_id);

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    smtp = await new TestSmtpServer().start();
    env = queueEnv(smtp.port, { REDIS_URL: redis.url });
    api = await withWorkers(await startApp({ env }));
    db = api.app.get(DataSource);
    clock = api.app.get(Clock);
    filings = api.app.get(FilingService);
    queue = api.app.get(TicketQueueService);
    workflow = api.app.get(WorkflowService);
    sla = api.app.get(SlaService);
    for (const code of Object.values(codes))
      await db.query(
        `INSERT INTO states (code, name, untoc_party, untoc_extradition_basis) VALUES ($1, $2, true, true) ON CONFLICT DO NOTHING`,
        [code, `Slaland ${code}`],
      );
    const authority = async (code: string) =>
      (
        (await db.query(
          `INSERT INTO authorities (state_code, name, categories, office_hours, time_zone, languages, documents_required, channels, contact)
           VALUES ($1, $2, '{extradition}', '{}'::jsonb, 'UTC', '{en}', '{}', '{direct}', '{}'::jsonb) RETURNING id`,
          [code, `SLA authority ${code} ${suffix}`],
        )) as { id: string }[]
      )[0].id;
    const requesterAuthority = await authority(codes.requester);
    requestedAuthority = await authority(codes.requested);
    const network = (
      (await db.query(`INSERT INTO networks (slug, name, description) VALUES ($1, $2, '') RETURNING id`, [
        `sla-${suffix}`,
        `SLA network ${suffix}`,
      ])) as { id: string }[]
    )[0].id;
    await db.query(`INSERT INTO network_states (network_id, state_code) VALUES ($1, $2), ($1, $3)`, [
      network,
      codes.requester,
      codes.requested,
    ]);
    requester = asAuth(await createUser(api.app, 'focal_point', { authorityId: requesterAuthority }));
    const secretariatUser = await createUser(api.app, 'secretariat');
    secretariat = asAuth(secretariatUser);
    secretariatToken = (await signIn(api, secretariatUser)).accessToken;
    assignee = asAuth(await createUser(api.app, 'secretariat'));
    admin = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    originalCalendar = await (await call(api, 'GET', '/api/working-calendar', { token: admin })).json();
  });
  afterAll(async () => {
    // Other suites share this database: the calendar goes back to what it was.
    if (originalCalendar) {
      const { timeZone, hours, holidays } = originalCalendar as typeof CALENDAR;
      await call(api, 'PUT', '/api/working-calendar', { token: admin, body: { timeZone, hours, holidays } });
    }
    await api?.close();
    await smtp?.stop();
    await redis?.stop();
  });

  it('lets an admin set the working calendar, field by field, audited; nobody else', async () => {
    const refused = await call(api, 'PUT', '/api/working-calendar', { token: secretariatToken, body: CALENDAR });
    expect(refused.status).toBe(403);
    const bad = await call(api, 'PUT', '/api/working-calendar', {
      token: admin,
      body: {
        ...CALENDAR,
        timeZone: 'Mars/Olympus',
        hours: { ...CALENDAR.hours, mon: [{ start: '17:00', end: '09:00' }] },
      },
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { errors: { field: string }[] }).errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['timeZone', 'hours.mon.0.end']));
    const set = await call(api, 'PUT', '/api/working-calendar', { token: admin, body: CALENDAR });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject(CALENDAR);
    const read = await call(api, 'GET', '/api/working-calendar', { token: secretariatToken });
    expect(await read.json()).toMatchObject(CALENDAR);
    const [entry] = (await db.query(
      `SELECT details FROM audit_log WHERE action = 'directory.calendar-changed' ORDER BY id DESC LIMIT 1`,
    )) as { details: { to: typeof CALENDAR } }[];
    expect(entry.details.to.holidays).toEqual(CALENDAR.holidays);
  });

  it('plans the deadlines in working hours, over the holiday, and caps resolution at the deadline date', async () => {
    const ticket = await urgentTicket();
    // Response 4 h: Monday 15:00–17:00, Tuesday is a holiday, Wednesday 09:00–11:00 (Vienna).
    expect(ticket.sla.responseDueAt).toBe('2027-01-06T10:00:00.000Z');
    // Resolution 40 h: 2 h Monday, Wed–Fri 24 h, Mon 11 Jan 8 h, Tue 12 Jan 6 h → 15:00.
    expect(ticket.sla.resolutionDueAt).toBe('2027-01-12T14:00:00.000Z');
    expect(ticket.dueAt).toBe(ticket.sla.responseDueAt);
    const capped = await urgentTicket({ urgency: ['custody'], deadline: '2027-01-08' });
    expect(capped.sla.resolutionDueAt).toBe('2027-01-07T23:00:00.000Z');
  });

  it('warns the assignee before the breach, through the delayed job on the worker', async () => {
    const ticket = await urgentTicket();
    const due = new Date(ticket.sla.responseDueAt ?? '');
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('helpdesk.sla-warning', { connection, prefix: `${env.REDIS_PREFIX}:{queues}` });
    try {
      const job = await eventually(
        () => queue.getJob(jobId('sla-warning', ticket.id, 'response', String(due.getTime()))),
        5000,
        'the delayed warning job',
      );
      expect(await job.isDelayed()).toBe(true);
      // Planned when 25 % of the 4 h are left: Wednesday 10:00 Vienna, one working hour before.
      const runAt = (job.timestamp ?? 0) + (job.opts.delay ?? 0);
      expect(Math.abs(runAt - Date.parse('2027-01-06T09:00:00Z'))).toBeLessThan(60_000);
      expect(await warnings(ticket.id)).toEqual([]);
      // Wednesday 10:30: the job runs, re-checks, and warns the assignee (once, even if run again).
      const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date('2027-01-06T09:30:00Z'));
      try {
        await job.promote();
        await eventually(async () => (await warnings(ticket.id)).length > 0, 10_000, 'the warning');
        expect(await sla.warn(ticket.id, 'response', due.getTime())).toBe(false);
      } finally {
        spy.mockRestore();
      }
      expect(await warnings(ticket.id)).toEqual([assignee.id]);
      const timeline = (await db.query(
        `SELECT action, new_value FROM helpdesk_ticket_events WHERE ticket_id = $1 AND action = 'sla-warning'`,
        [ticket.id],
      )) as { new_value: string }[];
      expect(timeline).toEqual([{ action: 'sla-warning', new_value: 'response' }]);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('does not warn after the breach, nor for an answered or a paused ticket', async () => {
    const late = await urgentTicket();
    const lateDue = Date.parse(late.sla.responseDueAt ?? '');
    expect(await atTime(new Date(lateDue + 1000), () => sla.warn(late.id, 'response', lateDue))).toBe(false);

    // Answered: the secretariat's first public message stops the response clock.
    const answered = await urgentTicket();
    const answeredDue = Date.parse(answered.sla.responseDueAt ?? '');
    const reply = await call(api, 'POST', `/api/threads/${answered.publicThreadId}/messages`, {
      token: secretariatToken,
      body: { clientId: randomUUID(), body: 'We are contacting the requested authority.' },
    });
    expect(reply.status).toBe(201);
    const after = await queue.get(secretariat, answered.id);
    expect(after.sla.firstResponseAt).not.toBeNull();
    expect(after.sla.responseDueAt).toBeNull();
    expect(after.sla.responseWorkingSeconds).not.toBeNull();
    expect(await atTime(new Date(answeredDue - 1800_000), () => sla.warn(answered.id, 'response', answeredDue))).toBe(
      false,
    );

    // Paused: waiting on the requester, no deadline, nothing overdue, no warning.
    const paused = await urgentTicket();
    const pausedDue = Date.parse(paused.sla.responseDueAt ?? '');
    const waiting = await atTime(new Date('2027-01-04T15:00:00Z'), async () => {
      await workflow.changeStatus(secretariat, paused.id, { status: 'triaged' }, {});
      await workflow.changeStatus(secretariat, paused.id, { status: 'in_progress' }, {});
      return workflow.changeStatus(secretariat, paused.id, { status: 'waiting_requester' }, {});
    });
    expect(waiting.sla).toMatchObject({ paused: true, responseDueAt: null, resolutionDueAt: null });
    expect(waiting.dueAt).toBeNull();
    expect(waiting.overdue).toBe(false);
    expect(await atTime(new Date(pausedDue - 1800_000), () => sla.warn(paused.id, 'response', pausedDue))).toBe(false);
    // Resumed on Wednesday 10:00 Vienna: 1 working hour was used (Monday 15:00–16:00), 3 are left → 13:00.
    const resumed = await atTime(new Date('2027-01-06T09:00:00Z'), () =>
      workflow.changeStatus(secretariat, paused.id, { status: 'in_progress' }, {}),
    );
    expect(resumed.sla.responseDueAt).toBe('2027-01-06T12:00:00.000Z');
    expect(await warnings(late.id)).toEqual([]);
    expect(await warnings(answered.id)).toEqual([]);
    expect(await warnings(paused.id)).toEqual([]);
  });

  it('says whether each finished clock met its target, computed from the stored durations', async () => {
    /** The secretariat's first public message at `at`, then resolution at `resolvedAt`. */
    const answerAndResolve = async (ticket: TicketDetail, at: Date, resolvedAt: Date) => {
      await atTime(at, () =>
        db.transaction((manager) => workflow.onPublicMessage(manager, ticket.publicThreadId, secretariat.id)),
      );
      await atTime(resolvedAt, () =>
        workflow.changeStatus(secretariat, ticket.id, { status: 'resolved', outcome: 'unblocked' }, {}),
      );
      const read = await call(api, 'GET', `/api/helpdesk/tickets/${ticket.id}`, { token: secretariatToken });
      expect(read.status).toBe(200);
      return ((await read.json()) as TicketDetail).sla;
    };
    // Answered after 1 working hour (Monday 16:00 Vienna), resolved after 4 (Wednesday 11:00): within 4/40.
    const onTime = await answerAndResolve(
      await urgentTicket(),
      new Date('2027-01-04T15:00:00Z'),
      new Date('2027-01-06T10:00:00Z'),
    );
    expect(onTime).toMatchObject({
      responseTargetHours: 4,
      resolutionTargetHours: 40,
      responseWorkingSeconds: 3600,
      resolutionWorkingSeconds: 4 * 3600,
      responseOutcome: 'met',
      resolutionOutcome: 'met',
    });
    // Answered after 6 working hours (Wednesday 13:00), and resolved within 40 hours but after the deadline
    // date's first instant (Wednesday 00:00 Vienna): both missed.
    const late = await answerAndResolve(
      await urgentTicket({ deadline: '2027-01-06' }),
      new Date('2027-01-06T12:00:00Z'),
      new Date('2027-01-06T13:00:00Z'),
    );
    expect(late).toMatchObject({
      responseTargetHours: 4,
      responseWorkingSeconds: 6 * 3600,
      responseOutcome: 'missed',
      resolutionWorkingSeconds: 7 * 3600,
      resolutionOutcome: 'missed',
    });
    // A running clock has no outcome yet.
    const open = await queue.get(secretariat, (await urgentTicket()).id);
    expect(open.sla).toMatchObject({ responseOutcome: null, resolutionOutcome: null, responseTargetHours: 4 });
  });

  it('flags overdue tickets in the triage queue', async () => {
    const ticket = await urgentTicket();
    const overdue = await atTime(new Date('2027-01-06T11:00:00Z'), () =>
      queue.list(secretariat, { overdue: true, reference: ticket.reference, limit: 10 }),
    );
    expect(overdue.items.map((item) => item.id)).toEqual([ticket.id]);
    expect(overdue.items[0].overdue).toBe(true);
    const early = await atTime(new Date('2027-01-05T11:00:00Z'), () =>
      queue.list(secretariat, { overdue: true, reference: ticket.reference, limit: 10 }),
    );
    expect(early.items).toEqual([]);
  });

  it('re-creates a warning job lost with an emptied Redis', async () => {
    const ticket = await urgentTicket();
    const due = Date.parse(ticket.sla.responseDueAt ?? '');
    const key = `${env.REDIS_PREFIX}:{queues}:helpdesk.sla-warning:${jobId('sla-warning', ticket.id, 'response', String(due))}`;
    const { client } = redis;
    await eventually(async () => (await client.exists(key)) === 1, 5000, 'the job in Redis');
    await client.flushall();
    expect(await client.exists(key)).toBe(0);
    // The sweep (every 500 ms here) puts it back from the deadlines in PostgreSQL.
    await eventually(async () => (await client.exists(key)) === 1, 10_000, 'the job re-created by the sweep');
  });
});
