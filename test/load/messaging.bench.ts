/**
 * `npm run bench:messaging`: the whole message path under load, on this machine's real PostgreSQL and Redis.
 *
 * K authenticated socket.io clients in private threads of R participants; one sender per thread sends
 * 300-byte messages over the socket at a total target rate for a fixed duration; every participant (the
 * sender too) receives each message live. Then N sockets are opened at once on the one API node to see what
 * they cost. The API runs as its own process (the built main.js); this process generates the load and
 * shares the machine's cores with it and with PostgreSQL, which the output says.
 *
 * Settings (environment): BENCH_CLIENTS (K, 1000), BENCH_ROOM (R, 10), BENCH_RATE (messages/s, 1000),
 * BENCH_SECONDS (20), BENCH_SOCKETS (5000), BENCH_PROFILE=1 (CPU profile of the API, summarised),
 * BENCH_KEEP=1 (keep the bench database). Writes reports/bench/messaging.json.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { AuthUser, SessionsService, TOTP_SECRET_CONTEXT } from '@liaison/identity';
import { MessageView, SendAck, ThreadsService } from '@liaison/messaging';
import { dropDatabase, Keyring, runMigrations, setupDatabase, withDatabase } from '@liaison/platform';
import { WorkerModule } from '../../apps/api/src/worker.module';
import { User } from '../support/entities';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const K = int('BENCH_CLIENTS', 1000);
const R = int('BENCH_ROOM', 10);
const RATE = int('BENCH_RATE', 1000);
const SECONDS = int('BENCH_SECONDS', 20);
const SOCKETS = int('BENCH_SOCKETS', 5000);
const PROFILE = process.env.BENCH_PROFILE === '1';
const BODY_BYTES = 300;
const ROOT = join(__dirname, '../../../..');
const REPORTS = join(ROOT, 'reports/bench');
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : NaN;
}

/** Connects `count` sockets with these tokens (round robin), `batch` at a time. */
async function connectMany(
  url: string,
  tokens: string[],
  count: number,
  batch = 100,
): Promise<{ sockets: Socket[]; errors: number }> {
  const sockets: Socket[] = [];
  let errors = 0;
  for (let start = 0; start < count; start += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, (_, index) => {
        const socket = io(url, {
          path: '/socket.io',
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          auth: { token: tokens[(start + index) % tokens.length] },
        });
        return new Promise<Socket | null>((resolve) => {
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', () => {
            socket.close();
            resolve(null);
          });
        });
      }),
    );
    for (const socket of opened) {
      if (socket) sockets.push(socket);
      else errors += 1;
    }
  }
  return { sockets, errors };
}

/** Where the API spent its CPU: self time per function and per package, from a V8 .cpuprofile. */
function summariseProfile(dir: string): {
  byFunction: { name: string; ms: number; share: string }[];
  byPackage: { name: string; ms: number; share: string }[];
} {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return { byFunction: [], byPackage: [] };
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const own = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    total += micros;
    const frame = byId.get(id)?.callFrame;
    const url = frame?.url ?? '';
    const modulePath = url.includes('node_modules/') ? (url.split('node_modules/').pop() as string) : null;
    const where = modulePath
      ? modulePath
          .split('/')
          .slice(0, modulePath.startsWith('@') ? 2 : 1)
          .join('/')
      : url === ''
        ? '(native, GC, idle)'
        : url.startsWith('node:')
          ? 'node core'
          : 'liaison';
    const name = `${frame?.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${(frame?.lineNumber ?? 0) + 1}`;
    own.set(name, (own.get(name) ?? 0) + micros);
    packages.set(where, (packages.get(where) ?? 0) + micros);
  });
  const top = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        share: `${((100 * micros) / total).toFixed(1)}%`,
      }));
  return { byFunction: top(own), byPackage: top(packages) };
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
    DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '20',
    REDIS_PREFIX: `liaison-bench-${id.replace('_', '-')}`,
    LOG_LEVEL: 'warn',
    ACCESS_TOKEN_TTL_SECONDS: '900',
    MESSAGE_RATE_PER_SECOND: '10000',
    MESSAGE_RATE_BURST: '20000',
    // No SMTP relay, no catcher: nobody is offline in this benchmark, so nothing is e-mailed.
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '9',
  };
  console.log(`bench database ${database}; API on port ${port}`);
  await setupDatabase(ADMIN_URL, urls);
  await runMigrations(urls.owner);
  let api: ChildProcess | undefined;
  try {
    // --- Setup, in-process: users, sessions (access tokens), private threads of R participants.
    Object.assign(process.env, env);
    const context = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    const rooms = Math.floor(K / R);
    const tokens: string[] = [];
    const roomThreads: { threadId: string; members: number[] }[] = [];
    try {
      const keyring = context.get(Keyring);
      const users = context.get(DataSource).getRepository(User);
      const created: User[] = [];
      for (let start = 0; start < K; start += 500) {
        const chunk = Array.from({ length: Math.min(500, K - start) }, (_, index) =>
          users.create({
            email: `bench-${start + index}-${id}@bench.liaison.example`,
            displayName: `Bench ${start + index}`,
            role: 'focal_point',
            passwordHash: 'bench-no-password',
            totpSecret: keyring.encrypt('JBSWY3DPEHPK3PXP', TOTP_SECRET_CONTEXT),
          }),
        );
        created.push(...(await users.save(chunk)));
      }
      const sessions = context.get(SessionsService);
      for (const user of created)
        tokens.push((await sessions.open(user, { ip: '127.0.0.1', userAgent: 'bench' })).accessToken);
      const threads = context.get(ThreadsService);
      for (let room = 0; room < rooms; room += 1) {
        const members = Array.from({ length: R }, (_, index) => room * R + index);
        const creator = created[members[0]];
        const actor: AuthUser = { id: creator.id, sessionId: randomUUID(), role: 'focal_point', email: creator.email };
        const thread = await threads.createPrivate(
          actor,
          `Bench room ${room}`,
          members.slice(1).map((index) => created[index].id),
          {},
        );
        roomThreads.push({ threadId: thread.id, members });
      }
    } finally {
      await context.close();
    }
    console.log(`set up ${K} users and sessions, ${rooms} threads of ${R}`);

    // --- The API, as its own process.
    const profileDir = join(REPORTS, `profile-${id}`);
    if (PROFILE) mkdirSync(profileDir, { recursive: true });
    api = spawn(
      process.execPath,
      [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), join(ROOT, 'dist/api/apps/api/src/main.js')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    const url = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt += 1) {
      const ready = await fetch(`${url}/health/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      if (attempt > 100) throw new Error('the API did not become ready');
      await sleep(200);
    }
    const pid = api.pid as number;
    const rssIdle = rssMiB(pid);

    // --- Phase 1: K clients in rooms, one sender per room, RATE messages/s in all.
    const connectStart = performance.now();
    const { sockets, errors: connectErrors } = await connectMany(url, tokens, K);
    if (sockets.length !== K) throw new Error(`${connectErrors} of ${K} sockets failed to connect`);
    const connectSeconds = (performance.now() - connectStart) / 1000;
    const socketOf = (index: number) => sockets[index];
    for (const room of roomThreads) {
      await Promise.all(
        room.members.map((index) =>
          socketOf(index)
            .timeout(10_000)
            .emitWithAck('thread.sync', { threads: [{ threadId: room.threadId, lastSeq: 0 }] }),
        ),
      );
    }
    const sentAt = new Map<string, number>();
    const received = new Map<string, number>();
    let deliveries = 0;
    const latencies: number[] = [];
    sockets.forEach((socket, index) => {
      socket.on('message.created', (message: MessageView) => {
        deliveries += 1;
        const key = `${message.id}:${index}`;
        received.set(key, (received.get(key) ?? 0) + 1);
        const sent = sentAt.get(message.clientId);
        if (sent !== undefined) latencies.push(performance.now() - sent);
      });
    });
    let acked = 0;
    let ackErrors = 0;
    const errorKinds = new Map<string, number>();
    const pending = new Set<Promise<void>>();
    const padding = 'x'.repeat(BODY_BYTES);
    const interval = (1000 * rooms) / RATE;
    const rssSamples: number[] = [];
    const sampler = setInterval(() => rssSamples.push(rssMiB(pid)), 1000);
    const started = performance.now();
    const senders = roomThreads.map((room, roomIndex) => {
      const socket = socketOf(room.members[0]);
      let n = 0;
      const tick = () => {
        const clientId = randomUUID();
        const body = `${roomIndex}-${n++} ${padding}`.slice(0, BODY_BYTES);
        sentAt.set(clientId, performance.now());
        const sending = (
          socket
            .timeout(15_000)
            .emitWithAck('message.send', { threadId: room.threadId, clientId, body }) as Promise<SendAck>
        ).then(
          (ack) => {
            if (ack.ok) acked += 1;
            else {
              ackErrors += 1;
              errorKinds.set(String(ack.problem.status), (errorKinds.get(String(ack.problem.status)) ?? 0) + 1);
            }
          },
          () => {
            ackErrors += 1;
            errorKinds.set('timeout', (errorKinds.get('timeout') ?? 0) + 1);
          },
        );
        pending.add(sending);
        void sending.finally(() => pending.delete(sending));
      };
      let timer: NodeJS.Timeout | undefined;
      const first = setTimeout(() => {
        tick();
        timer = setInterval(tick, interval);
      }, Math.random() * interval);
      return () => {
        clearTimeout(first);
        clearInterval(timer);
      };
    });
    await sleep(SECONDS * 1000);
    senders.forEach((stop) => stop());
    const sendSeconds = (performance.now() - started) / 1000;
    await Promise.all(pending);
    // Let the last deliveries arrive.
    const expected = acked * R;
    for (let waited = 0; received.size < expected && waited < 10_000; waited += 100) await sleep(100);
    clearInterval(sampler);
    const rssUnderLoad = Math.max(...rssSamples);
    const duplicates = deliveries - received.size;
    const lost = expected - received.size;
    latencies.sort((a, b) => a - b);
    for (const socket of sockets) socket.close();
    await sleep(1000);

    // --- Phase 2: SOCKETS authenticated sockets on this one node.
    const manyStart = performance.now();
    const many = await connectMany(url, tokens, SOCKETS, 250);
    const manySeconds = (performance.now() - manyStart) / 1000;
    await sleep(2000);
    const rssMany = rssMiB(pid);
    for (const socket of many.sockets) socket.close();

    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      note: `the load generator, the API process and PostgreSQL share these ${cpus().length} cores`,
      settings: {
        clients: K,
        room: R,
        rooms,
        targetRate: RATE,
        seconds: SECONDS,
        bodyBytes: BODY_BYTES,
        sockets: SOCKETS,
        poolSize: Number(env.DATABASE_POOL_SIZE),
      },
      results: {
        persistedPerSecond: Math.round(acked / sendSeconds),
        deliveriesPerSecond: Math.round(received.size / sendSeconds),
        latencyMs: {
          p50: +percentile(latencies, 50).toFixed(1),
          p95: +percentile(latencies, 95).toFixed(1),
          p99: +percentile(latencies, 99).toFixed(1),
          max: +(latencies.at(-1) ?? NaN).toFixed(1),
        },
        persisted: acked,
        sendErrors: ackErrors,
        errorKinds: Object.fromEntries(errorKinds),
        expectedDeliveries: expected,
        lost,
        duplicated: duplicates,
        connectSecondsForClients: +connectSeconds.toFixed(1),
        apiRssMiB: { idle: rssIdle, underLoad: rssUnderLoad, withManySockets: rssMany },
        manySockets: { opened: many.sockets.length, failed: many.errors, seconds: +manySeconds.toFixed(1) },
      },
      profile: undefined as ReturnType<typeof summariseProfile> | undefined,
    };
    api.kill('SIGTERM');
    await new Promise((resolve) => api?.once('exit', resolve));
    api = undefined;
    if (PROFILE) result.profile = summariseProfile(profileDir);

    console.log(`\nMessaging benchmark — ${result.note}`);
    console.table({
      'persisted messages/s': { value: result.results.persistedPerSecond, target: `≥ ${Math.min(RATE, 1000)}` },
      'deliveries/s': { value: result.results.deliveriesPerSecond, target: `≥ ${Math.min(RATE, 1000) * R}` },
      'latency p50 (ms)': { value: result.results.latencyMs.p50, target: '' },
      'latency p95 (ms)': { value: result.results.latencyMs.p95, target: '' },
      'latency p99 (ms)': { value: result.results.latencyMs.p99, target: '≤ 100' },
      'send errors': { value: ackErrors, target: 0 },
      lost: { value: lost, target: 0 },
      duplicated: { value: duplicates, target: 0 },
      'API RSS idle (MiB)': { value: rssIdle, target: '' },
      'API RSS under load (MiB)': { value: rssUnderLoad, target: '' },
      [`API RSS with ${SOCKETS} sockets (MiB)`]: { value: rssMany, target: '' },
      [`sockets opened of ${SOCKETS}`]: { value: many.sockets.length, target: SOCKETS },
    });
    if (result.profile) {
      console.log('Where the API spent its CPU (self time), by package:');
      console.table(result.profile.byPackage);
      console.log('…and by function:');
      console.table(result.profile.byFunction);
    }
    mkdirSync(REPORTS, { recursive: true });
    writeFileSync(join(REPORTS, 'messaging.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to ${join('reports/bench', 'messaging.json')}`);
  } finally {
    api?.kill('SIGKILL');
    if (process.env.BENCH_KEEP !== '1') await dropDatabase(ADMIN_URL, database).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
