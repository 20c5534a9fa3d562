import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Freshness, VERIFY_REMINDER_QUEUE, verifyReminderJobId } from '@liaison/directory';
import { Clock } from '@liaison/platform';
import { call, signIn } from '../support/auth';
import { createUser, TestUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import { eventually, PrivateRedis, queueEnv, withWorkers } from '../support/queues';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(120_000);

const week = (start: string, end: string) => {
  const day = [{ start, end }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
};

interface Problem {
  status: number;
  errors?: { field: string }[];
}
interface Proposal {
  id: string;
  status: string;
  fields: string[];
  conflicts: string[];
  diff: { field: string; proposed: unknown; base: unknown; current: unknown; conflict: boolean }[];
}
interface RecordView {
  version: number;
  remarks: string | null;
  urgentProcedure: string | null;
  contact: { phone?: string; email?: string };
  lastVerified: string | null;
  verificationDue: boolean;
}

const record = (stateCode: string, name: string, extra: object = {}) => ({
  stateCode,
  name,
  categories: ['mla'],
  officeHours: week('09:00', '17:00'),
  timeZone: 'Europe/Vienna',
  languages: ['en'],
  documentsRequired: ['Signed request'],
  channels: ['direct'],
  acceptsInterpol: false,
  urgentProcedure: null,
  remarks: null,
  contact: { phone: '+43 1 000', email: 'office@test.liaison.example' },
  lastVerified: '2026-01-01',
  ...extra,
});

/** Where a proposal notice went: the recipients of in-app deliveries of `kind` with `link`. */
const noticed = async (db: DataSource, kind: string, link: string) =>
  (
    (await db.query(
      `SELECT d.user_id FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id
        WHERE e.kind = $1 AND e.link = $2 AND d.channel = 'in_app' ORDER BY d.user_id`,
      [kind, link],
    )) as { user_id: string }[]
  ).map((row) => row.user_id);

/**
 * Editing the directory: proposals by focal points, the secretariat's review, merges that never lose a
 * change, versions, verification and published snapshots, on the real API and PostgreSQL.
 */
describe('directory editing', () => {
  let api: RunningApp;
  let db: DataSource;
  const suffix = randomUUID().slice(0, 6);
  const [home, abroad] = ['QD', 'QG'];
  let admin: string;
  let secretariat: string;
  let secretariatUser: TestUser;
  let own: string;
  let sibling: string;
  let foreign: string;
  let proposer: string;
  let proposerUser: TestUser;
  let outsider: string;
  let central: string;

  const send = async <T>(method: string, path: string, token: string, body?: unknown) => {
    const response = await call(api, method, path, { token, body });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as T, response };
  };
  const read = async (id: string) => (await send<RecordView>('GET', `/api/authorities/${id}`, admin)).body;
  const propose = async (authorityId: string, changes: object, token = proposer) =>
    send<Proposal & Problem>('POST', `/api/authorities/${authorityId}/proposals`, token, changes);

  beforeAll(async () => {
    api = await startApp();
    db = api.app.get(DataSource);
    admin = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    secretariatUser = await createUser(api.app, 'secretariat');
    secretariat = (await signIn(api, secretariatUser)).accessToken;
    for (const code of [home, abroad])
      await db.query(
        `INSERT INTO states (code, name, untoc_party, untoc_extradition_basis) VALUES ($1, $2, true, true) ON CONFLICT DO NOTHING`,
        [code, `Editland ${code}`],
      );
    const create = async (body: object) => {
      const created = await send<{ id: string }>('POST', '/api/authorities', admin, body);
      expect(created.status).toBe(201);
      return created.body.id;
    };
    own = await create(record(home, `Own authority ${suffix}`));
    sibling = await create(record(home, `Sibling authority ${suffix}`));
    foreign = await create(record(abroad, `Foreign authority ${suffix}`));
    const centralAuthority = await create(record(home, `Central authority ${suffix}`, { centralAuthority: true }));
    proposerUser = await createUser(api.app, 'focal_point', { authorityId: own });
    proposer = (await signIn(api, proposerUser)).accessToken;
    outsider = (await signIn(api, await createUser(api.app, 'focal_point', { authorityId: sibling }))).accessToken;
    central = (await signIn(api, await createUser(api.app, 'focal_point', { authorityId: centralAuthority })))
      .accessToken;
  });
  afterAll(async () => {
    await api?.close();
  });

  it("refuses a proposal on another authority's record (403) and hides its proposals (404)", async () => {
    const filed = await propose(own, { remarks: `Open on Fridays ${suffix}` });
    expect(filed.status).toBe(201);
    expect((await propose(own, { remarks: 'Not mine' }, outsider)).status).toBe(403);
    expect((await send('GET', `/api/directory/proposals/${filed.body.id}`, outsider)).status).toBe(404);
    expect((await send('GET', `/api/authorities/${own}/proposals`, outsider)).status).toBe(404);
    const listed = await send<{ items: { id: string }[] }>('GET', '/api/directory/proposals?limit=100', outsider);
    expect(listed.body.items.map((item) => item.id)).not.toContain(filed.body.id);
    // The secretariat edits directly; it proposes nothing.
    expect((await propose(own, { remarks: 'Staff' }, secretariat)).status).toBe(403);
    // A State's central authority proposes for that State's other authorities, not another State's.
    expect((await propose(sibling, { remarks: `From the centre ${suffix}` }, central)).status).toBe(201);
    expect((await propose(foreign, { remarks: 'Abroad' }, central)).status).toBe(403);
    // Bad input names the field; a proposal that changes nothing is refused.
    const bad = await propose(own, { contact: { email: 'not-an-address' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((error) => error.field)).toContain('contact.email');
    const empty = await propose(own, {
      remarks: null,
      contact: { phone: '+43 1 000', email: 'office@test.liaison.example' },
    });
    expect(empty.status).toBe(400);
  });

  it('approves: the record changes, the old version is kept, both are told, it is audited', async () => {
    const before = await read(own);
    const filed = await propose(own, {
      contact: { phone: '+43 1 999', email: 'office@test.liaison.example' },
      languages: ['en', 'de'],
    });
    expect(filed.body.fields).toEqual(['languages', 'contact.phone']);
    const link = `/directory/proposals/${filed.body.id}`;
    expect(await noticed(db, 'directory.proposal-filed', link)).toContain(secretariatUser.id);
    const review = await send<Proposal>('GET', link.replace('/directory', '/api/directory'), secretariat);
    expect(review.body.diff).toEqual([
      { field: 'languages', proposed: ['en', 'de'], base: ['en'], current: ['en'], conflict: false },
      { field: 'contact.phone', proposed: '+43 1 999', base: '+43 1 000', current: '+43 1 000', conflict: false },
    ]);
    // Only the secretariat decides.
    expect((await send('POST', `/api/directory/proposals/${filed.body.id}/approve`, proposer, {})).status).toBe(403);
    const approved = await send<Proposal>('POST', `/api/directory/proposals/${filed.body.id}/approve`, secretariat, {});
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const after = await read(own);
    expect(after.contact.phone).toBe('+43 1 999');
    expect(after.version).toBe(before.version + 1);
    const versions = await send<{ version: number; source: string; changedFields: string[] }[]>(
      'GET',
      `/api/authorities/${own}/versions`,
      proposer,
    );
    expect(versions.body[0]).toMatchObject({ version: after.version, source: 'proposal' });
    expect(versions.body[0].changedFields).toEqual(['languages', 'contact.phone']);
    const compared = await send<{ changes: { field: string; from: unknown; to: unknown }[] }>(
      'GET',
      `/api/authorities/${own}/versions/compare?from=${before.version}&to=${after.version}`,
      proposer,
    );
    expect(compared.body.changes).toEqual([
      { field: 'languages', from: ['en'], to: ['en', 'de'] },
      { field: 'contact.phone', from: '+43 1 000', to: '+43 1 999' },
    ]);
    expect(
      (await send<Problem>('GET', `/api/authorities/${own}/versions/compare?from=1&to=999`, proposer)).status,
    ).toBe(400);
    // A forged record id is no record: 404, not an empty history.
    const forged = randomUUID();
    expect((await send<Problem>('GET', `/api/authorities/${forged}/versions`, proposer)).status).toBe(404);
    expect(
      (await send<Problem>('GET', `/api/authorities/${forged}/versions/compare?from=1&to=2`, proposer)).status,
    ).toBe(404);
    expect(await noticed(db, 'directory.proposal-approved', link)).toEqual([proposerUser.id]);
    const [entry] = (await db.query(
      `SELECT details FROM audit_log WHERE action = 'authority.proposal-approved' AND target_id = $1 ORDER BY id DESC LIMIT 1`,
      [own],
    )) as { details: { proposalId: string } }[];
    expect(entry.details.proposalId).toBe(filed.body.id);
    // Decided once.
    expect((await send('POST', `/api/directory/proposals/${filed.body.id}/approve`, secretariat, {})).status).toBe(409);
  });

  it('rejects with a reason: nothing changes, the proposer is told', async () => {
    const before = await read(own);
    const filed = await propose(own, { urgentProcedure: 'Call the duty officer' });
    const path = `/api/directory/proposals/${filed.body.id}/reject`;
    const noReason = await send<Problem>('POST', path, secretariat, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.map((error) => error.field)).toContain('reason');
    const rejected = await send<Proposal & { reason: string }>('POST', path, secretariat, { reason: 'Not verified' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Not verified' });
    const after = await read(own);
    expect(after.version).toBe(before.version);
    expect(after.urgentProcedure).toBe(before.urgentProcedure);
    expect(await noticed(db, 'directory.proposal-rejected', `/directory/proposals/${filed.body.id}`)).toEqual([
      proposerUser.id,
    ]);
  });

  it('merges concurrent approvals of different fields, and refuses the second of the same field (409)', async () => {
    const contact = (phone: string) => ({ contact: { phone, email: 'office@test.liaison.example' } });
    const remarks = await propose(own, { remarks: `Merged remark ${suffix}` });
    const urgent = await propose(own, { urgentProcedure: `Merged urgent ${suffix}` });
    const approve = (id: string, body: object = {}) =>
      send<Proposal & Problem>('POST', `/api/directory/proposals/${id}/approve`, secretariat, body);
    const both = await Promise.all([approve(remarks.body.id), approve(urgent.body.id)]);
    expect(both.map((answer) => answer.status)).toEqual([200, 200]);
    const merged = await read(own);
    expect(merged.remarks).toBe(`Merged remark ${suffix}`);
    expect(merged.urgentProcedure).toBe(`Merged urgent ${suffix}`);

    const first = await propose(own, contact('+43 1 111'));
    const second = await propose(own, contact('+43 1 222'));
    const raced = await Promise.all([approve(first.body.id), approve(second.body.id)]);
    expect(raced.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = raced.find((answer) => answer.status === 409);
    expect(refused?.body.errors?.map((error) => error.field)).toEqual(['contact.phone']);
    const staleId = raced[0].status === 409 ? first.body.id : second.body.id;
    const winner = raced[0].status === 409 ? '+43 1 222' : '+43 1 111';
    const loser = raced[0].status === 409 ? '+43 1 111' : '+43 1 222';
    expect((await read(own)).contact.phone).toBe(winner);
    // Back to the proposer, with the three values.
    const stale = await send<Proposal>('GET', `/api/directory/proposals/${staleId}`, proposer);
    expect(stale.body.status).toBe('stale');
    expect(stale.body.diff).toEqual([
      { field: 'contact.phone', proposed: loser, base: '+43 1 999', current: winner, conflict: true },
    ]);
    expect(await noticed(db, 'directory.proposal-stale', `/directory/proposals/${staleId}`)).toEqual([proposerUser.id]);
    // The secretariat approves it with its own value for the field.
    const edited = await approve(staleId, { edits: contact('+43 1 333') });
    expect(edited.status).toBe(200);
    expect((await read(own)).contact.phone).toBe('+43 1 333');
  });

  it('treats an approval racing a direct edit the same way, and a direct edit on an old version too', async () => {
    const before = await read(own);
    const filed = await propose(own, { remarks: `Proposed ${suffix}` });
    const direct = await send('PATCH', `/api/authorities/${own}`, secretariat, { remarks: `Direct ${suffix}` });
    expect(direct.status).toBe(200);
    const refused = await send<Problem>('POST', `/api/directory/proposals/${filed.body.id}/approve`, secretariat, {});
    expect(refused.status).toBe(409);
    expect(refused.body.errors?.map((error) => error.field)).toEqual(['remarks']);
    expect((await read(own)).remarks).toBe(`Direct ${suffix}`);
    // A direct edit made on the version before is refused for the field changed since, not for others.
    const late = await send<Problem>('PATCH', `/api/authorities/${own}`, secretariat, {
      remarks: 'Overwrite',
      baseVersion: before.version,
    });
    expect(late.status).toBe(409);
    expect(late.body.errors?.map((error) => error.field)).toEqual(['remarks']);
    const disjoint = await send('PATCH', `/api/authorities/${own}`, secretariat, {
      languages: ['en', 'fr'],
      baseVersion: before.version,
    });
    expect(disjoint.status).toBe(200);
    const versions = await send<{ source: string }[]>('GET', `/api/authorities/${own}/versions`, proposer);
    expect(versions.body[0].source).toBe('direct');
  });

  it('verifies in one click, audited, and flags records not verified for 6 months', async () => {
    expect((await read(sibling)).verificationDue).toBe(true);
    expect((await send('POST', `/api/authorities/${sibling}/verify`, proposer)).status).toBe(403);
    const verified = await send<{ lastVerified: string }>('POST', `/api/authorities/${own}/verify`, proposer);
    expect(verified.status).toBe(200);
    const after = await read(own);
    expect(after.lastVerified).toBe(verified.body.lastVerified);
    expect(after.verificationDue).toBe(false);
    const [entry] = (await db.query(
      `SELECT actor_id FROM audit_log WHERE action = 'authority.verified' AND target_id = $1 ORDER BY id DESC LIMIT 1`,
      [own],
    )) as { actor_id: string }[];
    expect(entry.actor_id).toBe(proposerUser.id);
  });

  it('publishes an immutable snapshot, compared with the directory and exported safely', async () => {
    await send('PATCH', `/api/authorities/${foreign}`, secretariat, {
      remarks: '=HYPERLINK("http://evil.example","x")',
      urgentProcedure: '\t=cmd',
      documentsRequired: ['-2+3'],
      contact: { phone: '+43 1 234', fax: '@SUM(A1)', address: '\r=1' },
    });
    await createUser(api.app, 'focal_point', { authorityId: foreign, displayName: `Foreign focal ${suffix}` });
    const demo = await send<{ id: string }>('POST', '/api/authorities', admin, record(abroad, `Demo ${suffix}`));
    await db.query('UPDATE authorities SET demo = true WHERE id = $1', [demo.body.id]);
    expect((await send('POST', '/api/directory/snapshots', proposer)).status).toBe(403);
    const published = await send<{ id: string; recordCount: number }>('POST', '/api/directory/snapshots', secretariat);
    expect(published.status).toBe(201);
    const path = `/api/directory/snapshots/${published.body.id}`;
    type Snapshot = { records: { id: string; remarks: string | null; focalPoints: { displayName: string }[] }[] };
    const first = await send<Snapshot>('GET', path, proposer);
    const ids = first.body.records.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([own, sibling, foreign]));
    expect(ids).not.toContain(demo.body.id);
    expect(first.body.records.find((item) => item.id === foreign)?.focalPoints).toEqual([
      { displayName: `Foreign focal ${suffix}`, email: expect.any(String) },
    ]);
    const list = await send<{ items: { id: string }[] }>('GET', '/api/directory/snapshots', outsider);
    expect(list.body.items.map((item) => item.id)).toContain(published.body.id);

    // The directory changes afterwards; the snapshot does not, and the comparison shows the change.
    await send('PATCH', `/api/authorities/${sibling}`, secretariat, { remarks: `After the snapshot ${suffix}` });
    expect((await send<Snapshot>('GET', path, proposer)).body).toEqual(first.body);
    const compared = await send<{
      records: { id: string; change: string; fields: { field: string; to: unknown }[] }[];
    }>('GET', `${path}/compare`, proposer);
    expect(compared.body.records.find((item) => item.id === sibling)).toMatchObject({
      change: 'changed',
      fields: [{ field: 'remarks', to: `After the snapshot ${suffix}` }],
    });

    const csv = await send('GET', `${path}/export.csv`, outsider);
    expect(csv.response.headers.get('content-type')).toContain('text/csv');
    expect(csv.response.headers.get('content-disposition')).toMatch(/attachment; filename="directory-.*\.csv"/);
    const text = await (await call(api, 'GET', `${path}/export.csv`, { token: outsider })).text();
    const line = text.split('\r\n').find((row) => row.includes(`Foreign authority ${suffix}`)) ?? '';
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(line).toContain("'\t=cmd");
    expect(line).toContain("'-2+3");
    expect(line).toContain("'+43 1 234");
    expect(line).toContain("'@SUM(A1)");
    expect(text).toContain(`"'\r=1"`);
    const json = await call(api, 'GET', `${path}/export.json`, { token: outsider });
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename="directory-.*\.json"/);
    expect(((await json.json()) as Snapshot).records).toEqual(first.body.records);
  });
});

/** Reminders run on the queue workers with a private Redis, emptied by the test, and a clock the test moves. */
describe('directory verification reminders', () => {
  let redis: PrivateRedis;
  let api: RunningApp;
  let smtp: TestSmtpServer;
  let env: Record<string, string>;
  let db: DataSource;
  let clock: Clock;
  let authorityId: string;
  let focalPoint: TestUser;
  const suffix = randomUUID().slice(0, 6);
  const reminded = async () =>
    (
      (await db.query(
        `SELECT n.user_id FROM notifications n JOIN notification_events e ON e.id = n.event_id
          WHERE e.kind = 'directory.verification-due' AND e.link = $1`,
        [`/directory/${authorityId}`],
      )) as { user_id: string }[]
    ).map((row) => row.user_id);
  const at = (date: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(`${date}T12:00:00Z`));

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    smtp = await new TestSmtpServer().start();
    env = queueEnv(smtp.port, { REDIS_URL: redis.url });
    api = await startApp({ env });
    db = api.app.get(DataSource);
    clock = api.app.get(Clock);
    await db.query(
      `INSERT INTO states (code, name, untoc_party, untoc_extradition_basis) VALUES ('QR', 'Remindland', true, true) ON CONFLICT DO NOTHING`,
    );
    // Verified "today" in the real world: not due until the test moves the clock 6 months on.
    authorityId = (
      (await db.query(
        `INSERT INTO authorities (state_code, name, categories, office_hours, time_zone, languages, documents_required, channels, contact, last_verified)
         VALUES ('QR', $1, '{mla}', '{}'::jsonb, 'UTC', '{en}', '{}', '{direct}', '{}'::jsonb, '2040-01-15') RETURNING id`,
        [`Reminded authority ${suffix}`],
      )) as { id: string }[]
    )[0].id;
    focalPoint = await createUser(api.app, 'focal_point', { authorityId });
    await withWorkers(api);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await api?.close();
    await smtp?.stop();
    await redis?.stop();
  });

  it('reminds once per 6-month cycle, and again after the queue lost everything', async () => {
    const freshness = api.app.get(Freshness);
    const mine = async () => (await freshness.expected()).filter((job) => job.payload.authorityId === authorityId);
    at('2040-07-14');
    expect(await mine()).toEqual([]);
    at('2040-07-15');
    const key = `${env.REDIS_PREFIX}:{queues}:${VERIFY_REMINDER_QUEUE}:${verifyReminderJobId({ authorityId, cycle: '2040-07-15' })}`;
    const { client } = redis;
    await eventually(async () => (await reminded()).length > 0, 10_000, 'the reminder');
    expect(await reminded()).toEqual([focalPoint.id]);
    // Run again (a retry, a second worker), or re-created after Redis was emptied: still once.
    expect(await freshness.remind({ authorityId, cycle: '2040-07-15' })).toBe(false);
    await client.flushall();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await client.exists(key)).toBe(0);
    expect(await reminded()).toEqual([focalPoint.id]);
    // Six months later, still not verified: the sweep queues the next cycle's reminder in the emptied Redis.
    at('2041-01-15');
    await eventually(async () => (await reminded()).length > 1, 10_000, 'the next cycle reminder');
    expect(await reminded()).toEqual([focalPoint.id, focalPoint.id]);
    const cycles = (await db.query(
      `SELECT cycle_due::text AS cycle FROM authority_verification_reminders WHERE authority_id = $1 ORDER BY cycle_due`,
      [authorityId],
    )) as { cycle: string }[];
    expect(cycles.map((row) => row.cycle)).toEqual(['2040-07-15', '2041-01-15']);
    // A job of a cycle the record left (verified since) sends nothing.
    await db.query(`UPDATE authorities SET last_verified = '2041-01-15' WHERE id = $1`, [authorityId]);
    expect(await freshness.remind({ authorityId, cycle: '2041-01-15' })).toBe(false);
  });
});
