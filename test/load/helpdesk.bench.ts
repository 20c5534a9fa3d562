/**
 * `npm run bench:helpdesk`: the triage queue's filtered pages and the statistics answer on a helpdesk of
 * BENCH_TICKETS tickets (default 100,000) with their timeline events, in a fresh database on this
 * machine's PostgreSQL, against Liaison's built API as its own process. Run by hand; `npm test` never runs it.
 *
 * Each scenario is one request shape, offered open-loop at BENCH_RATE requests/s: a warm-up (BENCH_WARMUP
 * s, not counted), then BENCH_SECONDS s measured. Latency runs from each request's intended start (so a
 * server that falls behind is charged for the queueing), failures (non-2xx, network errors) are counted.
 * Prints a table and writes reports/bench/helpdesk.json with the machine and its load average.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'hdr-histogram-js';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SessionsService, TOTP_SECRET_CONTEXT } from '@liaison/identity';
import {
  BLOCKAGE_REASONS,
  COOPERATION_TYPES,
  LEGAL_BASES,
  OFFENCE_CATEGORIES,
  OUTCOMES,
  PRIORITIES,
  TICKET_CHANNELS,
} from '@liaison/helpdesk';
import { dropDatabase, Keyring, runMigrations, setupDatabase, withDatabase } from '@liaison/platform';
import { ADMIN_URL, freePort, REPORTS, ROOT, sleep } from './bench-setup';
import { WorkerModule } from '../../apps/api/src/worker.module';
import { User } from '../support/entities';

const int = (name: string, fallback: number, min = 1) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return value;
};
const SETTINGS = {
  tickets: int('BENCH_TICKETS', 100_000),
  rate: int('BENCH_RATE', 20),
  measureSeconds: int('BENCH_SECONDS', 20),
  warmupSeconds: int('BENCH_WARMUP', 5, 0),
  p99BoundMs: int('BENCH_P99_MS', 50),
  poolSize: int('BENCH_POOL_SIZE', 10),
  keep: process.env.BENCH_KEEP_DATABASE === '1',
};
const STATES = Array.from({ length: 20 }, (_, index) => `Q${String.fromCharCode(65 + index)}`);
const ms = (value: number) => +value.toFixed(1);

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(',')}]::text[]`;
/** The value of `list` for ticket `g` (1-based), spread by a multiplier so that facts do not move together. */
const pick = (list: readonly string[], multiplier: number) =>
  `(${sqlArray(list)})[1 + ((g * ${multiplier}) % ${list.length})]`;

/**
 * Tickets straight into PostgreSQL by set-based SQL: 20 States in two networks of ten, each ticket between
 * two States of one network, spread over two years, in every status, with SLA durations, due dates (a
 * share overdue) and 2–4 timeline events each. Free text is a placeholder: nothing here decrypts it.
 */
/** How long folding 1,000 ticket changes into the statistics counts took (measured by the seed). */
let foldMs: number | null = null;

async function seed(
  db: DataSource,
  ownerUrl: string,
  secretariatId: string,
  authorityIds: string[],
  networkIds: string[],
) {
  const n = SETTINGS.tickets;
  await db.query(
    `INSERT INTO threads (id, kind, created_by, wrapped_key, master_key_id, subject_sealed)
     SELECT md5(k || g)::uuid, CASE k WHEN 'p' THEN 'ticket' ELSE 'ticket-internal' END, $1, 'bench', 'bench', 'bench'
       FROM generate_series(1, $2) g CROSS JOIN (VALUES ('p'), ('i')) kinds(k)`,
    [secretariatId, n],
  );
  await db.query(
    `WITH base AS (
       SELECT g, (g % 20) AS a, ((g % 20) / 10) * 10 + (((g % 20) % 10 + 1 + (g / 20) % 9) % 10) AS b,
              (g % 10) AS phase, now() - ((g % 730) || ' days')::interval - ((g % 1440) || ' minutes')::interval AS filed
         FROM generate_series(1, $1) g
     ), t AS (
       SELECT *, CASE WHEN phase < 4 THEN 'closed' WHEN phase < 6 THEN 'resolved' WHEN phase = 6 THEN 'new'
                      WHEN phase = 7 THEN 'in_progress' WHEN phase = 8 THEN 'waiting_requester' ELSE 'triaged' END AS status,
              ${pick(LEGAL_BASES, 7)} AS basis, ${pick(OUTCOMES, 3)} AS outcome_pick
         FROM base
     )
     INSERT INTO helpdesk_tickets (id, reference, year, number, status, priority, filed_by, requester_authority_id,
       requester_state_code, requested_state_code, requested_authority_id, cooperation_type, offence_category,
       legal_basis, legal_instrument, date_sent, channel, blockage_reason, blocked_since, refusal_ground, urgency,
       deadline, wrapped_key, master_key_id, description_sealed, requester_reference_sealed, public_thread_id,
       internal_thread_id, outcome, outcome_ground, due_at, resolved_at, closed_at, created_at, updated_at,
       sla_response_target_s, sla_resolution_target_s, sla_elapsed_s, sla_running_since, first_response_at,
       response_working_s, resolution_working_s, response_due_at, resolution_due_at)
     SELECT md5('t' || g)::uuid, 'HD-BENCH-' || lpad(g::text, 6, '0'), 2000, g, status, ${pick(PRIORITIES, 5)}, $2,
       ($3::uuid[])[a + 1], ($4::text[])[a + 1], ($4::text[])[b + 1], ($3::uuid[])[b + 1],
       ${pick(COOPERATION_TYPES, 11)}, ${pick(OFFENCE_CATEGORIES, 13)}, basis,
       CASE WHEN basis IN ('bilateral', 'regional') THEN 'Treaty ' || (g % 7) END,
       (filed - interval '60 days')::date, ${pick(TICKET_CHANNELS, 17)}, ${pick(BLOCKAGE_REASONS, 19)}, NULL,
       NULL, '{}', NULL, 'bench', 'bench', 'bench', 'bench', md5('p' || g)::uuid, md5('i' || g)::uuid,
       CASE WHEN status IN ('resolved', 'closed') THEN outcome_pick END,
       CASE WHEN status IN ('resolved', 'closed') AND outcome_pick = 'refused' THEN 'domestic_law' END,
       CASE WHEN status IN ('new', 'triaged', 'in_progress') THEN now() + (((g % 40) - 8) || ' hours')::interval END,
       CASE WHEN status IN ('resolved', 'closed') THEN filed + ((1 + g % 60) || ' days')::interval END,
       CASE WHEN status = 'closed' THEN filed + ((15 + g % 60) || ' days')::interval END,
       filed, filed, 57600, 576000, 0,
       CASE WHEN status IN ('new', 'triaged', 'in_progress') THEN now() END,
       CASE WHEN status <> 'new' THEN filed + interval '1 day' END,
       CASE WHEN status <> 'new' THEN 600 * (1 + (g * 7) % 200) END,
       CASE WHEN status IN ('resolved', 'closed') THEN 3600 * (4 + (g * 3) % 300) END,
       NULL, CASE WHEN status IN ('new', 'triaged', 'in_progress') THEN now() + (((g % 40) - 8) || ' hours')::interval END
     FROM t`,
    [n, secretariatId, authorityIds, STATES],
  );
  await db.query(
    `INSERT INTO helpdesk_ticket_networks (ticket_id, network_id)
     SELECT md5('t' || g)::uuid, ($2::uuid[])[1 + (g % 20) / 10] FROM generate_series(1, $1) g`,
    [n, networkIds],
  );
  await db.query(
    `INSERT INTO helpdesk_ticket_events (ticket_id, actor_id, action, old_value, new_value, created_at)
     SELECT id, filed_by, 'filed', NULL, 'new', created_at FROM helpdesk_tickets
     UNION ALL SELECT id, $1, 'status', 'new', 'triaged', created_at + interval '1 hour' FROM helpdesk_tickets WHERE status <> 'new'
     UNION ALL SELECT id, $1, 'status', 'in_progress', status, coalesce(resolved_at, updated_at) FROM helpdesk_tickets
       WHERE status NOT IN ('new', 'triaged')
     UNION ALL SELECT id, NULL, 'status', 'resolved', 'closed', closed_at FROM helpdesk_tickets WHERE status = 'closed'`,
    [secretariatId],
  );
  // The set-based inserts above queued every ticket for the statistics' counts: they are counted at once by
  // the rebuild (the repair a change of zone runs) instead of by the folds that keep them in service.
  const rebuildStarted = Date.now();
  await db.query(
    `SELECT helpdesk_statistics_rebuild((SELECT time_zone FROM helpdesk_statistics_state WHERE id = 'helpdesk'))`,
  );
  console.log(`statistics counts rebuilt in ${Math.round((Date.now() - rebuildStarted) / 1000)} s`);
  // What a statistics read pays after a busy spell: folding 1,000 ticket changes (reopened resolved
  // tickets, each moving its status, outcome and durations) into the counts.
  await db.query(
    `UPDATE helpdesk_tickets SET status = 'in_progress', outcome = NULL, outcome_ground = NULL, resolved_at = NULL,
       resolution_working_s = NULL
     WHERE id IN (SELECT id FROM helpdesk_tickets WHERE status = 'resolved' ORDER BY id LIMIT 1000)`,
  );
  const foldStarted = performance.now();
  const [{ taken }] = (await db.query(`SELECT helpdesk_statistics_fold(5000) AS taken`)) as { taken: number }[];
  foldMs = Math.round(performance.now() - foldStarted);
  console.log(`folded ${taken} queued ticket changes into the statistics counts in ${foldMs} ms`);
  // The planner's statistics and the visibility map, as autovacuum would keep them in service (it may be off
  // on a test server). Only a table's owner may vacuum or analyze it: as the runtime role both skip every table.
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('VACUUM ANALYZE');
  } finally {
    await owner.end();
  }
}

interface Scenario {
  name: string;
  path: string;
  token: 'secretariat' | 'coordinator';
}

interface Row {
  scenario: string;
  path: string;
  offeredRate: number;
  requests: number;
  failed: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  meetsBound: boolean;
  machineLoad: number;
}

/** Offers `rate` requests/s of one shape for `seconds`, each timed from its intended start. */
async function run(url: string, token: string, rate: number, seconds: number) {
  const histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000,
    numberOfSignificantValueDigits: 3,
  });
  let failed = 0;
  const total = rate * seconds;
  const start = performance.now() + 20;
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    const intended = start + (index * 1000) / rate;
    const wait = intended - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(
      fetch(url, { headers: { authorization: `Bearer ${token}` } })
        .then(async (response) => {
          await response.arrayBuffer();
          if (!response.ok) failed += 1;
        })
        .catch(() => {
          failed += 1;
        })
        .finally(() => histogram.recordValue(Math.max(1, Math.round((performance.now() - intended) * 1000)))),
    );
  }
  await Promise.all(pending);
  // Recorded in microseconds for sub-millisecond resolution.
  const at = (q: number) => ms(histogram.getValueAtPercentile(q) / 1000);
  return {
    requests: total,
    failed,
    latencyMs: { p50: at(50), p95: at(95), p99: at(99), max: ms(histogram.maxValue / 1000) },
  };
}

async function main(): Promise<void> {
  const id = `${Date.now().toString(36)}_${process.pid}`;
  const database = `liaison_bench_${id}`;
  const urls = {
    app: withDatabase('postgres://liaison_app@127.0.0.1:5432/liaison', database),
    owner: withDatabase('postgres://liaison_owner@127.0.0.1:5432/liaison', database),
  };
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
    CORS_ORIGINS: `http://127.0.0.1:${port}`,
    DATABASE_URL: urls.app,
    DATABASE_POOL_SIZE: String(SETTINGS.poolSize),
    REDIS_PREFIX: `liaison-bench-${id.replace('_', '-')}`,
    LOG_LEVEL: 'warn',
    ACCESS_TOKEN_TTL_SECONDS: '900',
    METRICS_PORT: '0',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '9',
  };
  console.log(`bench database ${database}; API on port ${port}; ${SETTINGS.tickets} tickets`);
  await setupDatabase(ADMIN_URL, urls);
  await runMigrations(urls.owner);
  let api: ChildProcess | undefined;
  try {
    Object.assign(process.env, env);
    const context = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    const tokens = { secretariat: '', coordinator: '' };
    const networkIds: string[] = [];
    const seededAt = Date.now();
    try {
      const db = context.get(DataSource);
      for (const code of STATES)
        await db.query(
          `INSERT INTO states (code, name, untoc_party, untoc_extradition_basis) VALUES ($1, $2, true, true) ON CONFLICT DO NOTHING`,
          [code, `Bench State ${code}`],
        );
      const authorityIds: string[] = [];
      for (const code of STATES)
        authorityIds.push(
          (
            (await db.query(
              `INSERT INTO authorities (state_code, name, categories, office_hours, time_zone, languages, documents_required, channels, contact)
               VALUES ($1, $2, '{mla,extradition}', '{}'::jsonb, 'UTC', '{en}', '{}', '{direct}', '{}'::jsonb) RETURNING id`,
              [code, `Bench authority ${code}`],
            )) as { id: string }[]
          )[0].id,
        );
      for (const half of [0, 1]) {
        const networkId = (
          (await db.query(`INSERT INTO networks (slug, name, description) VALUES ($1, $2, '') RETURNING id`, [
            `bench-${half}-${id}`,
            `Bench network ${half}`,
          ])) as { id: string }[]
        )[0].id;
        networkIds.push(networkId);
        for (const code of STATES.slice(half * 10, half * 10 + 10))
          await db.query(`INSERT INTO network_states (network_id, state_code) VALUES ($1, $2)`, [networkId, code]);
      }
      const keyring = context.get(Keyring);
      const users = db.getRepository(User);
      const person = (role: 'secretariat' | 'coordinator', authorityId: string | null) =>
        users.save(
          users.create({
            email: `bench-${role}-${id}@bench.liaison.example`,
            displayName: `Bench ${role}`,
            role,
            authorityId,
            passwordHash: 'bench-no-password',
            totpSecret: keyring.encrypt('JBSWY3DPEHPK3PXP', TOTP_SECRET_CONTEXT),
          }),
        );
      const secretariat = await person('secretariat', null);
      const coordinator = await person('coordinator', authorityIds[0]);
      await db.query(`INSERT INTO network_members (network_id, user_id, network_role) VALUES ($1, $2, 'coordinator')`, [
        networkIds[0],
        coordinator.id,
      ]);
      await seed(db, urls.owner, secretariat.id, authorityIds, networkIds);
      // Signed in once the seed is done: a long seed must not use up the access tokens' lifetime.
      const sessions = context.get(SessionsService);
      tokens.secretariat = (await sessions.open(secretariat, { ip: '127.0.0.1', userAgent: 'bench' })).accessToken;
      tokens.coordinator = (await sessions.open(coordinator, { ip: '127.0.0.1', userAgent: 'bench' })).accessToken;
      const [{ tickets, events }] = (await db.query(
        `SELECT (SELECT count(*) FROM helpdesk_tickets)::int AS tickets, (SELECT count(*) FROM helpdesk_ticket_events)::int AS events`,
      )) as { tickets: number; events: number }[];
      console.log(
        `seeded ${tickets} tickets and ${events} timeline events in ${Math.round((Date.now() - seededAt) / 1000)} s`,
      );
    } finally {
      await context.close();
    }

    api = spawn(process.execPath, [join(ROOT, 'dist/api/apps/api/src/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const apiUrl = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt += 1) {
      if (
        await fetch(`${apiUrl}/health/ready`).then(
          (response) => response.ok,
          () => false,
        )
      )
        break;
      if (attempt > 150) throw new Error('the API did not become ready');
      await sleep(200);
    }
    const first = (await (
      await fetch(`${apiUrl}/api/helpdesk/tickets?limit=50`, {
        headers: { authorization: `Bearer ${tokens.secretariat}` },
      })
    ).json()) as { nextCursor: string };
    const year = new Date().getUTCFullYear() - 1;
    const scenarios: Scenario[] = [
      { name: 'queue: newest', path: '/api/helpdesk/tickets?limit=50', token: 'secretariat' },
      {
        name: 'queue: page 2',
        path: `/api/helpdesk/tickets?limit=50&cursor=${first.nextCursor}`,
        token: 'secretariat',
      },
      {
        name: 'queue: status new,triaged',
        path: '/api/helpdesk/tickets?limit=50&status=new,triaged',
        token: 'secretariat',
      },
      {
        name: 'queue: overdue by due date',
        path: '/api/helpdesk/tickets?limit=50&overdue=true&sort=due',
        token: 'secretariat',
      },
      {
        name: 'queue: network + cooperation type',
        path: `/api/helpdesk/tickets?limit=50&networkId=${networkIds[1]}&cooperationType=extradition`,
        token: 'secretariat',
      },
      {
        name: 'queue: State + priority',
        path: `/api/helpdesk/tickets?limit=50&stateCode=QC&priority=urgent,high`,
        token: 'secretariat',
      },
      { name: 'statistics: all', path: '/api/helpdesk/statistics', token: 'secretariat' },
      {
        name: 'statistics: a year, extradition',
        path: `/api/helpdesk/statistics?from=${year}-01-01&to=${year}-12-31&cooperationType=extradition`,
        token: 'secretariat',
      },
      { name: 'statistics: coordinator', path: '/api/helpdesk/statistics', token: 'coordinator' },
    ];
    const rows: Row[] = [];
    for (const scenario of scenarios) {
      const url = `${apiUrl}${scenario.path}`;
      const token = tokens[scenario.token];
      if (SETTINGS.warmupSeconds > 0) await run(url, token, SETTINGS.rate, SETTINGS.warmupSeconds);
      const result = await run(url, token, SETTINGS.rate, SETTINGS.measureSeconds);
      const row: Row = {
        scenario: scenario.name,
        path: scenario.path.replace(/cursor=[^&]+/, 'cursor=…'),
        offeredRate: SETTINGS.rate,
        ...result,
        meetsBound: result.failed === 0 && result.latencyMs.p99 <= SETTINGS.p99BoundMs,
        machineLoad: +loadavg()[0].toFixed(2),
      };
      rows.push(row);
      console.log(
        `${row.scenario.padEnd(36)} ${String(row.requests).padStart(6)} req  failed ${row.failed}  p50 ${row.latencyMs.p50} ms  p95 ${row.latencyMs.p95} ms  p99 ${row.latencyMs.p99} ms  max ${row.latencyMs.max} ms  ${row.meetsBound ? 'ok' : 'OVER'}  load ${row.machineLoad}`,
      );
    }
    const report = {
      at: new Date().toISOString(),
      settings: SETTINGS,
      statisticsFoldOf1000ChangesMs: foldMs,
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model,
        memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
        loadavg: loadavg(),
      },
      rows,
    };
    mkdirSync(REPORTS, { recursive: true });
    const file = join(REPORTS, 'helpdesk.json');
    writeFileSync(file, JSON.stringify(report, null, 2));
    console.log('');
    console.table(
      rows.map((row) => ({
        scenario: row.scenario,
        'req/s': row.offeredRate,
        requests: row.requests,
        failed: row.failed,
        'p50 ms': row.latencyMs.p50,
        'p99 ms': row.latencyMs.p99,
        'max ms': row.latencyMs.max,
        [`p99 ≤ ${SETTINGS.p99BoundMs} ms`]: row.meetsBound ? 'yes' : 'NO',
        load: row.machineLoad,
      })),
    );
    console.log(`report: ${file}`);
  } finally {
    api?.kill('SIGTERM');
    if (api) await new Promise((resolve) => api?.once('exit', resolve));
    if (!SETTINGS.keep) await dropDatabase(ADMIN_URL, database).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
