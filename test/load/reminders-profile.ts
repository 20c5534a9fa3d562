/**
 * Where a reminder job's time goes, without the minutes of waiting the full bench needs: in a fresh database,
 * PROFILE_MEETINGS meetings (default 200, one minute's burst of the bench) of PROFILE_INVITEES invitees (100),
 * each with a reminder already due, run through `Reminders.remind()` in this process, PROFILE_CONCURRENCY at
 * a time (default 1, then 5 and 20 unless given). Every statement the jobs send to PostgreSQL is counted and
 * timed by its first words. Run with:
 *
 *   npx swc test/load apps/api/src libs --config-file .swcrc --out-dir dist/bench --ignore '**\/*.spec.ts' --quiet \
 *     && node dist/bench/test/load/reminders-profile.js
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { WorkerModule } from '../../apps/api/src/worker.module';
import { Reminders } from '../../libs/meetings/src/reminders/reminders.processor';
import { benchDatabase, intSetting, machine } from './bench-setup';

const MEETINGS = intSetting('PROFILE_MEETINGS', 200);
const INVITEES = intSetting('PROFILE_INVITEES', 100, 2);
const CONCURRENCIES = (process.env.PROFILE_CONCURRENCY ?? '1,5,20').split(',').map(Number);

/** Every statement through pg's Client, by its first words: count and total ms. */
const statements = new Map<string, { count: number; ms: number }>();
let counting = false;
const original = Client.prototype.query as (...args: unknown[]) => unknown;
(Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
  const result = original.apply(this, args);
  if (counting && result instanceof Promise) {
    const started = performance.now();
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    void result.then(
      () => {
        const entry = statements.get(key) ?? { count: 0, ms: 0 };
        entry.count += 1;
        entry.ms += performance.now() - started;
        statements.set(key, entry);
      },
      () => undefined,
    );
  }
  return result;
};

async function main(): Promise<void> {
  const db = await benchDatabase();
  const sql = new Client({ connectionString: db.adminUrl });
  await sql.connect();
  Object.assign(process.env, db.env({ DATABASE_POOL_SIZE: String(Math.max(...CONCURRENCIES) + 2) }));
  const context = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  try {
    const [{ id: networkId }] = (
      await sql.query<{ id: string }>(
        `INSERT INTO networks (slug, name, description) VALUES ('p', 'P', '') RETURNING id`,
      )
    ).rows;
    await sql.query(
      `INSERT INTO users (email, display_name, role, password_hash, totp_secret)
       SELECT 'p-' || g || '@p.example', 'P ' || g, CASE WHEN g = 0 THEN 'coordinator' ELSE 'focal_point' END, 'x', 'x'
         FROM generate_series(0, $1::int - 1) g`,
      [INVITEES],
    );
    await sql.query(
      `INSERT INTO network_members (network_id, user_id, network_role)
       SELECT $1, id, CASE WHEN email = 'p-0@p.example' THEN 'coordinator' ELSE 'member' END FROM users`,
      [networkId],
    );
    await sql.query(
      `INSERT INTO notification_preferences (user_id, kind, email) SELECT id, 'meeting.reminder', false FROM users`,
    );
    const [{ id: organizerId }] = (
      await sql.query<{ id: string }>(`SELECT id FROM users WHERE email = 'p-0@p.example'`)
    ).rows;
    const reminders = context.get(Reminders);
    for (const concurrency of CONCURRENCIES) {
      // Meetings starting in 10 minutes with a 15-minute reminder: due already, the nearest, so sent now.
      const startLocal = DateTime.utc().plus({ minutes: 10 }).toFormat("yyyy-LL-dd'T'HH:mm");
      const ids = Array.from({ length: MEETINGS }, () => randomUUID());
      await sql.query(
        `INSERT INTO meetings (id, network_id, organizer_id, title, start_local, time_zone, duration_minutes, mode,
           online_url, invite_scope, reminder_minutes)
         SELECT id, $2, $3, 'P', $4, 'UTC', 5, 'online', 'https://meet.p.example/r', 'network', ARRAY[15]
           FROM unnest($1::uuid[]) id`,
        [ids, networkId, organizerId, startLocal],
      );
      await sql.query('ANALYZE');
      statements.clear();
      counting = true;
      const times: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < ids.length) {
            const meetingId = ids[next++];
            const t0 = performance.now();
            await reminders.remind({ meetingId, occurrenceId: startLocal, version: 0, offsetMinutes: 15 });
            times.push(performance.now() - t0);
          }
        }),
      );
      const wall = performance.now() - started;
      // Let after-commit work (the socket push) finish before reading the counts.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      counting = false;
      const [{ bells }] = (
        await sql.query<{ bells: number }>(
          `SELECT count(*)::int AS bells FROM notifications n JOIN notification_events e ON e.id = n.event_id
            WHERE e.link = ANY($1)`,
          [ids.map((id) => `/meetings/${id}`)],
        )
      ).rows;
      times.sort((a, b) => a - b);
      const total = [...statements.values()].reduce((sum, entry) => sum + entry.count, 0);
      console.log(
        `\nconcurrency ${concurrency}: ${MEETINGS} jobs × ${INVITEES} in ${(wall / 1000).toFixed(2)} s; ` +
          `job mean ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(1)} ms, p50 ${times[Math.floor(times.length / 2)].toFixed(1)}, ` +
          `max ${times[times.length - 1].toFixed(1)}; ${(total / MEETINGS).toFixed(1)} statements a job; bells ${bells}/${MEETINGS * (INVITEES - 0)}; load ${machine().loadavg.join(' ')}`,
      );
      console.table(
        [...statements.entries()]
          .sort((a, b) => b[1].ms - a[1].ms)
          .map(([statement, { count, ms }]) => ({
            statement,
            'per job': +(count / MEETINGS).toFixed(2),
            'ms per job': +(ms / MEETINGS).toFixed(2),
          })),
      );
    }
  } finally {
    await context.close().catch(() => undefined);
    await sql.end().catch(() => undefined);
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
