/**
 * `npm run bench:messaging` (or `npm run bench`): the whole message path under load, on this machine's real
 * PostgreSQL and Redis, beside the machine's own realtime limit measured by the same generator in the same
 * invocation. It is run by hand; `npm test` never runs it.
 *
 * Users in private threads of BENCH_ROOM participants (BENCH_OFFLINE of them per thread without a socket);
 * BENCH_GENERATORS load-generator processes (generator.ts) hold whole threads each. Against each system (a
 * bare socket.io server, then Liaison's built API as its own process) it runs steps of offered rate
 * (BENCH_RATES, messages/s, one sender per thread, 30–60-word messages in English, French or Arabic, one in
 * ten with a mention), each a warm-up (BENCH_WARMUP s, not counted) then BENCH_SECONDS s measured; then the
 * busy-thread scenario (one thread, BENCH_BUSY_SENDERS senders, BENCH_BUSY_RATE messages/s). Latency runs
 * from each send's intended time to each delivery (HDR histograms, failed and retried sends included).
 * After each system, every thread's seq must be 1..n with no gap or duplicate in PostgreSQL and at every
 * socket, in order. The API's own metrics endpoint gives the server-side view of each step.
 *
 * Prints a table and writes reports/bench/messaging.json. Settings (environment): see SETTINGS below.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { build, decodeFromCompressedBase64, Histogram } from 'hdr-histogram-js';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuthUser, SessionsService, TOTP_SECRET_CONTEXT } from '@liaison/identity';
import { ThreadsService } from '@liaison/messaging';
import { dropDatabase, Keyring, runMigrations, setupDatabase, withDatabase } from '@liaison/platform';
import { ADMIN_URL, freePort, REPORTS, ROOT, sleep } from './bench-setup';
import { WorkerModule } from '../../apps/api/src/worker.module';
// (Not ../support/entities: bench:messaging compiles test/load and libs only.)
import { User } from '../../libs/identity/src/users/user.entity';
import type { FromGenerator, RoomPlan, Scenario, SocketReport, StepReport, ToGenerator } from './protocol';
import { deltaBetween, meanBetween, quantileBetween, Scrape, scrape } from './prometheus';

const HELP = `npm run bench:messaging [-- --help]

The whole message path under load (see the comment at the top of test/load/messaging.bench.ts and
docs/performance.md). Settings are environment variables:

  BENCH_CLIENTS=1000        participants in all (BENCH_CLIENTS / BENCH_ROOM threads)
  BENCH_ROOM=10             participants per thread
  BENCH_OFFLINE=1           participants per thread without a socket (the notices path has work)
  BENCH_RATES=250,500,1000,2000
                            the rate sweep: offered messages/s (all senders together), one step each
  BENCH_SECONDS=60          measured seconds per step
  BENCH_WARMUP=10           warm-up seconds per step, not counted
  BENCH_GENERATORS=2        load-generator processes (at least 2)
  BENCH_BUSY_RATE=200       the busy-thread scenario: messages/s into one thread (0: not run)
  BENCH_BUSY_SENDERS=5      its senders (spread over the nodes with BENCH_NODES > 1)
  BENCH_NODES=1             API processes, all behind the Redis adapter on this machine: each thread's
                            member i connects to node i mod N, so senders and readers are spread and
                            every delivery to another node crosses Redis (scale-out, item 3)
  BENCH_TARGETS=bare,liaison
                            the systems measured, in order
  BENCH_P99_MS=100          the p99 send→receive bound a step must meet
  BENCH_STOP_MS=2000        past this p99, a system's higher rates are not run
  BENCH_WORDS=30-60         words per message, min-max
  BENCH_POOL_SIZE=20        each API node's DATABASE_POOL_SIZE
  BENCH_PROFILE=1           profile the API nodes' CPU (--cpu-prof) and print where the time went
  BENCH_KEEP=1              keep the bench database
  BENCH_DATABASE_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres

The table gives, per step, the API's CPU (all nodes) and its CPU milliseconds per stored message.
Examples:
  BENCH_CLIENTS=200 BENCH_RATES=100,250 BENCH_SECONDS=10 BENCH_WARMUP=3 npm run bench:messaging   # smoke
  BENCH_TARGETS=liaison BENCH_RATES=500,1000,1500,2000 npm run bench:messaging                 # sweep
  BENCH_NODES=2 BENCH_TARGETS=liaison BENCH_RATES=1000,2000 npm run bench:messaging            # two nodes
`;
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}

const int = (name: string, fallback: number, min = 1) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return value;
};
const SETTINGS = {
  clients: int('BENCH_CLIENTS', 1000),
  room: int('BENCH_ROOM', 10, 2),
  offlinePerRoom: int('BENCH_OFFLINE', 1, 0),
  rates: (process.env.BENCH_RATES ?? '250,500,1000,2000').split(',').map((rate) => {
    const value = Number(rate);
    if (!Number.isInteger(value) || value <= 0) throw new Error('BENCH_RATES must list positive integers');
    return value;
  }),
  measureSeconds: int('BENCH_SECONDS', 60),
  warmupSeconds: int('BENCH_WARMUP', 10, 0),
  generators: int('BENCH_GENERATORS', 2, 2),
  busyRate: int('BENCH_BUSY_RATE', 200, 0),
  busySenders: int('BENCH_BUSY_SENDERS', 5),
  nodes: int('BENCH_NODES', 1),
  targets: (process.env.BENCH_TARGETS ?? 'bare,liaison').split(',') as Target[],
  /** The bound a step must meet, and past which higher steps of that system are not run. */
  p99BoundMs: int('BENCH_P99_MS', 100),
  stopAboveMs: int('BENCH_STOP_MS', 2000),
  poolSize: int('BENCH_POOL_SIZE', 20),
  /** Words per message, min–max: fewer words, fewer search tokens (to see what they cost). */
  words: (process.env.BENCH_WORDS ?? '30-60').split('-').map(Number) as [number, number],
};
if (
  SETTINGS.words.length !== 2 ||
  !SETTINGS.words.every((count) => Number.isInteger(count) && count > 0) ||
  SETTINGS.words[0] > SETTINGS.words[1]
)
  throw new Error('BENCH_WORDS must look like 30-60');
type Target = 'bare' | 'liaison';
/** A generator whose own event loop lags more than this makes its run invalid: it could not send on time. */
const GENERATOR_LOOP_P99_LIMIT_MS = 10;
const PROFILE = process.env.BENCH_PROFILE === '1';

function rssMiB(pid: number): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return NaN; // the process is gone (the run reports it)
  }
  const line = status.split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : NaN;
}

/** The next message of `type` from a child process. */
function next<T extends FromGenerator['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromGenerator, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromGenerator) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<FromGenerator, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`a generator exited (${code}) while waiting for ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const ms = (value: number) => (Number.isFinite(value) ? +value.toFixed(1) : value);

interface Row {
  system: Target;
  scenario: Scenario;
  offeredRate: number;
  achievedRate: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  ackP99Ms: number;
  offered: number;
  failed: number;
  retries: number;
  errorKinds: Record<string, number>;
  lost: number;
  generators: { cpuPercent: number; loopDelayP99Ms: number; loopDelayMaxMs: number }[];
  valid: boolean;
  meetsBound: boolean;
  server?: {
    /** CPU milliseconds the API nodes spent per stored message in the window. */
    cpuMsPerMessage: number;
    sendP99Ms: number;
    meanBatch: number;
    loopDelayP99Ms: number;
    cpuPercent: number;
    poolWaitingAtEnd: number;
  };
  machineLoad: number;
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

/** Merges the generators' step reports into one row of the table. */
function combine(system: Target, scenario: Scenario, offeredRate: number, reports: StepReport[]): Row {
  const histogram = (): Histogram =>
    build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000, numberOfSignificantValueDigits: 3 });
  const delivery = histogram();
  const ack = histogram();
  for (const report of reports) {
    delivery.add(decodeFromCompressedBase64(report.delivery));
    ack.add(decodeFromCompressedBase64(report.ack));
  }
  const sum = (pick: (report: StepReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  const seconds = SETTINGS.measureSeconds;
  const errorKinds: Record<string, number> = {};
  for (const report of reports)
    for (const [kind, count] of Object.entries(report.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + count;
  const generators = reports.map(({ cpuPercent, loopDelayP99Ms, loopDelayMaxMs }) => ({
    cpuPercent,
    loopDelayP99Ms,
    loopDelayMaxMs,
  }));
  const valid = generators.every((generator) => generator.loopDelayP99Ms <= GENERATOR_LOOP_P99_LIMIT_MS);
  const empty = delivery.totalCount === 0;
  const row: Row = {
    system,
    scenario,
    offeredRate,
    achievedRate: Math.round(sum((report) => report.ackedInWindow) / seconds),
    deliveriesPerSecond: Math.round(sum((report) => report.receivedInWindow) / seconds),
    latencyMs: {
      p50: empty ? NaN : delivery.getValueAtPercentile(50),
      p95: empty ? NaN : delivery.getValueAtPercentile(95),
      p99: empty ? NaN : delivery.getValueAtPercentile(99),
      max: empty ? NaN : delivery.maxValue,
    },
    ackP99Ms: ack.totalCount === 0 ? NaN : ack.getValueAtPercentile(99),
    offered: sum((report) => report.offered),
    failed: sum((report) => report.failed),
    retries: sum((report) => report.retries),
    errorKinds,
    lost: sum((report) => report.lost),
    generators,
    valid,
    meetsBound: false,
    machineLoad: +loadavg()[0].toFixed(2),
  };
  row.meetsBound =
    valid &&
    !empty &&
    row.latencyMs.p99 <= SETTINGS.p99BoundMs &&
    row.failed === 0 &&
    row.lost === 0 &&
    row.achievedRate >= 0.95 * offeredRate;
  return row;
}

async function main(): Promise<void> {
  const id = `${Date.now().toString(36)}_${process.pid}`;
  const database = `liaison_bench_${id}`;
  const urls = {
    app: withDatabase('postgres://liaison_app@127.0.0.1:5432/liaison', database),
    owner: withDatabase('postgres://liaison_owner@127.0.0.1:5432/liaison', database),
  };
  const { clients: K, room: R } = SETTINGS;
  const rooms = Math.floor(K / R);
  if (rooms < SETTINGS.generators) throw new Error('BENCH_CLIENTS / BENCH_ROOM must give each generator a thread');
  if (SETTINGS.offlinePerRoom >= R) throw new Error('BENCH_OFFLINE must leave someone online in each thread');
  const [port, metricsPort, barePort] = [await freePort(), await freePort(), await freePort()];
  const nodePorts = [{ port, metricsPort }];
  for (let node = 1; node < SETTINGS.nodes; node += 1)
    nodePorts.push({ port: await freePort(), metricsPort: await freePort() });
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
    CORS_ORIGINS: nodePorts.map((node) => `http://127.0.0.1:${node.port}`).join(','),
    DATABASE_URL: urls.app,
    DATABASE_POOL_SIZE: String(SETTINGS.poolSize),
    REDIS_PREFIX: `liaison-bench-${id.replace('_', '-')}`,
    LOG_LEVEL: 'warn',
    ACCESS_TOKEN_TTL_SECONDS: '900',
    // The per-person send limit is raised for the run so that it does not shape the load (the busy thread's
    // senders each send far more than a person would).
    MESSAGE_RATE_PER_SECOND: '10000',
    MESSAGE_RATE_BURST: '20000',
    METRICS_PORT: String(metricsPort),
    // No worker runs: the offline readers' notices are queued, not e-mailed.
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '9',
  };
  console.log(
    `bench database ${database}; API on port(s) ${nodePorts.map((node) => `${node.port} (metrics ${node.metricsPort})`).join(', ')}; bare server ${barePort}`,
  );
  await setupDatabase(ADMIN_URL, urls);
  await runMigrations(urls.owner);
  const children: ChildProcess[] = [];
  let apis: ChildProcess[] = [];
  try {
    // --- Setup, in-process: users, sessions (access tokens), private threads of R participants.
    Object.assign(process.env, env, { METRICS_PORT: '0' });
    const context = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    const plans: RoomPlan[] = [];
    try {
      const keyring = context.get(Keyring);
      const users = context.get(DataSource).getRepository(User);
      const created: User[] = [];
      for (let start = 0; start < rooms * R; start += 500) {
        const chunk = Array.from({ length: Math.min(500, rooms * R - start) }, (_, index) =>
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
      const tokens: string[] = [];
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
        plans.push({
          threadId: thread.id,
          members: members.map((index, position) => ({
            userId: created[index].id,
            token: tokens[index],
            online: position < R - SETTINGS.offlinePerRoom,
          })),
          // Thread 0 is the busy one: several of its online members send into it.
          busySenders:
            room === 0
              ? Array.from({ length: Math.min(SETTINGS.busySenders, R - SETTINGS.offlinePerRoom) }, (_, index) => index)
              : [],
        });
      }
    } finally {
      await context.close();
    }
    console.log(
      `set up ${rooms * R} users and sessions, ${rooms} threads of ${R} (${SETTINGS.offlinePerRoom} offline each)`,
    );

    // --- The systems under test, each its own process.
    const bare = fork(join(__dirname, 'bare-server.js'), [String(barePort)], { stdio: 'inherit' });
    children.push(bare);
    await new Promise((resolve) => bare.once('message', resolve));
    const profileDir = join(REPORTS, `profile-${id}`);
    if (PROFILE) mkdirSync(profileDir, { recursive: true });
    apis = nodePorts.map((node) =>
      spawn(
        process.execPath,
        [
          ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
          join(ROOT, 'dist/api/apps/api/src/main.js'),
        ],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            ...env,
            PORT: String(node.port),
            PUBLIC_ORIGIN: `http://127.0.0.1:${node.port}`,
            METRICS_PORT: String(node.metricsPort),
          },
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      ),
    );
    for (const child of apis)
      child.once('exit', (code, signal) => {
        if (apis.includes(child)) console.error(`an API node exited (${signal ?? code}) during the run`);
      });
    const apiUrls = nodePorts.map((node) => `http://127.0.0.1:${node.port}`);
    for (const apiUrl of apiUrls)
      for (let attempt = 0; ; attempt += 1) {
        const ready = await fetch(`${apiUrl}/health/ready`).then(
          (response) => response.ok,
          () => false,
        );
        if (ready) break;
        if (attempt > 600) throw new Error(`the API at ${apiUrl} did not become ready`);
        await sleep(200);
      }
    const apiPids = apis.map((child) => child.pid as number);
    const rssAll = () => apiPids.reduce((total, pid) => total + rssMiB(pid), 0);
    const rssIdle = rssAll();
    let rssPeak = rssIdle;
    const rssSampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssAll())), 1000);
    const metricsUrls = nodePorts.map((node) => `http://127.0.0.1:${node.metricsPort}/metrics`);

    // --- The generators: whole threads each, thread i to generator i mod G.
    const generators = Array.from({ length: SETTINGS.generators }, () =>
      fork(join(__dirname, 'generator.js'), [], { stdio: 'inherit' }),
    );
    children.push(...generators);
    const share = (index: number) => plans.filter((_, room) => room % SETTINGS.generators === index);
    const tell = (child: ChildProcess, command: ToGenerator) => child.send(command);

    const rows: Row[] = [];
    const seqChecks: Record<string, unknown> = {};
    for (const system of SETTINGS.targets) {
      const urls = system === 'bare' ? [`http://127.0.0.1:${barePort}`] : apiUrls;
      const connected = generators.map((child) => next(child, 'connected'));
      generators.forEach((child, index) =>
        tell(child, { type: 'connect', urls, rooms: share(index), words: SETTINGS.words }),
      );
      const connections = await Promise.all(connected);
      const connectErrors = connections.reduce((total, report) => total + report.errors, 0);
      if (connectErrors > 0) throw new Error(`${connectErrors} sockets failed to connect or sync to ${system}`);
      console.log(`\n${system}: ${connections.reduce((total, report) => total + report.sockets, 0)} sockets open`);

      const runStep = async (scenario: Scenario, rate: number): Promise<Row> => {
        const startAt = Date.now() + 1000;
        const measureFrom = startAt + SETTINGS.warmupSeconds * 1000;
        const reports = generators.map((child) => next(child, 'step'));
        const busyOwner = 0;
        generators.forEach((child, index) =>
          tell(child, {
            type: 'step',
            scenario,
            rate: scenario === 'busy' ? (index === busyOwner ? rate : 0) : rate / SETTINGS.generators,
            startAt,
            warmupMs: SETTINGS.warmupSeconds * 1000,
            measureMs: SETTINGS.measureSeconds * 1000,
          }),
        );
        let befores: Scrape[] = [];
        let afters: Scrape[] = [];
        if (system === 'liaison') {
          await sleep(Math.max(0, measureFrom - Date.now()));
          befores = await Promise.all(metricsUrls.map((url) => scrape(url)));
          await sleep(Math.max(0, measureFrom + SETTINGS.measureSeconds * 1000 - Date.now()));
          afters = await Promise.all(metricsUrls.map((url) => scrape(url)));
        }
        const row = combine(system, scenario, rate, await Promise.all(reports));
        // Send time, batch size and loop delay are node 1's; CPU and messages are summed over the nodes.
        const [before, after] = [befores[0], afters[0]];
        const summed = (metric: string) =>
          befores.reduce((total, scraped, node) => total + deltaBetween(scraped, afters[node], metric), 0);
        if (before && after)
          row.server = {
            cpuMsPerMessage: ms(
              (1000 * summed('process_cpu_seconds_total')) / Math.max(1, summed('liaison_messages_sent_total')),
            ),
            sendP99Ms: quantileBetween(before, after, 'liaison_message_send_duration_seconds', 0.99) * 1000,
            meanBatch: ms(meanBetween(before, after, 'liaison_message_send_batch_size')),
            // prom-client samples the loop every 10 ms and counts that interval in: it is taken off.
            loopDelayP99Ms: ms(Math.max(0, (after.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000 - 10)),
            cpuPercent: Math.round((100 * summed('process_cpu_seconds_total')) / SETTINGS.measureSeconds),
            poolWaitingAtEnd: after.get('liaison_db_pool_waiting') ?? NaN,
          };
        const l = row.latencyMs;
        console.log(
          `${system} ${scenario} ${rate}/s: achieved ${row.achievedRate}/s, p50/p99/max ${l.p50}/${l.p99}/${l.max} ms, ` +
            `failed ${row.failed}, lost ${row.lost}${row.valid ? '' : ' (INVALID: generator lagged)'}`,
        );
        rows.push(row);
        return row;
      };

      for (const rate of SETTINGS.rates) {
        const row = await runStep('rooms', rate);
        if (!(row.latencyMs.p99 <= SETTINGS.stopAboveMs)) {
          console.log(`${system}: p99 above ${SETTINGS.stopAboveMs} ms, higher rates not run`);
          break;
        }
      }
      if (SETTINGS.busyRate > 0) await runStep('busy', SETTINGS.busyRate);

      const finished = generators.map((child) => next(child, 'finished'));
      generators.forEach((child) => tell(child, { type: 'finish' }));
      const ends = await Promise.all(finished);
      const sockets = ends.flatMap((end) => end.sockets);
      seqChecks[system] = {
        ...(await checkSeqs(system, plans, sockets, bare, withDatabase(ADMIN_URL, database))),
        socketsDroppedByServer: ends.reduce((total, end) => total + end.dropped, 0),
      };
      console.log(`${system} seq check:`, JSON.stringify(seqChecks[system]));
    }
    clearInterval(rssSampler);
    const stopping = apis;
    apis = [];
    await Promise.all(
      stopping.map((child) => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        return exited;
      }),
    );
    const profile = PROFILE ? summariseProfile(profileDir) : undefined;
    report(rows, seqChecks, { idle: rssIdle, peak: rssPeak }, profile);
  } finally {
    for (const child of apis) child.kill('SIGKILL');
    for (const child of children) child.kill('SIGKILL');
    if (process.env.BENCH_KEEP !== '1') await dropDatabase(ADMIN_URL, database).catch(() => undefined);
  }
}

/**
 * Every thread's seq is 1..n with no gap or duplicate — in PostgreSQL for Liaison, in the bare server's
 * counters for it — and every socket saw exactly 1..n of its thread, in order.
 */
async function checkSeqs(
  system: Target,
  plans: RoomPlan[],
  sockets: SocketReport[],
  bare: ChildProcess,
  superuserUrl: string,
): Promise<{
  ok: boolean;
  threads: number;
  messages: number;
  badThreads: number;
  badSockets: number;
  examples: (SocketReport & { stored: number })[];
}> {
  const counts = new Map<string, number>();
  let badThreads = 0;
  if (system === 'liaison') {
    const client = new Client({ connectionString: superuserUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{
        id: string;
        last_seq: string;
        n: string;
        d: string;
        lo: string;
        hi: string;
      }>(
        `SELECT t.id, t.last_seq, count(m.id) AS n, count(DISTINCT m.seq) AS d,
                coalesce(min(m.seq), 0) AS lo, coalesce(max(m.seq), 0) AS hi
           FROM threads t LEFT JOIN messages m ON m.thread_id = t.id
          WHERE t.id = ANY($1) GROUP BY t.id`,
        [plans.map((plan) => plan.threadId)],
      );
      for (const row of rows) {
        const n = Number(row.n);
        counts.set(row.id, n);
        const whole =
          Number(row.d) === n &&
          Number(row.last_seq) === n &&
          (n === 0 || (Number(row.lo) === 1 && Number(row.hi) === n));
        if (!whole) badThreads += 1;
      }
    } finally {
      await client.end();
    }
  } else {
    const answer = new Promise<{ seqs: Record<string, number> }>((resolve) =>
      bare.once('message', (message) => resolve(message as { seqs: Record<string, number> })),
    );
    bare.send({ type: 'seqs' });
    for (const [threadId, n] of Object.entries((await answer).seqs)) counts.set(threadId, n);
  }
  const bad = sockets
    .filter((socket) => {
      const n = counts.get(socket.threadId) ?? 0;
      return socket.duplicates > 0 || socket.outOfOrder > 0 || socket.distinct !== n || socket.highest !== n;
    })
    .map((socket) => ({ ...socket, stored: counts.get(socket.threadId) ?? 0 }));
  const messages = [...counts.values()].reduce((total, n) => total + n, 0);
  return {
    ok: badThreads === 0 && bad.length === 0,
    threads: plans.length,
    messages,
    badThreads,
    badSockets: bad.length,
    // What went wrong, for the first few: what each socket received against the thread's n.
    examples: bad.slice(0, 5),
  };
}

function report(
  rows: Row[],
  seqChecks: Record<string, unknown>,
  apiRssMiB: { idle: number; peak: number },
  profile: ReturnType<typeof summariseProfile> | undefined,
): void {
  const best = (system: Target) =>
    Math.max(
      0,
      ...rows
        .filter((row) => row.system === system && row.scenario === 'rooms' && row.meetsBound)
        .map((row) => row.offeredRate),
    );
  const bareBest = best('bare');
  const liaisonBest = best('liaison');
  const bareTopped = bareBest > 0 && bareBest === Math.max(...SETTINGS.rates);
  const summary = {
    boundMs: SETTINGS.p99BoundMs,
    bareLimit: bareTopped ? `≥ ${bareBest}` : bareBest,
    liaisonBest,
    liaisonShareOfLimit:
      bareBest > 0 ? `${Math.round((100 * liaisonBest) / bareBest)}%${bareTopped ? ' (at most)' : ''}` : 'n/a',
    valid: rows.every((row) => row.valid),
  };
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadBeforeRun: loadAtStart,
  };
  console.log(
    `\nMessaging benchmark — ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
      `the generators (${SETTINGS.generators} processes), the system under test (${SETTINGS.nodes} API node${SETTINGS.nodes > 1 ? 's' : ''}) and PostgreSQL share these cores. ` +
      `${SETTINGS.warmupSeconds} s warm-up + ${SETTINGS.measureSeconds} s measured per step; latency from each send's intended time.`,
  );
  console.table(
    rows.map((row) => ({
      system: row.system === 'bare' ? 'bare socket.io' : 'Liaison',
      scenario: row.scenario === 'busy' ? `busy thread (${SETTINGS.busySenders} senders)` : `rooms of ${SETTINGS.room}`,
      'offered/s': row.offeredRate,
      'achieved/s': row.achievedRate,
      'deliveries/s': row.deliveriesPerSecond,
      'p50 ms': row.latencyMs.p50,
      'p99 ms': row.latencyMs.p99,
      'max ms': row.latencyMs.max,
      'ack p99 ms': row.ackP99Ms,
      'failed/retried': `${row.failed}/${row.retries}`,
      lost: row.lost,
      'gen CPU %': row.generators.map((generator) => generator.cpuPercent).join('+'),
      'gen loop p99 ms': Math.max(...row.generators.map((generator) => generator.loopDelayP99Ms)),
      'server send p99 ms': row.server ? `≤ ${row.server.sendP99Ms}` : '',
      batch: row.server?.meanBatch ?? '',
      'API loop p99 ms': row.server?.loopDelayP99Ms ?? '',
      'API CPU %': row.server?.cpuPercent ?? '',
      'API CPU ms/msg': row.server?.cpuMsPerMessage ?? '',
      verdict: !row.valid ? 'INVALID' : row.meetsBound ? `p99 ≤ ${SETTINGS.p99BoundMs}` : 'misses',
    })),
  );
  console.log(
    `Highest offered rate meeting p99 ≤ ${SETTINGS.p99BoundMs} ms (no failure, no loss, ≥ 95 % achieved): ` +
      `bare socket.io ${summary.bareLimit}, Liaison ${liaisonBest} (${summary.liaisonShareOfLimit} of the machine's realtime limit)` +
      (summary.valid
        ? ''
        : ". Some rows are INVALID: a generator's event loop lagged over 10 ms (p99), so the machine could not drive the load honestly."),
  );
  console.log('seq check (PostgreSQL and every socket):', JSON.stringify(seqChecks));
  if (profile) {
    console.log('Where the API spent its CPU (self time), by package:');
    console.table(profile.byPackage);
    console.log('…and by function:');
    console.table(profile.byFunction);
  }
  mkdirSync(REPORTS, { recursive: true });
  const result = {
    date: new Date().toISOString(),
    machine,
    settings: SETTINGS,
    summary,
    rows,
    seqChecks,
    apiRssMiB,
    profile,
  };
  writeFileSync(join(REPORTS, 'messaging.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${join('reports/bench', 'messaging.json')}`);
}

const loadAtStart = loadavg().map((value) => +value.toFixed(2));

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
