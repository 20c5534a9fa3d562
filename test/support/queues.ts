import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Queues } from '@liaison/platform';
import { startBuilt } from './cli';
import { closedPort } from './net';
import type { RunningApp } from './test-app';
import { currentTestRun, testEnvironment } from './test-env';

let prefixes = 0;

/**
 * Settings for an app (or worker process) whose jobs are its own: a Redis prefix no other suite's workers
 * read, e-mail to `smtpPort`, and short retry, lock and sweep intervals so the tests need not wait.
 */
export function queueEnv(smtpPort: number, extra: Record<string, string> = {}): Record<string, string> {
  prefixes += 1;
  return {
    REDIS_PREFIX: `${currentTestRun().redisPrefix}-q${process.pid}-${prefixes}`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    QUEUE_BACKOFF_MS: '200',
    QUEUE_LOCK_MS: '1000',
    SWEEP_INTERVAL_MS: '500',
    ...extra,
  };
}

/** Runs the queue workers inside a test app, as the worker process would. */
export async function withWorkers(app: RunningApp): Promise<RunningApp> {
  await app.app.get(Queues).startWorkers();
  return app;
}

/** Polls `check` until it returns something other than undefined/false, or fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A redis-server of the suite's own, on a free port: to empty, kill or restart without touching the shared
 * one. `client` (reconnecting every 50 ms) is closed by `stop`.
 */
export class PrivateRedis {
  private server: ChildProcess | undefined;
  readonly client: Redis;

  private constructor(private readonly port: number) {
    this.client = new Redis(this.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await closedPort());
    await redis.restart();
    return redis;
  }

  /** (Re)starts the server on the same port; resolves once it answers. */
  async restart(): Promise<void> {
    this.server = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    // Commands wait in the client's queue until the server listens.
    await Promise.race([
      this.client.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('the private redis-server did not start')), 10_000)),
    ]);
  }

  /** Kills the server (SIGKILL: nothing is saved) and waits for its exit. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    server.kill('SIGKILL');
    await once(server, 'exit');
  }

  async stop(): Promise<void> {
    this.client.disconnect();
    await this.kill();
  }
}

export type WorkerProcess = ReturnType<typeof startBuilt>;

/**
 * The worker as it runs in production: the built worker.js, a separate process sharing PostgreSQL and Redis
 * with the API. `start` resolves once it is ready; `killLeft` (for `afterEach`) kills any still running.
 */
export function workerProcesses(env: () => Record<string, string>) {
  const started: WorkerProcess[] = [];
  return {
    async start(extra: Record<string, string> = {}): Promise<WorkerProcess> {
      const worker = startBuilt(
        'worker.js',
        { ...testEnvironment(), ...env(), LOG_LEVEL: 'info', ...extra },
        /worker ready/,
      );
      started.push(worker);
      await worker.started;
      return worker;
    },
    /** Stops a worker gracefully (SIGTERM) and waits for its exit. */
    async stop(worker: WorkerProcess): Promise<void> {
      worker.child.kill('SIGTERM');
      await worker.exited;
    },
    killLeft(): void {
      for (const worker of started.splice(0))
        if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    },
  };
}
