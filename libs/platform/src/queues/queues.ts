import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { RedisConnections } from '../redis/redis-connections';

/**
 * Every queue's typed payload, keyed by queue name. Each library adds its own by declaration merging:
 *
 *   declare module '@liaison/platform' { interface QueueJobMap { 'notifications.deliver': { deliveryId: string } } }
 *
 * Payloads carry ids, never content or secrets: Redis is not where data lives, and a processor re-reads
 * PostgreSQL when it runs.
 */
export interface QueueJobMap {
  /** The periodic sweep that re-creates, from PostgreSQL, jobs Redis lost. */
  'platform.sweep': Record<string, never>;
  /** Anchors the audit chain: a keyed checkpoint of its newest hash. */
  'platform.audit-checkpoint': Record<string, never>;
}

export type QueueName = keyof QueueJobMap & string;

/** A job PostgreSQL says should exist: the sweep adds it unless Redis holds it already. */
export interface ExpectedJob<N extends QueueName> {
  id: string;
  payload: QueueJobMap[N];
  /** When it is due; omitted or past means now. */
  runAt?: Date;
}

export interface QueueDefinition<N extends QueueName> {
  name: N;
  /**
   * Runs in a worker process only. Throwing retries the job with exponential backoff, up to
   * QUEUE_ATTEMPTS; then it is kept as failed for an admin to retry. It may run more than once (a worker
   * may die mid-job), so it claims its effect in PostgreSQL before acting.
   */
  process(payload: QueueJobMap[N], job: { id: string; attempt: number }): Promise<void>;
  /** What should be queued according to PostgreSQL; run by every sweep. */
  expected?(): Promise<ExpectedJob<N>[]>;
  /** Runs on its own every this many ms, once across all workers (a repeatable job; the payload is empty). */
  every?: number;
  /**
   * Jobs of this queue each worker process runs at once; WORKER_CONCURRENCY when omitted. For a queue whose
   * jobs fall due together (meeting reminders on whole minutes). Every job running holds a database
   * connection while it is in a transaction: keep DATABASE_POOL_SIZE above the widest queue's.
   */
  concurrency?: number;
}

export interface FailedJob {
  queue: string;
  id: string;
  payload: unknown;
  reason: string;
  attempts: number;
  failedAt: string | null;
}

const SWEEP: QueueName = 'platform.sweep';

/**
 * A deterministic job id from its parts, e.g. jobId('deliver', deliveryId). The same work always gets the
 * same id, so adding it twice (a retry, the sweep, two nodes) queues it once. BullMQ refuses `:` in custom
 * ids, so parts are joined with `-` and may hold only letters, digits, `-`, `_` and `.`.
 */
export function jobId(...parts: string[]): string {
  for (const part of parts) {
    if (!/^[A-Za-z0-9_.-]+$/.test(part)) throw new Error(`job id part "${part}" must be letters, digits, -, _ or .`);
  }
  return parts.join('-');
}

/**
 * The queue registry and producer. Libraries register their queues (payload type, processor, expected
 * jobs) at module init; the API only adds jobs; the worker process calls `startWorkers()` to run them and
 * the sweep. The platform knows no library's queue.
 */
@Injectable()
export class Queues implements BeforeApplicationShutdown {
  private readonly logger = new Logger(Queues.name);
  private readonly definitions = new Map<string, QueueDefinition<QueueName>>();
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private watchdog?: NodeJS.Timeout;
  private readonly prefix: string;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnections,
    private readonly metrics: Metrics,
  ) {
    // One hash tag for every queue key, so a Redis Cluster keeps each queue's keys in one slot.
    this.prefix = `${config.REDIS_PREFIX}:{queues}`;
    this.register({ name: SWEEP, process: () => this.sweep().then(() => undefined) });
    metrics.gauge('liaison_queue_jobs', 'Jobs per queue and state, shared by every process', () => this.depths(), [
      'queue',
      'state',
    ]);
  }

  /** Every registered queue's job counts, read from Redis when the metrics are scraped. */
  private async depths(): Promise<[Record<string, string>, number][]> {
    const states = ['waiting', 'active', 'delayed', 'failed'] as const;
    const rows: [Record<string, string>, number][] = [];
    for (const name of this.definitions.keys()) {
      const counts = await this.queue(name).getJobCounts(...states);
      for (const state of states) rows.push([{ queue: name, state }, counts[state] ?? 0]);
    }
    return rows;
  }

  register<N extends QueueName>(definition: QueueDefinition<N>): void {
    if (this.definitions.has(definition.name)) throw new Error(`queue ${definition.name} is registered twice`);
    const { concurrency } = definition;
    if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1))
      throw new Error(`queue ${definition.name}: concurrency must be a positive integer`);
    this.definitions.set(definition.name, definition as unknown as QueueDefinition<QueueName>);
  }

  get names(): string[] {
    return [...this.definitions.keys()];
  }

  private queue(name: string): Queue {
    if (!this.definitions.has(name)) throw new Error(`unknown queue ${name}`);
    let queue = this.queues.get(name);
    if (!queue) {
      // Fails fast while Redis is away: the caller logs, and the sweep re-creates the job from PostgreSQL.
      queue = new Queue(name, {
        connection: this.redis.create(`queue-${name}`, { keyPrefix: false, failFast: true }),
        prefix: this.prefix,
        defaultJobOptions: {
          attempts: this.config.QUEUE_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.QUEUE_BACKOFF_MS },
          removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      });
      queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Queues a job unless one with the same id exists (waiting, running, done or failed). */
  async add<N extends QueueName>(
    name: N,
    id: string,
    payload: QueueJobMap[N],
    options: { runAt?: Date } = {},
  ): Promise<void> {
    const delay = options.runAt ? Math.max(0, options.runAt.getTime() - Date.now()) : 0;
    await this.queue(name).add(name, payload, { jobId: id, delay });
  }

  /** Adds every expected job that Redis does not hold. Returns how many it added. */
  async sweep(): Promise<number> {
    let added = 0;
    for (const definition of this.definitions.values()) {
      if (!definition.expected) continue;
      const queue = this.queue(definition.name);
      for (const job of await definition.expected()) {
        if (await queue.getJob(job.id)) continue;
        await this.add(definition.name, job.id, job.payload, { runAt: job.runAt });
        added += 1;
      }
    }
    if (added > 0) this.logger.log(`sweep re-created ${added} job(s)`);
    return added;
  }

  /**
   * Runs every registered queue's processor in this process, and the sweep: once now, then on a
   * repeatable schedule. The schedule lives in Redis, so it is re-asserted on every interval too: an
   * emptied Redis gets it back.
   */
  async startWorkers(): Promise<void> {
    for (const [name, definition] of this.definitions) {
      const worker = new Worker(
        name,
        async (job: Job) => {
          // Lateness of first attempts only: a retry's backoff is a wait on purpose.
          if (job.attemptsMade === 0)
            this.metrics.jobLateness.observe(
              { queue: name },
              Math.max(0, Date.now() - job.timestamp - (job.delay ?? 0)) / 1000,
            );
          return definition.process(job.data as never, { id: String(job.id), attempt: job.attemptsMade + 1 });
        },
        {
          connection: this.redis.create(`worker-${name}`, { keyPrefix: false }),
          prefix: this.prefix,
          concurrency: this.concurrencyOf(name),
          lockDuration: this.config.QUEUE_LOCK_MS,
          stalledInterval: this.config.QUEUE_LOCK_MS,
        },
      );
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `job ${name}/${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
        ),
      );
      worker.on('error', (error) => this.logger.warn(`worker ${name}: ${error.message}`));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    await this.sweep().catch((error: Error) => this.logger.warn(`first sweep failed: ${error.message}`));
    await this.schedule();
    this.watchdog = setInterval(() => void this.schedule(), this.config.SWEEP_INTERVAL_MS);
  }

  /** Jobs of queue `name` a worker process runs at once: 1 for the sweep, else its own or WORKER_CONCURRENCY. */
  concurrencyOf(name: string): number {
    if (name === SWEEP) return 1;
    return this.definitions.get(name)?.concurrency ?? this.config.WORKER_CONCURRENCY;
  }

  /** The sweep and every queue with `every`: their schedules live in Redis, so they are re-asserted. */
  private async schedule(): Promise<void> {
    const schedules: [string, string, number][] = [['sweep', SWEEP, this.config.SWEEP_INTERVAL_MS]];
    for (const [name, definition] of this.definitions)
      if (definition.every !== undefined) schedules.push([name, name, definition.every]);
    for (const [id, name, every] of schedules) {
      try {
        await this.queue(name).upsertJobScheduler(id, { every }, { name, data: {} });
      } catch (error) {
        this.logger.warn(`cannot schedule ${name}: ${(error as Error).message}`);
      }
    }
  }

  /** Failed jobs of every queue, newest first, for admins. */
  async failed(limit = 100): Promise<FailedJob[]> {
    const jobs: FailedJob[] = [];
    for (const name of this.definitions.keys()) {
      for (const job of await this.queue(name).getFailed(0, limit - 1)) {
        jobs.push({
          queue: name,
          id: String(job.id),
          payload: job.data,
          reason: job.failedReason ?? '',
          attempts: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        });
      }
    }
    return jobs.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '')).slice(0, limit);
  }

  /** Runs a failed job again with a fresh set of attempts. False if no such failed job exists. */
  async retry(name: string, id: string): Promise<boolean> {
    if (!this.definitions.has(name)) return false;
    const job = await this.queue(name).getJob(id);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed', { resetAttemptsMade: true });
    return true;
  }

  /** Workers finish the jobs they hold (a normal restart repeats nothing), then every queue closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.watchdog);
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
