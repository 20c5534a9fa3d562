import { INestApplicationContext } from '@nestjs/common';
import { AuditService } from '@liaison/platform';
import { runBuilt } from '../support/cli';
import { connectAs } from '../support/database';
import { RunningApp, startApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

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
