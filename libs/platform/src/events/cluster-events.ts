import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
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

  constructor(private readonly redis: RedisConnections) {
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

  async publish<K extends ClusterEventName>(name: K, payload: ClusterEventMap[K]): Promise<void> {
    const envelope: Envelope = { name, payload, origin: this.nodeId, id: randomUUID() };
    await this.publisher.publish(this.channel, JSON.stringify(envelope));
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
