import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { totpCode } from '@liaison/identity';
import { call, signIn } from '../support/auth';
import { connectAs } from '../support/database';
import { createUser } from '../support/factories';
import { mailedLink, startAppWithMail, TestSmtpServer } from '../support/mail';
import type { RunningApp } from '../support/test-app';

const weekdays = (start: string, end: string) => {
  const day = [{ start, end }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
};

interface Summary {
  id: string;
  name: string;
  state: { code: string };
}

describe('directory', () => {
  let api: RunningApp;
  let admin: string;
  const suffix = randomUUID().slice(0, 6);
  // Two States of our own per run (codes unlikely to clash with demo data or other suites).
  const [east, west] = ['QE', 'QW'];
  let eastNet: string;
  let westNet: string;
  let paris: Summary;
  let port: Summary;
  let bamako: Summary;

  async function post<T>(path: string, body: unknown, token = admin): Promise<T> {
    const response = await call(api, 'POST', path, { token, body });
    if (response.status >= 300) throw new Error(`${path} → ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  const authority = (stateCode: string, name: string, timeZone: string, extra: object = {}) => ({
    stateCode,
    name: `${name} ${suffix}`,
    categories: ['mla'],
    officeHours: weekdays('09:00', '12:00'),
    timeZone,
    languages: ['fr'],
    documentsRequired: ['Signed request'],
    channels: ['diplomatic'],
    acceptsInterpol: false,
    urgentProcedure: null,
    remarks: null,
    contact: { email: 'office@test.liaison.example' },
    lastVerified: '2026-11-01',
    ...extra,
  });

  let smtp: TestSmtpServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, smtp, close } = await startAppWithMail());
    admin = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    for (const code of [east, west]) {
      const exists = await call(api, 'PATCH', `/api/states/${code}`, { token: admin, body: {} });
      if (exists.status === 404)
        await post('/api/states', {
          code,
          name: `Testland ${code}`,
          untocParty: true,
          untocExtraditionBasis: code === east,
        });
    }
    eastNet = (
      await post<{ id: string }>('/api/networks', {
        slug: `east-${suffix}`,
        name: `East network ${suffix}`,
        description: '',
        stateCodes: [east],
      })
    ).id;
    westNet = (
      await post<{ id: string }>('/api/networks', {
        slug: `west-${suffix}`,
        name: `West network ${suffix}`,
        description: '',
        stateCodes: [west],
      })
    ).id;
    paris = await post(
      '/api/authorities',
      authority(west, 'Ministère de la Justice, Paris', 'Europe/Paris', {
        categories: ['extradition', 'mla'],
        channels: ['interpol', 'diplomatic'],
        acceptsInterpol: true,
        languages: ['fr', 'en'],
      }),
    );
    port = await post(
      '/api/authorities',
      authority(east, 'Attorney General Port Louis', 'Indian/Mauritius', {
        languages: ['en', 'fr'],
        categories: ['sea_traffic'],
      }),
    );
    bamako = await post(
      '/api/authorities',
      authority(west, 'Parquet général de Bamako', 'Africa/Bamako', { channels: ['email'] }),
    );
  });
  afterAll(() => close());

  async function search(query: Record<string, string>, token = admin): Promise<string[]> {
    const response = await call(api, 'GET', `/api/authorities?${new URLSearchParams({ ...query, limit: '100' })}`, {
      token,
    });
    expect(response.status).toBe(200);
    const ours = new Set([paris.id, port.id, bamako.id]);
    return ((await response.json()) as { items: Summary[] }).items
      .filter((item) => ours.has(item.id))
      .map((item) => item.name);
  }

  describe('search and filters', () => {
    it('finds by words of the name, ignoring accents and case', async () => {
      expect(await search({ q: `ministere JUSTICE ${suffix}` })).toEqual([paris.name]);
      expect(await search({ q: `parquet ${suffix}` })).toEqual([bamako.name]);
    });

    it.each([
      ['state', () => ({ state: east }), () => [port.name]],
      ['network', () => ({ network: westNet }), () => [paris.name, bamako.name].sort()],
      ['category', () => ({ category: 'extradition' }), () => [paris.name]],
      ['language', () => ({ language: 'en' }), () => [port.name, paris.name].sort()],
      ['channel', () => ({ channel: 'email' }), () => [bamako.name]],
      ['accepts INTERPOL', () => ({ acceptsInterpol: 'true' }), () => [paris.name]],
    ])('filters by %s', async (_name, query, expected) => {
      expect((await search(query())).sort()).toEqual(expected());
    });

    it('pages with a keyset cursor, every record once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ q: suffix, limit: '1', ...(cursor ? { cursor } : {}) });
        const page = (await (await call(api, 'GET', `/api/authorities?${query}`, { token: admin })).json()) as {
          items: Summary[];
          nextCursor: string | null;
        };
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual([paris.id, port.id, bamako.id].sort());
      const forged = await call(api, 'GET', '/api/authorities?cursor=not-a-cursor', { token: admin });
      expect(forged.status).toBe(400);
      // Well-formed, but not the key this query compares with.
      const wrongTypes = Buffer.from(JSON.stringify(['a', 'not-a-uuid'])).toString('base64url');
      expect((await call(api, 'GET', `/api/authorities?cursor=${wrongTypes}`, { token: admin })).status).toBe(400);
    });

    it('is for signed-in users only', async () => {
      expect((await call(api, 'GET', '/api/authorities')).status).toBe(401);
    });
  });

  it('shows a record’s office hours in the viewer’s zone and whether it is open now', async () => {
    const viewer = await createUser(api.app, 'focal_point', { timeZone: 'Indian/Mauritius' });
    const { accessToken } = await signIn(api, viewer);
    const record = (await (await call(api, 'GET', `/api/authorities/${paris.id}`, { token: accessToken })).json()) as {
      schedule: {
        viewerTimeZone: string;
        openNow: boolean;
        week: { start: string; authorityStart: string; viewerStart: string }[];
      };
    };
    expect(record.schedule.viewerTimeZone).toBe('Indian/Mauritius');
    expect(record.schedule.week).toHaveLength(5);
    for (const opening of record.schedule.week) {
      const instant = DateTime.fromISO(opening.start);
      // Paris 09:00 is 12:00 in Mauritius in winter and 11:00 in summer: computed per date.
      expect(opening.authorityStart).toBe('09:00');
      expect(instant.setZone('Europe/Paris').toFormat('HH:mm')).toBe('09:00');
      expect(opening.viewerStart).toBe(instant.setZone('Indian/Mauritius').toFormat('HH:mm'));
    }
    const now = Date.now();
    const open = record.schedule.week.some(
      (opening) => Date.parse(opening.start) <= now && now < Date.parse(opening.start) + 3 * 3_600_000,
    );
    expect(record.schedule.openNow).toBe(open);
    const other = await call(api, 'GET', `/api/authorities/${paris.id}?tz=America/Port-au-Prince`, {
      token: accessToken,
    });
    expect(((await other.json()) as { schedule: { viewerTimeZone: string } }).schedule.viewerTimeZone).toBe(
      'America/Port-au-Prince',
    );
    expect(
      (await call(api, 'GET', `/api/authorities/${paris.id}?tz=Mars/Olympus`, { token: accessToken })).status,
    ).toBe(400);
    expect((await call(api, 'GET', `/api/authorities/${randomUUID()}`, { token: accessToken })).status).toBe(404);
  });

  describe('invitations and memberships', () => {
    /** Accepts the invitation mailed to `email`, as its addressee. */
    async function accept(email: string) {
      const { token } = await mailedLink(smtp, email);
      const preview = (await (await call(api, 'POST', '/api/invitations/preview', { body: { token } })).json()) as {
        totp: { secret: string };
      };
      return call(api, 'POST', '/api/invitations/accept', {
        body: {
          token,
          displayName: 'Test Invitee',
          password: 'Lagoon-Tamarin-Ferry-31',
          totpCode: totpCode(preview.totp.secret, new Date()),
        },
      });
    }

    it('an accepted invitation attaches the authority, the networks and the authority’s zone', async () => {
      const email = `invitee-${randomUUID().slice(0, 8)}@test.liaison.example`;
      await post('/api/invitations', { email, role: 'focal_point', authorityId: port.id, networkIds: [eastNet] });
      const accepted = await accept(email);
      expect(accepted.status).toBe(201);
      const { accessToken, user } = (await accepted.json()) as {
        accessToken: string;
        user: { id: string; timeZone: string; authorityId: string };
      };
      expect(user).toMatchObject({ timeZone: 'Indian/Mauritius', authorityId: port.id });
      const mine = (await (await call(api, 'GET', '/api/networks/mine', { token: accessToken })).json()) as {
        id: string;
      }[];
      expect(mine.map((network) => network.id)).toEqual([eastNet]);
    });

    it('refuses to invite into a network that does not have the authority’s State, storing nothing', async () => {
      const email = `mismatch-${randomUUID().slice(0, 8)}@test.liaison.example`;
      const response = await call(api, 'POST', '/api/invitations', {
        token: admin,
        body: { email, role: 'focal_point', authorityId: port.id, networkIds: [westNet] },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { field: string }[] }).errors[0].field).toBe('networkIds');
      const stored = await connectAs('app', (client) =>
        client.query('SELECT 1 FROM account_links WHERE email = $1', [email]),
      );
      expect(stored.rowCount).toBe(0);
    });

    it('a failure while attaching leaves neither the account nor the memberships', async () => {
      const email = `rollback-${randomUUID().slice(0, 8)}@test.liaison.example`;
      const network = await post<{ id: string }>('/api/networks', {
        slug: `doomed-${randomUUID().slice(0, 6)}`,
        name: 'Doomed network',
        description: '',
        stateCodes: [east],
      });
      await post('/api/invitations', { email, role: 'focal_point', authorityId: port.id, networkIds: [network.id] });
      // The network disappears before the invitation is accepted.
      await connectAs('owner', (client) => client.query('DELETE FROM networks WHERE id = $1', [network.id]));
      const accepted = await accept(email);
      expect(accepted.status).toBe(400);
      const users = await connectAs('app', (client) => client.query('SELECT id FROM users WHERE email = $1', [email]));
      expect(users.rowCount).toBe(0);
      const links = await connectAs('app', (client) =>
        client.query('SELECT used_at, status FROM account_links WHERE email = $1', [email]),
      );
      expect(links.rows[0].used_at).toBeNull();
      expect(links.rows[0].status).not.toBe('accepted');
    });
  });

  describe('profile and audit log', () => {
    it('I change my display name, language and time zone; a bad zone names the field', async () => {
      const user = await createUser(api.app, 'focal_point');
      const { accessToken: token } = await signIn(api, user);
      const updated = await call(api, 'PATCH', '/api/auth/me', {
        token,
        body: { displayName: 'Hery Rakoto', locale: 'fr', timeZone: 'Indian/Antananarivo' },
      });
      expect(updated.status).toBe(200);
      expect(await updated.json()).toMatchObject({
        displayName: 'Hery Rakoto',
        locale: 'fr',
        timeZone: 'Indian/Antananarivo',
      });
      const bad = await call(api, 'PATCH', '/api/auth/me', {
        token,
        body: { timeZone: 'Mars/Olympus', role: 'admin' },
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((error) => error.field).sort()).toEqual(
        ['role', 'timeZone'],
      );
    });

    it('admins read the audit log newest first with filters; others get 403', async () => {
      const { rows } = await connectAs('app', (client) =>
        client.query<{ target_id: string }>(
          "SELECT target_id FROM audit_log WHERE action = 'authority.created' ORDER BY id",
        ),
      );
      const page = await call(api, 'GET', `/api/audit?action=authority.created&limit=2`, { token: admin });
      const body = (await page.json()) as {
        items: { id: string; action: string; targetId: string; hash?: string }[];
        nextCursor: string | null;
      };
      expect(body.items.map((item) => item.targetId)).toEqual(
        rows
          .slice(-2)
          .reverse()
          .map((row) => row.target_id),
      );
      expect(body.items.every((item) => item.action === 'authority.created' && item.hash === undefined)).toBe(true);
      expect(body.nextCursor).not.toBeNull();
      const next = (await (
        await call(api, 'GET', `/api/audit?action=authority.created&limit=2&cursor=${body.nextCursor}`, {
          token: admin,
        })
      ).json()) as { items: { id: string }[] };
      expect(Number(next.items[0].id)).toBeLessThan(Number(body.items[1].id));
      const secretariat = (await signIn(api, await createUser(api.app, 'secretariat'))).accessToken;
      expect((await call(api, 'GET', '/api/audit', { token: secretariat })).status).toBe(403);
    });
  });

  describe('who may change what', () => {
    it('a focal point cannot change roles, memberships or any authority', async () => {
      const focalPoint = await createUser(api.app, 'focal_point', { authorityId: port.id });
      const { accessToken: token } = await signIn(api, focalPoint);
      const other = await createUser(api.app, 'focal_point', { authorityId: port.id });
      for (const [method, path, body] of [
        ['PATCH', `/api/users/${other.id}/role`, { role: 'coordinator' }],
        ['POST', `/api/networks/${eastNet}/members`, { userId: other.id }],
        ['DELETE', `/api/networks/${eastNet}/members/${other.id}`, undefined],
        ['PATCH', `/api/authorities/${port.id}`, { name: 'Renamed' }],
        ['POST', '/api/authorities', authority(east, 'Forged', 'UTC')],
        ['PATCH', `/api/states/${east}`, { name: 'Renamed' }],
        ['PUT', `/api/users/${other.id}/authority`, { authorityId: paris.id }],
        ['POST', `/api/networks/${eastNet}/invitations`, { email: 'x@test.liaison.example', authorityId: port.id }],
      ] as const) {
        expect(`${method} ${path} ${(await call(api, method, path, { token, body })).status}`).toBe(
          `${method} ${path} 403`,
        );
      }
    });

    it('a coordinator manages the members of their own network only, with focal points of its States', async () => {
      const coordinator = await createUser(api.app, 'coordinator', { authorityId: port.id });
      await call(api, 'PUT', `/api/networks/${eastNet}/coordinators`, {
        token: admin,
        body: { userIds: [coordinator.id] },
      });
      const { accessToken: token } = await signIn(api, coordinator);
      const local = await createUser(api.app, 'focal_point', { authorityId: port.id });
      const foreign = await createUser(api.app, 'focal_point', { authorityId: paris.id });

      const added = await call(api, 'POST', `/api/networks/${eastNet}/members`, { token, body: { userId: local.id } });
      expect(added.status).toBe(201);
      expect(((await added.json()) as { members: { id: string }[] }).members.map((member) => member.id)).toContain(
        local.id,
      );
      expect(
        (await call(api, 'POST', `/api/networks/${eastNet}/members`, { token, body: { userId: foreign.id } })).status,
      ).toBe(400);
      expect(
        (await call(api, 'POST', `/api/networks/${westNet}/members`, { token, body: { userId: foreign.id } })).status,
      ).toBe(403);
      expect((await call(api, 'DELETE', `/api/networks/${eastNet}/members/${local.id}`, { token })).status).toBe(204);
      expect((await call(api, 'PATCH', `/api/networks/${eastNet}`, { token, body: { name: 'Mine now' } })).status).toBe(
        403,
      );

      const invited = await call(api, 'POST', `/api/networks/${eastNet}/invitations`, {
        token,
        body: { email: `fp-${suffix}@test.liaison.example`, authorityId: port.id },
      });
      expect(invited.status).toBe(201);
      expect(
        (
          await call(api, 'POST', `/api/networks/${westNet}/invitations`, {
            token,
            body: { email: `fp2-${suffix}@test.liaison.example`, authorityId: paris.id },
          })
        ).status,
      ).toBe(403);

      const { rows } = await connectAs('app', (client) =>
        client.query("SELECT action FROM audit_log WHERE actor_id = $1 AND action LIKE 'network.%'", [coordinator.id]),
      );
      expect(rows.map((row) => row.action).sort()).toEqual(['network.member-added', 'network.member-removed']);
    });

    it('adding an existing coordinator as a member leaves them coordinating', async () => {
      const coordinator = await createUser(api.app, 'coordinator', { authorityId: port.id });
      await call(api, 'PUT', `/api/networks/${eastNet}/coordinators`, {
        token: admin,
        body: { userIds: [coordinator.id] },
      });
      const added = await call(api, 'POST', `/api/networks/${eastNet}/members`, {
        token: admin,
        body: { userId: coordinator.id },
      });
      const members = ((await added.json()) as { members: { id: string; networkRole: string }[] }).members;
      expect(members.find((member) => member.id === coordinator.id)?.networkRole).toBe('coordinator');
    });

    it('a coordinator who becomes a focal point stops coordinating; one who becomes secretariat leaves every network', async () => {
      const coordinator = await createUser(api.app, 'coordinator', { authorityId: port.id });
      await call(api, 'PUT', `/api/networks/${eastNet}/coordinators`, {
        token: admin,
        body: { userIds: [coordinator.id] },
      });
      const roleOf = async () => {
        const network = (await (await call(api, 'GET', `/api/networks/${eastNet}`, { token: admin })).json()) as {
          members: { id: string; networkRole: string }[];
        };
        return network.members.find((member) => member.id === coordinator.id)?.networkRole;
      };
      expect(await roleOf()).toBe('coordinator');
      await call(api, 'PATCH', `/api/users/${coordinator.id}/role`, { token: admin, body: { role: 'focal_point' } });
      expect(await roleOf()).toBe('member');
      const promoted = await call(api, 'PATCH', `/api/users/${coordinator.id}/role`, {
        token: admin,
        body: { role: 'secretariat' },
      });
      expect(((await promoted.json()) as { authorityId: string | null }).authorityId).toBeNull();
      expect(await roleOf()).toBeUndefined();
    });
  });
});
