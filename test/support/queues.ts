import { Queues } from '@liaison/platform';
import type { RunningApp } from './test-app';
import { currentTestRun } from './test-env';

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
