import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Statistics, TicketDetail } from '@liaison/helpdesk';
import { call, signIn } from '../support/auth';
import { createUser, TestUser } from '../support/factories';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(180_000);

interface Person {
  user: TestUser;
  token: string;
}

/**
 * The statistics kept as tickets change (issue 18): for the filters they are bucketed by (month-aligned
 * dates, network, type of cooperation) the answer comes from counts the database keeps in each change's
 * transaction. Whatever happens to the tickets, that answer equals the one read from the tickets
 * themselves (a date within a month takes that path), and a coordinator's stays within their networks.
 */
describe('helpdesk statistics kept as tickets change', () => {
  let api: RunningApp;
  let db: DataSource;
  const suffix = randomUUID().slice(0, 6);
  const codes = { a: 'YA', b: 'YB', c: 'YC' };
  let authorities: Record<keyof typeof codes, string>;
  let networks: { first: string; second: string; other: string };
  let secretariat: Person;
  let coordinator: Person;
  let focalA: Person;
  let focalC: Person;

  const person = async (role: TestUser['role'], authorityId: string | null): Promise<Person> => {
    const user = await createUser(api.app, role, { authorityId });
    return { user, token: (await signIn(api, user)).accessToken };
  };
  const request = (who: Person, path: string, body?: unknown, method = body ? 'POST' : 'GET') =>
    call(api, method, `/api${path}`, { token: who.token, body });
  const file = async (who: Person, requested: keyof typeof codes, overrides: Record<string, unknown> = {}) => {
    const response = await request(who, '/helpdesk/tickets', {
      requestedStateCode: codes[requested],
      requestedAuthorityId: authorities[requested],
      cooperationType: 'mla',
      offenceCategory: 'corruption',
      legalBasis: 'untoc_18',
      dateSent: '2026-09-01',
      requesterReference: `KEPT-${suffix}`,
      channel: 'central_authority',
      blockageReason: 'no_reply',
      blockedSince: '2026-10-01',
      description: 'Nothing since October.',
      ...overrides,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as TicketDetail;
  };
  const stats = async (who: Person, query: string) => {
    const response = await request(who, `/helpdesk/statistics${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Statistics;
  };
  /** The kept counts (dates on month boundaries) and the tickets themselves (a date within a month) agree. */
  const expectKeptAsRead = async (who: Person, query = '') => {
    const kept = await stats(who, `?from=2000-01-01&to=2099-12-31${query}`);
    const read = await stats(who, `?from=2000-01-02&to=2099-12-30${query}`);
    expect(kept).toEqual(read);
    expect(await stats(who, query ? `?${query.slice(1)}` : '')).toEqual(read);
    return kept;
  };
  const move = async (ticket: TicketDetail, body: Record<string, unknown>) => {
    const response = await request(secretariat, `/helpdesk/tickets/${ticket.id}/status`, body);
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    api = await startApp();
    db = api.app.get(DataSource);
    for (const code of Object.values(codes))
      await db.query(
        `INSERT INTO states (code, name, untoc_party, untoc_extradition_basis) VALUES ($1, $2, true, true) ON CONFLICT DO NOTHING`,
        [code, `Keptland ${code}`],
      );
    const authority = async (code: string) =>
      (
        (await db.query(
          `INSERT INTO authorities (state_code, name, categories, office_hours, time_zone, languages, documents_required, channels, contact)
           VALUES ($1, $2, '{mla}', '{}'::jsonb, 'UTC', '{en}', '{}', '{direct}', '{}'::jsonb) RETURNING id`,
          [code, `Kept authority ${code} ${suffix}`],
        )) as { id: string }[]
      )[0].id;
    authorities = { a: await authority(codes.a), b: await authority(codes.b), c: await authority(codes.c) };
    const network = async (slug: string, states: string[]) => {
      const id = (
        (await db.query(`INSERT INTO networks (slug, name, description) VALUES ($1, $2, '') RETURNING id`, [
          `${slug}-${suffix}`,
          `Kept ${slug} ${suffix}`,
        ])) as { id: string }[]
      )[0].id;
      for (const state of states)
        await db.query(`INSERT INTO network_states (network_id, state_code) VALUES ($1, $2)`, [id, state]);
      return id;
    };
    // A and B share two networks: their tickets belong to both. C shares only "other" with A.
    networks = {
      first: await network('first', [codes.a, codes.b]),
      second: await network('second', [codes.a, codes.b]),
      other: await network('other', [codes.a, codes.c]),
    };
    secretariat = await person('secretariat', null);
    coordinator = await person('coordinator', authorities.a);
    for (const id of [networks.first, networks.second])
      await db.query(`INSERT INTO network_members (network_id, user_id, network_role) VALUES ($1, $2, 'coordinator')`, [
        id,
        coordinator.user.id,
      ]);
    focalA = await person('focal_point', authorities.a);
    focalC = await person('focal_point', authorities.c);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('counts a ticket of two networks once for the coordinator of both, and none of another network', async () => {
    const before = await expectKeptAsRead(coordinator);
    await file(focalA, 'b');
    await file(focalA, 'b', { cooperationType: 'extradition' });
    await file(focalC, 'a');
    const after = await expectKeptAsRead(coordinator);
    expect(after.total).toBe(before.total + 2);
    expect((await stats(coordinator, `?networkId=${networks.first}`)).total).toBe(after.total);
    expect((await stats(coordinator, `?networkId=${networks.second}`)).total).toBe(after.total);
    expect((await request(coordinator, `/helpdesk/statistics?networkId=${networks.other}`)).status).toBe(403);
    await expectKeptAsRead(coordinator, '&cooperationType=extradition');
    // And it is the kept counts that answer, in both grains: a count changed behind the fold's back shows.
    const shift = async (grain: 'all time' | 'monthly', by: number) =>
      (
        (await db.query(
          `UPDATE ${grain === 'all time' ? 'helpdesk_statistics_counts_all' : 'helpdesk_statistics_counts'}
              SET count = count + $2
            WHERE dimension = 'total' AND network_ids @> ARRAY[$1::uuid]
              ${grain === 'all time' ? '' : `AND cooperation_type = 'extradition'`}
          RETURNING 1`,
          [networks.first, by],
        )) as [unknown[], number]
      )[0].length;
    const extradition = (await stats(coordinator, '?cooperationType=extradition')).total;
    for (const grain of ['all time', 'monthly'] as const) {
      const rows = await shift(grain, 1000);
      try {
        expect(rows).toBeGreaterThan(0);
        if (grain === 'all time') expect((await stats(coordinator, '')).total).toBe(after.total + 1000 * rows);
        else expect((await stats(coordinator, '?cooperationType=extradition')).total).toBe(extradition + 1000 * rows);
      } finally {
        await shift(grain, -1000);
      }
    }
    expect((await stats(coordinator, '')).total).toBe(after.total);
    await expectKeptAsRead(secretariat, `&networkId=${networks.other}`);
  });

  it('keeps the figures right through status changes, resolution, reopening, priority and withdrawal', async () => {
    const start = await expectKeptAsRead(secretariat);
    const ticket = await file(focalA, 'b', { legalBasis: 'bilateral', legalInstrument: 'Treaty of Kept' });
    const withdrawn = await file(focalA, 'b');
    await expectKeptAsRead(secretariat);

    await move(ticket, { status: 'triaged' });
    await move(ticket, { status: 'in_progress' });
    // The secretariat's first public message answers the ticket: a first-response duration appears.
    const reply = await request(secretariat, `/threads/${ticket.publicThreadId}/messages`, {
      clientId: randomUUID(),
      body: 'We are on it.',
    });
    expect(reply.status).toBe(201);
    const answered = await expectKeptAsRead(secretariat);
    expect(answered.firstResponse.count).toBe(start.firstResponse.count + 1);

    const triage = await request(secretariat, `/helpdesk/tickets/${ticket.id}`, { priority: 'urgent' }, 'PATCH');
    expect(triage.status).toBe(200);
    await expectKeptAsRead(secretariat);

    await move(ticket, { status: 'resolved', outcome: 'refused', outcomeGround: 'political_offence' });
    const resolved = await expectKeptAsRead(secretariat);
    expect(resolved.byOutcome.find((item) => item.key === 'refused')?.count).toBe(
      (start.byOutcome.find((item) => item.key === 'refused')?.count ?? 0) + 1,
    );
    expect(resolved.resolution.count).toBe(start.resolution.count + 1);

    // Reopened: the outcome, its ground and the resolution leave the figures again.
    await move(ticket, { status: 'in_progress' });
    const reopened = await expectKeptAsRead(secretariat);
    expect(reopened.byOutcome).toEqual(start.byOutcome);
    expect(reopened.byRefusalGround).toEqual(start.byRefusalGround);
    expect(reopened.resolution).toEqual(answered.resolution);
    expect(reopened.byStatus.find((item) => item.key === 'in_progress')?.count).toBe(
      (start.byStatus.find((item) => item.key === 'in_progress')?.count ?? 0) + 1,
    );

    const withdraw = await request(focalA, `/helpdesk/tickets/${withdrawn.id}/withdraw`, {});
    expect(withdraw.status).toBe(200);
    const end = await expectKeptAsRead(secretariat);
    expect(end.total).toBe(start.total + 2);
    expect(end.byOutcome.find((item) => item.key === 'withdrawn')?.count).toBe(
      (start.byOutcome.find((item) => item.key === 'withdrawn')?.count ?? 0) + 1,
    );
    await expectKeptAsRead(coordinator);
  });

  it('counts concurrent filings once each', async () => {
    const before = await expectKeptAsRead(secretariat);
    const filed = await Promise.all(
      Array.from({ length: 8 }, (_, index) => file(index % 2 ? focalA : focalC, index % 2 ? 'b' : 'a')),
    );
    expect(new Set(filed.map((ticket) => ticket.reference)).size).toBe(8);
    const after = await expectKeptAsRead(secretariat);
    // Filing only queued the tickets; the read folded them in before it answered.
    expect(
      await db.query(`SELECT ticket_id FROM helpdesk_statistics_pending WHERE ticket_id = ANY ($1::uuid[])`, [
        filed.map((ticket) => ticket.id),
      ]),
    ).toEqual([]);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM helpdesk_statistics_facts WHERE ticket_id = ANY ($1::uuid[])`, [
        filed.map((ticket) => ticket.id),
      ]),
    ).toEqual([{ n: 8 }]);
    expect(after.total).toBe(before.total + 8);
    expect(after.trend.reduce((sum, month) => sum + month.filed, 0)).toBe(after.total);
    await expectKeptAsRead(coordinator);
  });

  it('counts every ticket again when the calendar gets another zone, and until then reads the tickets', async () => {
    const admin = await person('admin', null);
    const { timeZone, hours, holidays } = (await (await request(admin, '/working-calendar')).json()) as {
      timeZone: string;
      hours: unknown;
      holidays: unknown;
    };
    const original = { timeZone, hours, holidays };
    const zone = original.timeZone === 'Pacific/Kiritimati' ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';
    try {
      // Changed behind the API's back (no event): the counts are in the old zone, so the tickets answer.
      await db.query(`UPDATE working_calendars SET time_zone = $1 WHERE id = 'secretariat'`, [zone]);
      const read = await stats(secretariat, '');
      expect(read.timeZone).toBe(zone);
      expect(read).toEqual(await stats(secretariat, '?from=2000-01-02'));
      await db.query(`UPDATE working_calendars SET time_zone = $1 WHERE id = 'secretariat'`, [original.timeZone]);
      // Through the admin's route: counted again in the new zone, in the same transaction.
      const changed = await request(admin, '/working-calendar', { ...original, timeZone: zone }, 'PUT');
      expect(changed.status).toBe(200);
      expect(await db.query(`SELECT time_zone FROM helpdesk_statistics_state`)).toEqual([{ time_zone: zone }]);
      const kept = await expectKeptAsRead(secretariat);
      expect(kept).toEqual(read);
      await expectKeptAsRead(coordinator);
    } finally {
      const back = await request(admin, '/working-calendar', original, 'PUT');
      expect(back.status).toBe(200);
    }
  });
});
