import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { RedisConnections } from '../redis/redis-connections';

/**
 * Events every API and worker process must act on (a session revoked, a key rotated). Each library adds
 * its own by augmenting this map, as with DomainEventMap.
 */
// Empty on purpose: libraries add their events by declaration merging.
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface ClusterEventMap {}

export type ClusterEventName = keyof ClusterEventMap & string;
export type ClusterEventHandler<K extends ClusterEventName> = (
  payload: ClusterEventMap[K],
  meta: { origin: string; id: string },
) => Promise<void> | void;

interface Envelope {
  name: string;
  payload: unknown;
  origin: string;
  id: string;
}

/**
 * A cross-node channel over Redis pub/sub. Every process, the publisher included, runs the handlers of
 * each event it receives. Pub/sub delivers to whoever is connected at that moment and keeps nothing: an
 * event is a signal to act on state that PostgreSQL holds, never the state itself. Its connections are
 * closed with the others by RedisConnections.
 */
@Injectable()
export class ClusterEvents implements OnModuleInit {
  /** Identifies this process in envelopes and logs. */
  readonly nodeId = randomUUID();
  private readonly logger = new Logger(ClusterEvents.name);
  private readonly handlers = new Map<string, ClusterEventHandler<never>[]>();
  private readonly channel: string;
  private publisher!: Redis;
  private subscriber!: Redis;
  private subscribed!: Promise<void>;

  constructor(
    private readonly redis: RedisConnections,
    private readonly config: AppConfig,
  ) {
    this.channel = `${redis.keyPrefix}cluster-events`;
  }

  onModuleInit(): void {
    this.publisher = this.redis.create('cluster-events-publisher', { keyPrefix: false });
    this.subscriber = this.redis.create('cluster-events-subscriber', { keyPrefix: false });
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) void this.dispatch(message);
    });
    // ioredis re-subscribes by itself after a reconnect.
    this.subscribed = this.subscriber.subscribe(this.channel).then(() => undefined);
    this.subscribed.catch((error: Error) => this.logger.error(`cannot subscribe to cluster events: ${error.message}`));
  }

  /** Resolves once this process receives cluster events. */
  ready(): Promise<void> {
    return this.subscribed;
  }

  on<K extends ClusterEventName>(name: K, handler: ClusterEventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as ClusterEventHandler<never>);
    this.handlers.set(name, list);
  }

  /**
   * Publishes to every process. Never hangs and never throws: while Redis is away the command would wait in
   * the offline queue, so after CLUSTER_PUBLISH_TIMEOUT_MS the caller goes on (signing out must not hang)
   * and the event is logged as possibly lost. What it signals is in PostgreSQL already, and the receivers
   * re-check that on their own (periodically, on reconnect, per incoming socket event). Resolves true if
   * Redis accepted it.
   */
  async publish<K extends ClusterEventName>(name: K, payload: ClusterEventMap[K]): Promise<boolean> {
    const envelope: Envelope = { name, payload, origin: this.nodeId, id: randomUUID() };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.CLUSTER_PUBLISH_TIMEOUT_MS);
    });
    try {
      const outcome = await Promise.race([this.publisher.publish(this.channel, JSON.stringify(envelope)), timeout]);
      if (outcome === 'timeout') {
        this.logger.warn(`cluster event ${name} not confirmed by Redis in time: receivers rely on their re-checks`);
        return false;
      }
      return true;
    } catch (error) {
      this.logger.warn(`cluster event ${name} not published: ${(error as Error).message}`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private async dispatch(message: string): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      this.logger.warn('ignored a cluster event that is not JSON');
      return;
    }
    for (const handler of this.handlers.get(envelope.name) ?? []) {
      try {
        await (handler as ClusterEventHandler<ClusterEventName>)(envelope.payload as never, {
          origin: envelope.origin,
          id: envelope.id,
        });
      } catch (error) {
        this.logger.error(`cluster event ${envelope.name} handler failed: ${(error as Error).message}`);
      }
    }
  }
}
