import { INestApplicationContext } from '@nestjs/common';
import { io } from 'socket.io-client';
import { AuditCheckpoints, AuditService } from '@liaison/platform';
import { rewriteAndRecompute, StoredEntry } from '../support/audit';
import { call, signIn } from '../support/auth';
import { runBuilt, startBuilt } from '../support/cli';
import { connectAs, storedRows } from '../support/database';
import { createUser } from '../support/factories';
import { RunningApp, startApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

jest.setTimeout(60_000);

/** Polls `read` until `done` holds of its result (audited refusals are written after the answer). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A flood must land in one audit minute: wait out the last seconds of the current one. */
async function awayFromMinuteBoundary(): Promise<void> {
  const into = Date.now() % 60_000;
  if (into > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - into + 200));
}

const entriesFrom = (ip: string, action: string) =>
  storedRows<{ id: string; actor_id: string | null; target_id: string | null; details: Record<string, unknown> }>(
    'SELECT id, actor_id, target_id, details FROM audit_log WHERE ip = $1 AND action = $2 ORDER BY id',
    [ip, action],
  );

/** Opens a socket through the (trusted) proxy as `ip`; resolves with the refusal code, or 'connected'. */
function handshake(app: RunningApp, ip: string, options: { token?: string; origin?: string }): Promise<string> {
  const socket = io(app.url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.token ? { token: options.token } : {},
    extraHeaders: { 'x-forwarded-for': ip, ...(options.origin ? { origin: options.origin } : {}) },
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
  });
}

describe('audit log', () => {
  let api: RunningApp;
  let second: RunningApp;
  let audit: AuditService;

  beforeAll(async () => {
    // Two API instances append to one chain, as two nodes would.
    [api, second] = await Promise.all([startApp(), startApp()]);
    audit = api.app.get(AuditService);
  });
  afterAll(async () => {
    await Promise.all([api.close(), second.close()]);
  });

  const serviceOf = (app: INestApplicationContext) => app.get(AuditService);

  it('keeps one unbroken chain under 20 concurrent appends from two nodes', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        serviceOf(index % 2 ? second.app : api.app).append({
          action: 'network.member-added',
          actorId: '00000000-0000-4000-8000-000000000001',
          targetType: 'network',
          targetId: `ioc-${index}`,
          ip: '192.0.2.7',
          requestId: `req-${index}`,
          details: { state: 'MU', at: new Date('2026-11-28T08:00:00Z') },
        }),
      ),
    );
    const rows = await connectAs('app', (client) =>
      client.query<{ id: string; prev_hash: string; hash: string }>(
        'SELECT id, prev_hash, hash FROM audit_log ORDER BY id',
      ),
    );
    // A fork would show as two entries claiming the same predecessor.
    const predecessors = rows.rows.map((row) => row.prev_hash);
    expect(new Set(predecessors).size).toBe(predecessors.length);
    for (let index = 1; index < rows.rows.length; index++) {
      expect(rows.rows[index].prev_hash).toBe(rows.rows[index - 1].hash);
    }
    const result = await audit.verify();
    expect(result).toEqual({ ok: true, entries: rows.rowCount });
  });

  it('stores when, who, what, where from, and never a secret', async () => {
    const entry = await audit.append({
      action: 'auth.password-changed',
      actorId: '00000000-0000-4000-8000-000000000002',
      targetType: 'user',
      targetId: '00000000-0000-4000-8000-000000000002',
      ip: '::ffff:198.51.100.4',
      requestId: 'req-pw',
      details: { newPassword: 'Tr0ub4dor&3-horse', totpCode: '123456', method: 'form' },
    });
    const { rows } = await connectAs('app', (client) =>
      client.query('SELECT * FROM audit_log WHERE id = $1', [entry.id]),
    );
    expect(rows[0]).toMatchObject({
      action: 'auth.password-changed',
      actor_id: '00000000-0000-4000-8000-000000000002',
      target_type: 'user',
      ip: '198.51.100.4',
      request_id: 'req-pw',
      details: { newPassword: '[redacted]', totpCode: '[redacted]', method: 'form' },
    });
    expect(rows[0].occurred_at).toBeInstanceOf(Date);
    expect(JSON.stringify(rows[0])).not.toMatch(/Tr0ub4dor|123456/);
  });

  it.each([
    ['UPDATE', "UPDATE audit_log SET action = 'nothing.happened'"],
    ['DELETE', 'DELETE FROM audit_log'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('refuses %s to the application role', async (_verb, sql) => {
    await expect(connectAs('app', (client) => client.query(sql))).rejects.toThrow(/permission denied/);
  });

  it('audit:verify names the first row altered directly in the database by the owner', async () => {
    for (let index = 0; index < 3; index++) await audit.append({ action: 'test.filled', targetId: `t${index}` });
    const env = testEnvironment();
    const before = await runBuilt('cli/audit-verify.js', env);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/audit log intact: \d+ entries/);

    const { rows } = await connectAs('owner', (client) =>
      client.query<{ id: string; target_id: string }>(
        'SELECT id, target_id FROM audit_log ORDER BY id DESC OFFSET 1 LIMIT 1',
      ),
    );
    const { id: tampered, target_id: original } = rows[0];
    await connectAs('owner', (client) =>
      client.query("UPDATE audit_log SET target_id = 'someone-else' WHERE id = $1", [tampered]),
    );
    try {
      const after = await runBuilt('cli/audit-verify.js', env);
      expect(after.code).toBe(1);
      expect(after.stderr).toContain(`BROKEN at entry id ${tampered} (hash-mismatch)`);
    } finally {
      // Later suites append to this chain: repair it, as an owner restoring from backup would.
      await connectAs('owner', (client) =>
        client.query('UPDATE audit_log SET target_id = $2 WHERE id = $1', [tampered, original]),
      );
    }
  });
});

/**
 * Refusals are audited, capped per source: a 403 and a refused socket handshake each leave an entry, and a
 * flood from one source leaves at most AUDIT_REFUSALS_PER_MINUTE of them (plus one saying it was capped),
 * so it cannot queue every audited write behind the chain's lock.
 */
describe('audited refusals', () => {
  const CAP = 5;
  let api: RunningApp;

  beforeAll(async () => {
    // Behind a trusted proxy (loopback), each test speaks from its own X-Forwarded-For address.
    api = await startApp({ env: { TRUSTED_PROXIES: 'loopback', AUDIT_REFUSALS_PER_MINUTE: String(CAP) } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('audits a 403 with who, what and where from', async () => {
    const user = await createUser(api.app, 'focal_point');
    const { accessToken } = await signIn(api, user);
    const ip = '198.51.100.21';
    const response = await call(api, 'GET', '/api/audit', {
      token: accessToken,
      headers: { 'x-forwarded-for': ip },
    });
    expect(response.status).toBe(403);
    const entries = await eventually(
      () => entriesFrom(ip, 'access.forbidden'),
      (found) => found.length > 0,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_id: user.id,
      target_id: 'GET /api/audit',
      details: { reason: 'Your role does not allow this' },
    });
  });

  it('records at most the cap from one flooding source, and still records the others', async () => {
    const flooder = await createUser(api.app, 'focal_point');
    const { accessToken } = await signIn(api, flooder);
    const ip = '198.51.100.22';
    await awayFromMinuteBoundary();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const response = await call(api, 'GET', '/api/audit', {
          token: accessToken,
          headers: { 'x-forwarded-for': ip },
        });
        return response.status;
      }),
    );
    expect(new Set(statuses)).toEqual(new Set([403]));
    const capped = await eventually(
      () => entriesFrom(ip, 'audit.refusals-capped'),
      (found) => found.length > 0,
    );
    expect(capped).toHaveLength(1);
    expect(await entriesFrom(ip, 'access.forbidden')).toHaveLength(CAP);

    // Another person elsewhere is still heard.
    const other = await createUser(api.app, 'focal_point');
    const otherIp = '198.51.100.23';
    await call(api, 'GET', '/api/audit', {
      token: (await signIn(api, other)).accessToken,
      headers: { 'x-forwarded-for': otherIp },
    });
    expect(
      await eventually(
        () => entriesFrom(otherIp, 'access.forbidden'),
        (found) => found.length > 0,
      ),
    ).toHaveLength(1);
  });

  it('audits refused socket handshakes (bad token, bad Origin), capped per source', async () => {
    const ip = '198.51.100.24';
    expect(await handshake(api, ip, { token: 'not-a-token' })).toBe('token-invalid');
    expect(await handshake(api, '198.51.100.25', { origin: 'https://evil.example' })).toMatch(/./);
    const badToken = await eventually(
      () => entriesFrom(ip, 'realtime.handshake-refused'),
      (found) => found.length > 0,
    );
    expect(badToken.map((entry) => entry.details.refusal)).toEqual(['token-invalid']);
    const badOrigin = await eventually(
      () => entriesFrom('198.51.100.25', 'realtime.handshake-refused'),
      (found) => found.length > 0,
    );
    expect(badOrigin[0].details).toMatchObject({ refusal: 'origin-refused', origin: 'https://evil.example' });

    const flood = '198.51.100.26';
    await awayFromMinuteBoundary();
    await Promise.all(Array.from({ length: 30 }, () => handshake(api, flood, { token: 'not-a-token' })));
    await eventually(
      () => entriesFrom(flood, 'audit.refusals-capped'),
      (found) => found.length > 0,
    );
    expect(await entriesFrom(flood, 'realtime.handshake-refused')).toHaveLength(CAP);
  });
});

const OTHER_KEYRING = {
  ENCRYPTION_KEYRING: 'other1:b3RoZXIta2V5LWZvci1hdWRpdC10ZXN0cy0zMi1ieSE=',
  ENCRYPTION_CURRENT_KEY: 'other1',
};

/**
 * The chain is anchored by keyed checkpoints of its newest hash. A superuser who rewrites entries and
 * recomputes every later hash, or drops the newest entries, leaves a chain that verifies on its own: the
 * checkpoints show both. A checkpoint whose key has left the keyring is unverifiable, not tampered.
 */
describe('audit checkpoints', () => {
  let api: RunningApp;
  let audit: AuditService;
  let checkpoints: AuditCheckpoints;

  beforeAll(async () => {
    api = await startApp();
    audit = api.app.get(AuditService);
    checkpoints = api.app.get(AuditCheckpoints);
  });
  afterAll(async () => {
    await api.close();
  });

  const fill = async (count: number, label: string) => {
    for (let index = 0; index < count; index++)
      await audit.append({ action: 'test.filled', targetId: `${label}${index}` });
  };
  const verify = (env: Record<string, string> = {}) =>
    runBuilt('cli/audit-verify.js', { ...testEnvironment(), ...env });
  const tail = (fromId: string) =>
    storedRows<StoredEntry>('SELECT * FROM audit_log WHERE id >= $1 ORDER BY id', [fromId]);

  it('the worker writes a checkpoint of the newest hash on its interval, under the current key', async () => {
    await fill(2, 'worker-');
    // The suites share one database: earlier suites' workers may have written checkpoints already.
    const [{ before }] = await storedRows<{ before: string }>(
      'SELECT coalesce(max(id), 0) AS before FROM audit_checkpoints',
    );
    const worker = startBuilt(
      'worker.js',
      { ...testEnvironment(), LOG_LEVEL: 'info', AUDIT_CHECKPOINT_INTERVAL_MS: '1000' },
      /worker ready/,
    );
    try {
      await worker.started;
      const written = await eventually(
        () => storedRows<{ id: string }>('SELECT id FROM audit_checkpoints WHERE id > $1', [before]),
        (found) => found.length >= 2,
        20_000,
      );
      expect(written.length).toBeGreaterThanOrEqual(2);
    } finally {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    const [newest] = await storedRows<{ id: string; hash: string }>(
      'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    const [anchor] = await storedRows<{ last_entry_id: string; last_hash: string; key_id: string; mac: string }>(
      'SELECT * FROM audit_checkpoints ORDER BY id DESC LIMIT 1',
    );
    expect(anchor).toMatchObject({ last_entry_id: newest.id, last_hash: newest.hash, key_id: 'dev1' });
    expect(anchor.mac).toMatch(/^[0-9a-f]{64}$/);
    const result = await verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/audit log intact: \d+ entries; [1-9]\d* checkpoint\(s\) verified/);
  });

  it.each([
    ['UPDATE', 'UPDATE audit_checkpoints SET key_id = key_id'],
    ['DELETE', 'DELETE FROM audit_checkpoints'],
    ['TRUNCATE', 'TRUNCATE audit_checkpoints'],
  ])('refuses %s on checkpoints to the application role', async (_verb, sql) => {
    await expect(connectAs('app', (client) => client.query(sql))).rejects.toThrow(/permission denied/);
  });

  it('detects a chain rewritten by a superuser who recomputed every hash after the change', async () => {
    await fill(4, 'rewrite-');
    const anchor = await checkpoints.write();
    await fill(2, 'after-');
    const [target] = await storedRows<{ id: string }>(
      'SELECT id FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT 1 OFFSET 1',
      [anchor.lastEntryId],
    );
    const original = await tail(target.id);
    // Rewrite one entry, then recompute its hash and every later one: the chain alone stays consistent.
    await connectAs('superuser', (client) => rewriteAndRecompute(client, original, 'someone-else'));
    try {
      expect(await audit.verify()).toMatchObject({ ok: true });
      const result = await verify();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`REWRITTEN: entry id ${anchor.lastEntryId}`);
    } finally {
      // Later tests and suites append to this chain: restore it, as from a backup.
      await connectAs('superuser', async (client) => {
        for (const row of original)
          await client.query('UPDATE audit_log SET target_id = $2, prev_hash = $3, hash = $4 WHERE id = $1', [
            row.id,
            row.target_id,
            row.prev_hash,
            row.hash,
          ]);
      });
    }
    expect((await verify()).code).toBe(0);
  });

  it('detects the newest entries dropped after a checkpoint', async () => {
    await fill(3, 'truncate-');
    const anchor = await checkpoints.write();
    const [firstDropped] = await storedRows<{ id: string }>(
      'SELECT id FROM audit_log WHERE id <= $1 ORDER BY id DESC LIMIT 1 OFFSET 1',
      [anchor.lastEntryId],
    );
    const dropped = await tail(firstDropped.id);
    await storedRows('DELETE FROM audit_log WHERE id >= $1', [firstDropped.id]);
    const [left] = await storedRows<{ id: string }>('SELECT max(id)::text AS id FROM audit_log');
    try {
      expect(await audit.verify()).toMatchObject({ ok: true });
      const result = await verify();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `TRUNCATED: checkpoint ${anchor.id} recorded entry id ${anchor.lastEntryId}, the newest left is ${left.id}`,
      );
    } finally {
      await connectAs('superuser', async (client) => {
        for (const row of dropped)
          await client.query(
            `INSERT INTO audit_log (id, occurred_at, actor_id, action, target_type, target_id, ip, request_id, details, prev_hash, hash)
             OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [
              row.id,
              row.occurred_at,
              row.actor_id,
              row.action,
              row.target_type,
              row.target_id,
              row.ip,
              row.request_id,
              row.details,
              row.prev_hash,
              row.hash,
            ],
          );
      });
    }
    expect((await verify()).code).toBe(0);
  });

  it('reports a checkpoint whose key left the keyring as unverifiable, and an altered one as forged', async () => {
    await checkpoints.write();
    const withoutKey = await verify(OTHER_KEYRING);
    expect(withoutKey.code).toBe(0);
    expect(withoutKey.stdout).toMatch(
      /\d+ checkpoint\(s\) UNVERIFIABLE: their key \(dev1\) is no longer in ENCRYPTION_KEYRING/,
    );
    expect(withoutKey.stderr).not.toMatch(/FORGED|REWRITTEN|TRUNCATED/);

    const [forged] = await storedRows<{ id: string }>(
      "UPDATE audit_checkpoints SET last_hash = repeat('f', 64) WHERE id = (SELECT max(id) FROM audit_checkpoints) RETURNING id",
    );
    try {
      const result = await verify();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`checkpoint ${forged.id} FORGED`);
    } finally {
      await storedRows('DELETE FROM audit_checkpoints WHERE id = $1', [forged.id]);
    }
  });
});
