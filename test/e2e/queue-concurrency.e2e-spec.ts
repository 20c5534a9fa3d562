import { loadConfig, Metrics, Queues, RedisConnections } from '@liaison/platform';
import type { QueueName } from '@liaison/platform';
import { currentTestRun, testEnvironment } from '../support/test-env';
import { eventually } from '../support/queues';

jest.setTimeout(60_000);

/**
 * A queue's own concurrency (`Queues.register({ concurrency })`) against real Redis: its jobs run that many at
 * once in one worker process, while a queue without one keeps WORKER_CONCURRENCY.
 */
describe('per-queue concurrency', () => {
  let redis: RedisConnections;
  let queues: Queues;
  const wide = 'test.wide' as QueueName;
  const narrow = 'test.narrow' as QueueName;
  /** Per queue: running now, the most at once, done. */
  const seen = new Map<string, { running: number; most: number; done: number }>();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));

  const processor = (name: string) => async () => {
    const state = seen.get(name) ?? { running: 0, most: 0, done: 0 };
    seen.set(name, state);
    state.running += 1;
    state.most = Math.max(state.most, state.running);
    await gate;
    state.running -= 1;
    state.done += 1;
  };

  beforeAll(() => {
    const config = loadConfig({
      ...testEnvironment(),
      REDIS_PREFIX: `${currentTestRun().redisPrefix}-concurrency${process.pid}`,
      WORKER_CONCURRENCY: '1',
      SWEEP_INTERVAL_MS: '60000',
    });
    redis = new RedisConnections(config);
    queues = new Queues(config, redis, new Metrics(config));
  });

  afterAll(async () => {
    release();
    await queues.beforeApplicationShutdown();
    await redis.onApplicationShutdown();
  });

  it('runs a queue registered with concurrency 4 four at a time, and the others at WORKER_CONCURRENCY', async () => {
    queues.register({ name: wide, process: processor(wide), concurrency: 4 });
    queues.register({ name: narrow, process: processor(narrow) });
    expect(queues.concurrencyOf(wide)).toBe(4);
    expect(queues.concurrencyOf(narrow)).toBe(1);
    await queues.startWorkers();
    for (let index = 0; index < 8; index += 1) {
      await queues.add(wide, `wide-${index}`, {} as never);
      await queues.add(narrow, `narrow-${index}`, {} as never);
    }
    await eventually(() => seen.get(wide)?.running === 4 && seen.get(narrow)?.running === 1, 10_000, 'jobs running');
    // Held a while: no fifth wide job, no second narrow one starts while these wait.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen.get(wide)).toMatchObject({ running: 4, most: 4 });
    expect(seen.get(narrow)).toMatchObject({ running: 1, most: 1 });
    release();
    await eventually(() => seen.get(wide)?.done === 8 && seen.get(narrow)?.done === 8, 10_000, 'every job done');
    expect(seen.get(wide)?.most).toBe(4);
    expect(seen.get(narrow)?.most).toBe(1);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() =>
      queues.register({ name: 'test.zero' as QueueName, process: async () => undefined, concurrency: 0 }),
    ).toThrow(/concurrency must be a positive integer/);
    expect(() =>
      queues.register({ name: 'test.half' as QueueName, process: async () => undefined, concurrency: 1.5 }),
    ).toThrow(/concurrency must be a positive integer/);
  });
});
