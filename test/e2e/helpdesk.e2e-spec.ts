import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TicketDetail, TicketSummary } from '@liaison/helpdesk';
import { WorkflowService } from '@liaison/helpdesk';
import { ThreadsService } from '@liaison/messaging';
import { Clock, jobId } from '@liaison/platform';
import { call, signIn } from '../support/auth';
import { createUser, TestUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import { eventually, queueEnv, withWorkers } from '../support/queues';
import { ClientSocket, connectSocket } from '../support/sockets';
import { RunningApp, startApp } from '../support/test-app';
import { adminUrl, currentTestRun, redisUrl } from '../support/test-env';

jest.setTimeout(120_000);

interface Person {
  user: TestUser;
  token: string;
}

const DAY = 24 * 3600 * 1000;

/**
 * The helpdesk on real PostgreSQL, Redis, queue workers and an SMTP server: filing and its missing facts,
 * gapless references, who sees what, every workflow move by role, auto-close, and internal notes that
 * reach nobody but the secretariat by any route.
 */
describe('helpdesk', () => {
  let api: RunningApp;
  let smtp: TestSmtpServer;
  let db: DataSource;
  const suffix = randomUUID().slice(0, 6);
  const codes = { requester: 'XH', requested: 'XJ', other: 'XK' };
  let authorities: { requester: string; requested: string; other: string };
  let networkId: string;
  let secretariat: Person;
  let secretariat2: Person;
  let requester: Person;
  let colleague: Person;
  let counterpart: Person;
  let outsider: Person;
  let coordinator: Person;

  const person = async (role: TestUser['role'], authorityId: string | null): Promise<Person> => {
    const user = await createUser(api.app, role, { authorityId, displayName: `Test ${role} ${suffix}` });
    return { user, token: (await signIn(api, user)).accessToken };
  };
  const request = (who: Person, method: string, path: string, body?: unknown) =>
    call(api, method, `/api${path}`, { token: who.token, body });
  const json = async <T>(who: Person, method: string, path: string, body?: unknown): Promise<T> => {
    const response = await request(who, method, path, body);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const filing = (overrides: Record<string, unknown> = {}) => ({
    requestedStateCode: codes.requested,
    requestedAuthorityId: authorities.requested,
    cooperationType: 'mla',
    offenceCategory: 'laundering',
    legalBasis: 'untoc_18',
    dateSent: '2026-09-01',
    requesterReference: `REF-${suffix}`,
    channel: 'central_authority',
    blockageReason: 'execution_delayed',
    description: 'Bank records requested; nothing received.',
    ...overrides,
  });
  const file = (overrides: Record<string, unknown> = {}, who: Person = requester) =>
    json<TicketDetail>(who, 'POST', '/helpdesk/tickets', filing(overrides));
  const move = (who: Person, id: string, body: Record<string, unknown>) =>
    request(who, 'POST', `/helpdesk/tickets/${id}/status`, body);

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    api = await withWorkers(await startApp({ env: queueEnv(smtp.port) }));
    db = api.app.get(DataSource);
    for (const code of Object.values(codes))
      await db.query(
        `INSERT INTO states (code, name, untoc_party, untoc_extradition_basis) VALUES ($1, $2, true, true) ON CONFLICT DO NOTHING`,
        [code, `Helpdeskland ${code}`],
      );
    const authority = async (code: string, channels: string[], categories: string[]) =>
      (
        (await db.query(
          `INSERT INTO authorities (state_code, name, categories, office_hours, time_zone, languages, documents_required, channels, contact)
           VALUES ($1, $2, $3, '{}'::jsonb, 'UTC', '{en,fr}', '{"Certified copy of the warrant"}', $4, '{}'::jsonb) RETURNING id`,
          [code, `Helpdesk authority ${code} ${suffix}`, categories, channels],
        )) as { id: string }[]
      )[0].id;
    authorities = {
      requester: await authority(codes.requester, ['direct'], ['mla']),
      requested: await authority(codes.requested, ['diplomatic'], ['extradition']),
      other: await authority(codes.other, ['direct'], ['mla']),
    };
    networkId = (
      (await db.query(`INSERT INTO networks (slug, name, description) VALUES ($1, $2, '') RETURNING id`, [
        `helpdesk-${suffix}`,
        `Helpdesk network ${suffix}`,
      ])) as { id: string }[]
    )[0].id;
    await db.query(`INSERT INTO network_states (network_id, state_code) VALUES ($1, $2), ($1, $3)`, [
      networkId,
      codes.requester,
      codes.requested,
    ]);
    secretariat = await person('secretariat', null);
    secretariat2 = await person('secretariat', null);
    requester = await person('focal_point', authorities.requester);
    colleague = await person('focal_point', authorities.requester);
    counterpart = await person('focal_point', authorities.requested);
    outsider = await person('focal_point', authorities.other);
    coordinator = await person('coordinator', authorities.other);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  describe('filing', () => {
    it('names each missing fact, field by field, and files once they are given', async () => {
      const incomplete = await request(
        requester,
        'POST',
        '/helpdesk/tickets',
        filing({ description: undefined, legalBasis: 'bilateral' }),
      );
      expect(incomplete.status).toBe(400);
      const problem = (await incomplete.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((error) => error.field)).toEqual(['legalInstrument', 'description']);

      const check = await json<{
        missing: { field: string }[];
        warnings: { code: string }[];
        requestedAuthority: { documentsRequired: string[] };
        sharedNetworks: { id: string }[];
      }>(requester, 'POST', '/helpdesk/tickets/check', filing({ description: '' }));
      expect(check.missing.map((item) => item.field)).toEqual(['description']);
      expect(check.warnings.map((warning) => warning.code)).toEqual([
        'channel-not-accepted',
        'cooperation-not-handled',
      ]);
      expect(check.requestedAuthority.documentsRequired).toEqual(['Certified copy of the warrant']);
      expect(check.sharedNetworks.map((network) => network.id)).toEqual([networkId]);

      const ticket = await file();
      expect(ticket.reference).toMatch(/^HD-\d{4}-\d{5}$/);
      expect(ticket).toMatchObject({
        status: 'new',
        description: 'Bank records requested; nothing received.',
        requesterReference: `REF-${suffix}`,
        viewer: 'requester',
        internalThreadId: null,
        networks: [{ id: networkId }],
      });
      expect(ticket.timeline.map((entry) => [entry.action, entry.newValue])).toEqual([['filed', 'new']]);
    });

    it('refuses filing to anyone but a focal point of an authority', async () => {
      expect((await request(secretariat, 'POST', '/helpdesk/tickets', filing())).status).toBe(403);
    });

    it('gives 50 concurrent filings 50 distinct numbers with no gap, and a rolled-back filing leaves none', async () => {
      const tickets = await Promise.all(Array.from({ length: 50 }, () => file()));
      const numbers = tickets.map((ticket) => Number(ticket.reference.slice(-5))).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(50);
      expect(numbers[49] - numbers[0]).toBe(49);

      // A filing that fails after taking its number rolls the number back with it.
      const threads = api.app.get(ThreadsService);
      const spy = jest.spyOn(threads, 'createOfKind').mockRejectedValueOnce(new Error('injected failure'));
      expect((await request(requester, 'POST', '/helpdesk/tickets', filing())).status).toBe(500);
      spy.mockRestore();
      const next = await file();
      expect(Number(next.reference.slice(-5))).toBe(numbers[49] + 1);
    });
  });

  describe('who sees what', () => {
    let ticket: TicketDetail;
    beforeAll(async () => {
      ticket = await file();
    });

    it('shows a ticket to its authority’s focal points and the secretariat, 404 to anyone else', async () => {
      expect((await request(colleague, 'GET', `/helpdesk/tickets/${ticket.id}`)).status).toBe(200);
      expect((await json<TicketDetail>(secretariat, 'GET', `/helpdesk/tickets/${ticket.id}`)).internalThreadId).toBe(
        ticket.internalThreadId ??
          (await json<TicketDetail>(secretariat, 'GET', `/helpdesk/tickets/${ticket.id}`)).internalThreadId,
      );
      for (const who of [outsider, coordinator, counterpart]) {
        expect((await request(who, 'GET', `/helpdesk/tickets/${ticket.id}`)).status).toBe(404);
        expect((await request(who, 'GET', `/threads/${ticket.publicThreadId}`)).status).toBe(404);
        expect((await request(who, 'POST', `/helpdesk/tickets/${ticket.id}/withdraw`)).status).toBe(404);
        const list = await json<{ items: TicketSummary[] }>(who, 'GET', '/helpdesk/tickets?limit=100');
        expect(list.items.map((item) => item.id)).not.toContain(ticket.id);
      }
    });

    it('shows a counterpart only the tickets they were invited to', async () => {
      const other = await file();
      const invited = await request(secretariat, 'POST', `/helpdesk/tickets/${ticket.id}/counterparts`, {
        userId: counterpart.user.id,
      });
      expect(invited.status).toBe(200);
      expect(
        (await request(outsider, 'POST', `/helpdesk/tickets/${ticket.id}/counterparts`, { userId: outsider.user.id }))
          .status,
      ).toBe(404);
      expect(
        (
          await request(secretariat, 'POST', `/helpdesk/tickets/${ticket.id}/counterparts`, {
            userId: outsider.user.id,
          })
        ).status,
      ).toBe(400);
      const seen = await json<TicketDetail>(counterpart, 'GET', `/helpdesk/tickets/${ticket.id}`);
      expect(seen).toMatchObject({
        viewer: 'counterpart',
        internalThreadId: null,
        allowedTransitions: [],
        canWithdraw: false,
      });
      expect((await request(counterpart, 'GET', `/threads/${ticket.publicThreadId}`)).status).toBe(200);
      expect((await request(counterpart, 'GET', `/helpdesk/tickets/${other.id}`)).status).toBe(404);
      const list = await json<{ items: TicketSummary[] }>(counterpart, 'GET', '/helpdesk/tickets?limit=100');
      expect(list.items.map((item) => item.id)).toEqual([ticket.id]);
    });
  });

  describe('workflow', () => {
    it('lets the secretariat make every move, and refuses the others with 409 naming the allowed ones', async () => {
      const ticket = await file();
      const path: [string, Record<string, unknown>?][] = [
        ['triaged'],
        ['in_progress'],
        ['waiting_requester'],
        ['in_progress'],
        ['waiting_counterpart'],
        ['in_progress'],
        ['resolved', { outcome: 'unblocked' }],
        ['in_progress'],
        ['resolved', { outcome: 'refused', outcomeGround: 'nationality' }],
      ];
      const refused = await move(secretariat, ticket.id, { status: 'in_progress' });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({
        type: '/problems/invalid-transition',
        from: 'new',
        allowed: ['triaged', 'resolved'],
      });
      for (const [status, extra] of path) {
        const response = await move(secretariat, ticket.id, { status, ...extra });
        expect([status, response.status]).toEqual([status, 200]);
      }
      const done = await json<TicketDetail>(requester, 'GET', `/helpdesk/tickets/${ticket.id}`);
      expect(done).toMatchObject({ status: 'resolved', outcome: 'refused', outcomeGround: 'nationality' });
      const statuses = done.timeline
        .filter((entry) => entry.action === 'status')
        .map((entry) => [entry.oldValue, entry.newValue]);
      expect(statuses[0]).toEqual(['new', 'triaged']);
      expect(statuses).toHaveLength(path.length);
      expect(done.timeline.every((entry) => entry.actor?.id === secretariat.user.id || entry.action === 'filed')).toBe(
        true,
      );
      expect((await move(secretariat, ticket.id, { status: 'closed' })).status).toBe(409);
    });

    it('refuses the workflow to the requester and counterparts (403), and moves nobody can see (404)', async () => {
      const ticket = await file();
      await request(secretariat, 'POST', `/helpdesk/tickets/${ticket.id}/counterparts`, {
        userId: counterpart.user.id,
      });
      expect((await move(requester, ticket.id, { status: 'triaged' })).status).toBe(403);
      expect((await move(counterpart, ticket.id, { status: 'triaged' })).status).toBe(403);
      expect((await move(outsider, ticket.id, { status: 'triaged' })).status).toBe(404);
      expect((await request(counterpart, 'POST', `/helpdesk/tickets/${ticket.id}/withdraw`)).status).toBe(403);
      expect((await request(secretariat, 'POST', `/helpdesk/tickets/${ticket.id}/withdraw`)).status).toBe(403);
      expect((await request(requester, 'PATCH', `/helpdesk/tickets/${ticket.id}`, { priority: 'urgent' })).status).toBe(
        403,
      );
    });

    it('needs an outcome to resolve, with its ground or the duplicated ticket', async () => {
      const ticket = await file();
      const none = await move(secretariat, ticket.id, { status: 'resolved' });
      expect(none.status).toBe(400);
      expect(await none.json()).toMatchObject({ errors: [{ field: 'outcome' }] });
      expect(
        await (await move(secretariat, ticket.id, { status: 'resolved', outcome: 'refused' })).json(),
      ).toMatchObject({
        errors: [{ field: 'outcomeGround' }],
      });
      expect(
        await (await move(secretariat, ticket.id, { status: 'resolved', outcome: 'duplicate' })).json(),
      ).toMatchObject({
        errors: [{ field: 'duplicateOf' }],
      });
      const original = await file();
      const resolved = await json<TicketDetail>(secretariat, 'POST', `/helpdesk/tickets/${ticket.id}/status`, {
        status: 'resolved',
        outcome: 'duplicate',
        duplicateOf: original.id,
      });
      expect(resolved.duplicateOf).toEqual({ id: original.id, reference: original.reference });
    });

    it('lets the requester withdraw an open ticket, and only once', async () => {
      const ticket = await file();
      const withdrawn = await json<TicketDetail>(colleague, 'POST', `/helpdesk/tickets/${ticket.id}/withdraw`);
      expect(withdrawn).toMatchObject({ status: 'resolved', outcome: 'withdrawn', canWithdraw: false });
      const again = await request(requester, 'POST', `/helpdesk/tickets/${ticket.id}/withdraw`);
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ allowed: [] });
    });

    it('moves "waiting on requester" back to "in progress" when the requester replies', async () => {
      const ticket = await file();
      for (const status of ['triaged', 'in_progress', 'waiting_requester'])
        await move(secretariat, ticket.id, { status });
      const reply = await request(requester, 'POST', `/threads/${ticket.publicThreadId}/messages`, {
        clientId: randomUUID(),
        body: 'Here are the documents you asked for.',
      });
      expect(reply.status).toBe(201);
      const after = await json<TicketDetail>(secretariat, 'GET', `/helpdesk/tickets/${ticket.id}`);
      expect(after.status).toBe('in_progress');
      expect(after.timeline.at(-1)).toMatchObject({
        action: 'status',
        oldValue: 'waiting_requester',
        newValue: 'in_progress',
        actor: { id: requester.user.id },
      });
    });

    it('closes a resolved ticket 14 days later by its queued job, re-checked when it runs; closed never reopens', async () => {
      const ticket = await file();
      await move(secretariat, ticket.id, { status: 'resolved', outcome: 'outside_remit' });
      const workflow = api.app.get(WorkflowService);
      const clock = api.app.get(Clock);
      expect(await workflow.autoClose(ticket.id)).toBe(false);
      const later = jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 14 * DAY + 60_000));
      try {
        expect(await workflow.autoClose(ticket.id)).toBe(true);
      } finally {
        later.mockRestore();
      }
      const closed = await json<TicketDetail>(requester, 'GET', `/helpdesk/tickets/${ticket.id}`);
      expect(closed.status).toBe('closed');
      expect(closed.timeline.at(-1)).toMatchObject({
        action: 'status',
        oldValue: 'resolved',
        newValue: 'closed',
        actor: null,
      });
      const reopen = await move(secretariat, ticket.id, { status: 'in_progress' });
      expect(reopen.status).toBe(409);
      expect(await reopen.json()).toMatchObject({ from: 'closed', allowed: [] });

      // A ticket reopened before its day: the job finds it in progress and leaves it.
      const reopened = await file();
      await move(secretariat, reopened.id, { status: 'resolved', outcome: 'unblocked' });
      await move(secretariat, reopened.id, { status: 'in_progress' });
      const much = jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 30 * DAY));
      try {
        expect(await workflow.autoClose(reopened.id)).toBe(false);
      } finally {
        much.mockRestore();
      }
      const rows = (await db.query(`SELECT status FROM helpdesk_tickets WHERE id = $1`, [reopened.id])) as {
        status: string;
      }[];
      expect(rows[0].status).toBe('in_progress');
    });
  });

  describe('auto-close on the worker', () => {
    it('queues the close 14 days ahead when a ticket is resolved, and the worker closes it when it runs then', async () => {
      const ticket = await file();
      await move(secretariat, ticket.id, { status: 'resolved', outcome: 'unblocked' });
      const [{ resolved_at: resolvedAt }] = (await db.query(`SELECT resolved_at FROM helpdesk_tickets WHERE id = $1`, [
        ticket.id,
      ])) as { resolved_at: Date }[];
      const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const queue = new Queue('helpdesk.auto-close', { connection, prefix: `${api.config.REDIS_PREFIX}:{queues}` });
      const clock = api.app.get(Clock);
      try {
        const id = jobId('auto-close', ticket.id, String(resolvedAt.getTime()));
        const job = await eventually(() => queue.getJob(id), 5000, 'the delayed auto-close job');
        expect(await job.isDelayed()).toBe(true);
        expect(job.opts.delay).toBeGreaterThan(14 * DAY - 60_000);
        expect(job.opts.delay).toBeLessThanOrEqual(14 * DAY);
        // Fourteen days on: the job runs (promoted now) and the worker, re-checking, closes the ticket.
        jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 14 * DAY + 60_000));
        await job.promote();
        await eventually(
          async () =>
            (
              (await db.query(`SELECT status FROM helpdesk_tickets WHERE id = $1`, [ticket.id])) as { status: string }[]
            )[0].status === 'closed',
          10_000,
          'closed by the worker',
        );
      } finally {
        jest.restoreAllMocks();
        await queue.close();
        connection.disconnect();
      }
    });
  });

  describe('triage queue', () => {
    it('filters, sorts, pages by keyset, assigns in bulk, and tells the secretariat live', async () => {
      const socket = await connectSocket(api, { token: secretariat.token });
      const denied = await connectSocket(api, { token: requester.token });
      try {
        expect(
          ((await socket.timeout(5000).emitWithAck('room.join', { room: 'helpdesk:queue' })) as { ok: boolean }).ok,
        ).toBe(true);
        expect(
          ((await denied.timeout(5000).emitWithAck('room.join', { room: 'helpdesk:queue' })) as { ok: boolean }).ok,
        ).toBe(false);
        const heard: string[] = [];
        socket.on('helpdesk.ticket-changed', (event) => heard.push(event.ticketId));
        const a = await file({ urgency: ['custody'], deadline: '2026-12-20' });
        const b = await file();
        await eventually(() => heard.includes(a.id) && heard.includes(b.id), 5000, 'live queue events');
        expect(a.priority).toBe('high');

        const byReference = await json<{ items: TicketSummary[] }>(
          secretariat,
          'GET',
          `/helpdesk/tickets?reference=${a.reference}`,
        );
        expect(byReference.items.map((item) => item.id)).toEqual([a.id]);

        const assigned = await json<{ assigned: number }>(secretariat, 'POST', '/helpdesk/tickets/assign', {
          ticketIds: [a.id, b.id],
          assigneeId: secretariat2.user.id,
        });
        expect(assigned.assigned).toBe(2);
        expect(
          (
            await request(requester, 'POST', '/helpdesk/tickets/assign', {
              ticketIds: [a.id],
              assigneeId: secretariat2.user.id,
            })
          ).status,
        ).toBe(403);
        const mine = await json<{ items: TicketSummary[] }>(
          secretariat,
          'GET',
          `/helpdesk/tickets?assigneeId=${secretariat2.user.id}&sort=priority`,
        );
        expect(mine.items.map((item) => item.id)).toEqual([a.id, b.id]);

        const pages: string[] = [];
        let cursor: string | null = null;
        do {
          const query = `/helpdesk/tickets?status=new&stateCode=${codes.requested}&networkId=${networkId}&sort=oldest&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
          const page: { items: TicketSummary[]; nextCursor: string | null } = await json(secretariat, 'GET', query);
          pages.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor;
        } while (cursor);
        const all = (await db.query(
          `SELECT id FROM helpdesk_tickets WHERE status = 'new' AND requested_state_code = $1 ORDER BY created_at, id`,
          [codes.requested],
        )) as { id: string }[];
        expect(pages).toEqual(all.map((row) => row.id));
        expect((await request(secretariat, 'GET', '/helpdesk/tickets?cursor=garbage')).status).toBe(400);
        expect((await request(secretariat, 'GET', '/helpdesk/tickets?status=lost')).status).toBe(400);
      } finally {
        socket.close();
        denied.close();
      }
    });
  });

  describe('notifications', () => {
    const notices = async (who: Person, reference: string) =>
      (
        await json<{ items: { kind: string; reference: string | null; link: string }[] }>(
          who,
          'GET',
          '/notifications?limit=100',
        )
      ).items
        .filter((item) => item.reference === reference)
        .map((item) => item.kind)
        .sort();

    it('tells the secretariat of a filing, the assignee of an assignment, both sides of a status change, and the invitee', async () => {
      const ticket = await file();
      await eventually(
        async () => (await notices(secretariat2, ticket.reference)).includes('helpdesk.ticket-filed'),
        10_000,
        'filed',
      );
      await json(secretariat, 'PATCH', `/helpdesk/tickets/${ticket.id}`, { assigneeId: secretariat2.user.id });
      await json(secretariat, 'POST', `/helpdesk/tickets/${ticket.id}/counterparts`, { userId: counterpart.user.id });
      await json(secretariat, 'POST', `/helpdesk/tickets/${ticket.id}/status`, { status: 'triaged' });
      await eventually(async () => (await notices(counterpart, ticket.reference)).length === 1, 10_000, 'invited');
      await eventually(async () => (await notices(colleague, ticket.reference)).length === 1, 10_000, 'status');
      await eventually(async () => (await notices(secretariat2, ticket.reference)).length === 3, 10_000, 'assignee');
      expect(await notices(secretariat2, ticket.reference)).toEqual([
        'helpdesk.status-changed',
        'helpdesk.ticket-assigned',
        'helpdesk.ticket-filed',
      ]);
      expect(await notices(colleague, ticket.reference)).toEqual(['helpdesk.status-changed']);
      expect(await notices(counterpart, ticket.reference)).toEqual(['helpdesk.counterpart-invited']);
      // The actor is not told of their own change.
      expect(await notices(secretariat, ticket.reference)).toEqual(['helpdesk.ticket-filed']);
      const mail = await eventually(
        () =>
          smtp.received.find(
            (item) =>
              item.to.includes(secretariat2.user.email) && (item.parsed.subject ?? '').includes(ticket.reference),
          ),
        10_000,
        'mail to the secretariat',
      );
      expect(mail.parsed.text).toContain(`/helpdesk/tickets/${ticket.id}`);
      expect(mail.parsed.text).not.toContain('Bank records');
    });
  });

  describe('internal notes never leak', () => {
    const marker = `zanzibarnote${suffix}`;
    let ticket: TicketDetail;
    let internalThreadId: string;
    let sockets: ClientSocket[];
    const heard: string[] = [];

    beforeAll(async () => {
      ticket = await file();
      await request(secretariat, 'POST', `/helpdesk/tickets/${ticket.id}/counterparts`, {
        userId: counterpart.user.id,
      });
      await json(secretariat, 'PATCH', `/helpdesk/tickets/${ticket.id}`, { assigneeId: secretariat.user.id });
      internalThreadId = (await json<TicketDetail>(secretariat, 'GET', `/helpdesk/tickets/${ticket.id}`))
        .internalThreadId as string;
      sockets = [];
      for (const who of [requester, counterpart]) {
        const socket = await connectSocket(api, { token: who.token });
        socket.onAny((event: string, payload: unknown) => heard.push(`${event} ${JSON.stringify(payload)}`));
        await socket
          .timeout(5000)
          .emitWithAck('thread.sync', { threads: [{ threadId: ticket.publicThreadId, lastSeq: 0 }] });
        const internal = (await socket.timeout(5000).emitWithAck('thread.sync', {
          threads: [{ threadId: internalThreadId, lastSeq: 0 }],
        })) as { results: { ok: boolean }[] };
        expect(internal.results[0].ok).toBe(false);
        expect(
          (
            (await socket.timeout(5000).emitWithAck('room.join', { room: `ticket-internal:${internalThreadId}` })) as {
              ok: boolean;
            }
          ).ok,
        ).toBe(false);
        sockets.push(socket);
      }
      const note = await request(secretariat, 'POST', `/threads/${internalThreadId}/messages`, {
        clientId: randomUUID(),
        body: `Internal assessment: ${marker} is unreliable.`,
      });
      expect(note.status).toBe(201);
      const reply = await request(secretariat, 'POST', `/threads/${ticket.publicThreadId}/messages`, {
        clientId: randomUUID(),
        body: 'We have contacted the requested authority.',
      });
      expect(reply.status).toBe(201);
      // The public reply is heard live: anything the note would have sent has had its chance too.
      await eventually(
        () => heard.some((line) => line.includes('contacted the requested authority')),
        5000,
        'public reply',
      );
      // The public reply's notices (in-app and e-mail) have arrived: the note's would have by now too.
      await eventually(
        () =>
          smtp.received.some(
            (mail) => mail.to.includes(requester.user.email) && (mail.parsed.subject ?? '').includes(ticket.reference),
          ),
        10_000,
        'mail about the public reply',
      );
      await eventually(
        async () =>
          (
            await json<{ items: { reference: string | null }[] }>(requester, 'GET', '/notifications?limit=100')
          ).items.some((item) => item.reference === ticket.reference),
        10_000,
        'in-app notice about the public reply',
      );
    });
    afterAll(() => sockets?.forEach((socket) => socket.close()));

    it('REST: the note thread and its messages answer 404 to the requester and the counterpart', async () => {
      for (const who of [requester, counterpart, colleague]) {
        expect((await request(who, 'GET', `/threads/${internalThreadId}`)).status).toBe(404);
        expect((await request(who, 'GET', `/threads/${internalThreadId}/messages`)).status).toBe(404);
        expect(
          (await request(who, 'POST', `/threads/${internalThreadId}/messages`, { clientId: randomUUID(), body: 'x' }))
            .status,
        ).toBe(404);
        const detail = await request(who, 'GET', `/helpdesk/tickets/${ticket.id}`);
        expect(await detail.text()).not.toContain(internalThreadId);
      }
      const notes = await json<{ items: { body: string }[] }>(
        secretariat,
        'GET',
        `/threads/${internalThreadId}/messages`,
      );
      expect(notes.items.map((message) => message.body).join(' ')).toContain(marker);
    });

    it('socket: no event carrying the note reaches them', () => {
      expect(heard.some((line) => line.includes('contacted the requested authority'))).toBe(true);
      expect(heard.filter((line) => line.includes(marker) || line.includes(internalThreadId))).toEqual([]);
    });

    it('search: the marker word finds nothing for them, the note for the secretariat', async () => {
      for (const who of [requester, counterpart]) {
        const found = await json<{ items: unknown[]; total?: number }>(who, 'GET', `/search/messages?q=${marker}`);
        expect(found.items).toEqual([]);
      }
      const own = await json<{ items: unknown[] }>(secretariat, 'GET', `/search/messages?q=${marker}`);
      expect(own.items).toHaveLength(1);
    });

    it('notification: none tells them of the note, none carries it', async () => {
      for (const who of [requester, counterpart]) {
        const response = await request(who, 'GET', '/notifications?limit=100');
        const text = await response.text();
        expect(text).not.toContain(marker);
        expect(text).not.toContain(internalThreadId);
      }
      const requesterNotices = await json<{ items: { kind: string; reference: string | null }[] }>(
        requester,
        'GET',
        '/notifications?limit=100',
      );
      expect(
        requesterNotices.items.filter((item) => item.reference === ticket.reference).map((item) => item.kind),
      ).toEqual(['helpdesk.public-message']);
    });

    it('e-mail: no mail carries the note or any case fact; they carry the reference and a link', async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const all = smtp.received.map(
        (mail) => `${mail.parsed.subject ?? ''}\n${mail.parsed.text ?? ''}\n${mail.parsed.html || ''}`,
      );
      for (const text of all) {
        expect(text).not.toContain(marker);
        expect(text).not.toContain('Bank records');
        expect(text).not.toContain(`REF-${suffix}`);
      }
      const toRequester = smtp.received.filter((mail) => mail.to.includes(requester.user.email));
      const mail = toRequester.find((item) => (item.parsed.subject ?? '').includes(ticket.reference));
      expect(mail?.parsed.text).toContain(`/helpdesk/tickets/${ticket.id}`);
    });

    it('audit view: closed to them, and no entry carries the note or a case fact', async () => {
      for (const who of [requester, counterpart]) expect((await request(who, 'GET', '/audit')).status).toBe(403);
      const admin = await person('admin', null);
      const entries = await request(admin, 'GET', `/audit?targetId=${ticket.id}&limit=100`);
      const text = await entries.text();
      expect(text).toContain('helpdesk.ticket-filed');
      expect(text).not.toContain(marker);
      expect(text).not.toContain('Bank records');
      const stored = (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE details::text LIKE $1`, [
        `%${marker}%`,
      ])) as { n: number }[];
      expect(stored[0].n).toBe(0);
    });

    it('pg_dump: the note and the free-text facts are not in clear', () => {
      const dump = execFileSync(
        'pg_dump',
        ['--dbname', `${adminUrl.replace(/\/[^/]*$/, '')}/${currentTestRun().database}`],
        {
          maxBuffer: 256 * 1024 * 1024,
        },
      ).toString();
      expect(dump).toContain('helpdesk_tickets');
      expect(dump).toContain(ticket.reference);
      for (const secret of [marker, 'Bank records requested', `REF-${suffix}`]) expect(dump).not.toContain(secret);
    });
  });
});
