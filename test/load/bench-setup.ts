/**
 * What the benchmarks under test/load share: settings from the environment, a fresh database of their own
 * (migrated, dropped at the end), a private Redis key prefix, the environment the built processes run with,
 * and the machine's description for the report.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { dropDatabase, runMigrations, setupDatabase, withDatabase } from '@liaison/platform';

export const ROOT = join(__dirname, '../../../..');
export const REPORTS = join(ROOT, 'reports/bench');
export const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An integer setting from the environment, at least `min`. */
export const intSetting = (name: string, fallback: number, min = 1) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return value;
};

/** Ports this process has handed out: the OS may offer a just-closed port again, and two servers can't share it. */
const handedOut = new Set<number>();

/** A port free on 127.0.0.1 now, never the same twice in one run. */
export async function freePort(): Promise<number> {
  for (;;) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

export interface BenchDatabase {
  id: string;
  name: string;
  /** The runtime role's and the owner's URLs. */
  urls: { app: string; owner: string };
  /** The superuser's URL to this database (for the checks a bench makes itself). */
  adminUrl: string;
  redisPrefix: string;
  /** The environment Liaison's processes run with against this database and prefix. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Drops the database (unless BENCH_KEEP_DATABASE=1) and deletes the prefix's Redis keys. */
  drop(): Promise<void>;
}

/** A fresh, migrated database and a private Redis key prefix for one run. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const id = `${Date.now().toString(36)}_${process.pid}`;
  const name = `liaison_bench_${id}`;
  const urls = {
    app: withDatabase('postgres://liaison_app@127.0.0.1:5432/liaison', name),
    owner: withDatabase('postgres://liaison_owner@127.0.0.1:5432/liaison', name),
  };
  const redisPrefix = `liaison-bench-${id.replace('_', '-')}`;
  await setupDatabase(ADMIN_URL, urls);
  await runMigrations(urls.owner);
  return {
    id,
    name,
    urls,
    adminUrl: withDatabase(ADMIN_URL, name),
    redisPrefix,
    env: (extra = {}) => ({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      DATABASE_URL: urls.app,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'warn',
      METRICS_PORT: '0',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '9',
      ...extra,
    }),
    drop: async () => {
      if (process.env.BENCH_KEEP_DATABASE !== '1') await dropDatabase(ADMIN_URL, name).catch(() => undefined);
      const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
      try {
        await redis.connect();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
          if (keys.length) await redis.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      } catch {
        // Best effort: the prefix is this run's only.
      } finally {
        redis.disconnect();
      }
    },
  };
}

/** The machine, for a report: cores, model, memory, Node, and the load averages now. */
export function machine() {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadavg: loadavg().map((value) => +value.toFixed(2)),
  };
}

/** A process's CPU time so far (user + system), in seconds, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
