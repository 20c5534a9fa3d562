import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Statistics, TicketDetail } from '@liaison/helpdesk';
import { call, signIn } from '../support/auth';
import { createUser, TestUser } from '../support/factories';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(120_000);

interface Person {
  user: TestUser;
  token: string;
}

/**
 * Statistics on blocked cases: the secretariat counts every ticket, a coordinator only the networks they
 * coordinate, anyone else is refused; the CSV export neutralises formula cells and carries no free text.
 */
describe('helpdesk statistics', () => {
  let api: RunningApp;
  let db: DataSource;
  const suffix = randomUUID().slice(0, 6);
  // Two pairs of States, each pair in its own network.
  const codes = { a: 'XA', b: 'XB', c: 'XC', d: 'XD' };
  let networks: { ab: string; cd: string };
  let authorities: Record<keyof typeof codes, string>;
  let secretariat: Person;
  let coordinator: Person;
  let focalA: Person;
  let focalC: Person;
  const MARKER = `Zanzibarquartz${suffix}`;

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
      requesterReference: `STAT-${MARKER}`,
      channel: 'central_authority',
      blockageReason: 'no_reply',
      blockedSince: '2026-10-01',
      description: `Nothing since October. ${MARKER}`,
      ...overrides,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as TicketDetail;
  };
  const stats = async (who: Person, query = '') => {
    const response = await request(who, `/helpdesk/statistics${query}`);
    return { status: response.status, body: (await response.json()) as Statistics };
  };

  beforeAll(async () => {
    api = await startApp();
    db = api.app.get(DataSource);
    for (const code of Object.values(codes))
      await db.query(
        `INSERT INTO states (code, name, untoc_party, untoc_extradition_basis) VALUES ($1, $2, true, true) ON CONFLICT DO NOTHING`,
        [code, `Statland ${code}`],
      );
    const authority = async (code: string) =>
      (
        (await db.query(
          `INSERT INTO authorities (state_code, name, categories, office_hours, time_zone, languages, documents_required, channels, contact)
           VALUES ($1, $2, '{mla}', '{}'::jsonb, 'UTC', '{en}', '{}', '{direct}', '{}'::jsonb) RETURNING id`,
          [code, `Statistics authority ${code} ${suffix}`],
        )) as { id: string }[]
      )[0].id;
    authorities = {
      a: await authority(codes.a),
      b: await authority(codes.b),
      c: await authority(codes.c),
      d: await authority(codes.d),
    };
    const network = async (slug: string, states: string[]) => {
      const id = (
        (await db.query(`INSERT INTO networks (slug, name, description) VALUES ($1, $2, '') RETURNING id`, [
          `${slug}-${suffix}`,
          `Statistics ${slug} ${suffix}`,
        ])) as { id: string }[]
      )[0].id;
      for (const state of states)
        await db.query(`INSERT INTO network_states (network_id, state_code) VALUES ($1, $2)`, [id, state]);
      return id;
    };
    networks = { ab: await network('ab', [codes.a, codes.b]), cd: await network('cd', [codes.c, codes.d]) };
    secretariat = await person('secretariat', null);
    coordinator = await person('coordinator', authorities.a);
    await db.query(`INSERT INTO network_members (network_id, user_id, network_role) VALUES ($1, $2, 'coordinator')`, [
      networks.ab,
      coordinator.user.id,
    ]);
    focalA = await person('focal_point', authorities.a);
    focalC = await person('focal_point', authorities.c);

    await file(focalA, 'b');
    const refused = await file(focalA, 'b', {
      legalBasis: 'bilateral',
      legalInstrument: '=HYPERLINK("http://evil.example","click")',
    });
    await file(focalA, 'b', {
      legalBasis: 'regional',
      legalInstrument: '@SUM(1+1)*cmd|" /C calc"!A0',
      cooperationType: 'extradition',
    });
    await file(focalC, 'd', { offenceCategory: 'drugs' });
    await file(focalC, 'd', { offenceCategory: 'drugs', blockageReason: 'dual_criminality', blockedSince: undefined });
    const resolve = await request(secretariat, `/helpdesk/tickets/${refused.id}/status`, {
      status: 'resolved',
      outcome: 'refused',
      outcomeGround: 'political_offence',
    });
    expect(resolve.status).toBe(200);
    const { internalThreadId } = (await resolve.json()) as TicketDetail;
    // An internal note with the marker word: it must never reach the statistics.
    const note = await request(secretariat, `/threads/${internalThreadId}/messages`, {
      clientId: randomUUID(),
      body: `Internal: ${MARKER}`,
    });
    expect(note.status).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('counts every ticket for the secretariat, by fact, State pair, legal basis and month', async () => {
    const { status, body } = await stats(secretariat, `?stateCode=${codes.a}`);
    expect(status).toBe(200);
    expect(body.total).toBe(3);
    expect(body.byStatePair).toEqual([{ requesterStateCode: codes.a, requestedStateCode: codes.b, count: 3 }]);
    expect(body.byStatus).toEqual([
      { key: 'new', count: 2 },
      { key: 'resolved', count: 1 },
    ]);
    expect(body.byOutcome).toEqual([{ key: 'refused', count: 1 }]);
    expect(body.byRefusalGround).toEqual([{ key: 'political_offence', count: 1 }]);
    expect(body.byCooperationType).toEqual([
      { key: 'mla', count: 2 },
      { key: 'extradition', count: 1 },
    ]);
    expect(body.byLegalBasis.map((item) => item.key).sort()).toEqual(['bilateral', 'regional', 'untoc_18']);
    expect(body.conventionBasis).toEqual({ count: 1, share: 0.333 });
    expect(body.resolution.count).toBe(1);
    expect(body.resolution.medianHours).not.toBeNull();
    expect(body.trend.reduce((sum, month) => sum + month.filed, 0)).toBe(3);
    expect(body.trend.reduce((sum, month) => sum + month.resolved, 0)).toBe(1);
    const both = await stats(secretariat, `?cooperationType=mla&offenceCategory=drugs&stateCode=${codes.c}`);
    expect(both.body.total).toBe(2);
    const none = await stats(secretariat, `?stateCode=${codes.a}&from=2099-01-01`);
    expect(none.body).toMatchObject({ total: 0, byStatus: [], firstResponse: { count: 0, medianHours: null } });
  });

  it('gives a coordinator only the networks they coordinate, and refuses everyone else', async () => {
    const mine = await stats(coordinator);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(3);
    expect(mine.body.byStatePair.map((pair) => pair.requesterStateCode)).toEqual([codes.a]);
    // Naming another network's State counts nothing of it.
    expect((await stats(coordinator, `?stateCode=${codes.c}`)).body.total).toBe(0);
    expect((await stats(coordinator, `?networkId=${networks.ab}`)).body.total).toBe(3);
    expect((await stats(coordinator, `?networkId=${networks.cd}`)).status).toBe(403);
    expect((await stats(focalA)).status).toBe(403);
    expect((await request(focalC, '/helpdesk/statistics/export.csv')).status).toBe(403);
    const bad = await request(secretariat, '/helpdesk/statistics?from=yesterday');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('from');
  });

  it('exports CSV with every formula cell neutralised and no free text or note', async () => {
    const response = await request(secretariat, `/helpdesk/statistics/export.csv?stateCode=${codes.a}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    expect(text).toContain(`legal_instrument,"'=HYPERLINK(""http://evil.example"",""click"")",,1`);
    expect(text).toContain(`legal_instrument,"'@SUM(1+1)*cmd|"" /C calc""!A0",,1`);
    for (const line of text.trim().split('\r\n'))
      for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).toContain('state_pair,XA,XB,3');
    expect(text).not.toContain(MARKER);
    const json = JSON.stringify((await stats(secretariat, `?stateCode=${codes.a}`)).body);
    expect(json).not.toContain(MARKER);
    expect(json).not.toContain('Nothing since October');
  });
});
