import { HttpStatus } from '@nestjs/common';
import { ProblemException, ProblemType } from '@liaison/platform';

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Batches in flight at once; a key always goes to the same lane, so its items stay in order. */
  lanes: number;
  /** Items committed together at most. */
  maxBatch: number;
  /** Items waiting (all lanes) past which a new one is refused at once with 503 and Retry-After. */
  maxWaiting: number;
}

/**
 * Group commit: items that arrive while a lane's batch commits wait, and go together into that lane's next
 * batch, so a busy node pays one transaction (one WAL flush) for many items, and a lone item is not delayed
 * (it starts at once when its lane is idle). Items of one key (a thread) share a lane and are flushed in
 * arrival order. Admission control: past `maxWaiting` waiting items the node is overloaded and says so
 * early (503 `/problems/overloaded`, retry after a second) rather than queueing past any useful latency.
 * `flush` answers each item of a batch (an array in the batch's order: a result or an Error).
 */
export class GroupCommit<T, R> {
  private readonly queues: Waiting<T, R>[][];
  private readonly busy: boolean[];
  private waiting = 0;

  constructor(
    private readonly options: GroupCommitOptions,
    private readonly flush: (items: T[]) => Promise<(R | Error)[]>,
  ) {
    this.queues = Array.from({ length: options.lanes }, () => []);
    this.busy = Array.from({ length: options.lanes }, () => false);
  }

  get pending(): number {
    return this.waiting;
  }

  submit(key: string, item: T): Promise<R> {
    if (this.waiting >= this.options.maxWaiting) return Promise.reject(overloaded());
    const lane = this.laneOf(key);
    return new Promise<R>((resolve, reject) => {
      this.queues[lane].push({ item, resolve, reject });
      this.waiting += 1;
      if (this.busy[lane]) return;
      // An idle lane starts after this turn of the event loop: what arrived in the same turn (several
      // sockets' events read together) goes into the same batch.
      this.busy[lane] = true;
      setImmediate(() => void this.run(lane));
    });
  }

  /** The lane of `key`: its items are committed one batch after another, in order. */
  laneOf(key: string): number {
    let hash = 0;
    for (let index = 0; index < key.length; index += 1) hash = (hash * 31 + key.charCodeAt(index)) | 0;
    return Math.abs(hash) % this.options.lanes;
  }

  private async run(lane: number): Promise<void> {
    try {
      for (;;) {
        const queue = this.queues[lane];
        if (queue.length === 0) return;
        const batch = queue.splice(0, this.options.maxBatch);
        this.waiting -= batch.length;
        let results: (R | Error)[];
        try {
          results = await this.flush(batch.map((entry) => entry.item));
        } catch (error) {
          results = batch.map(() => error as Error);
        }
        batch.forEach((entry, index) => {
          const result = results[index];
          if (result instanceof Error) entry.reject(result);
          else entry.resolve(result);
        });
      }
    } finally {
      this.busy[lane] = false;
    }
  }
}

export function overloaded(): ProblemException {
  return new ProblemException({
    type: ProblemType.overloaded,
    title: 'The service is busy',
    status: HttpStatus.SERVICE_UNAVAILABLE,
    detail: 'Too many messages are being stored right now. Try again shortly.',
    retryAfterMs: 1000,
  });
}
