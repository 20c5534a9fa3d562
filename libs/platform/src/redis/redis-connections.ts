import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * Hands out Redis connections that share the deployment's key prefix and closes them all at shutdown.
 * Redis holds only what can be rebuilt from PostgreSQL or safely lost, so every user must cope with it
 * going away: commands wait for the connection to return (offline queue), except where `failFast` says
 * the caller prefers an immediate error (health checks).
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnections.name);
  private readonly clients: Redis[] = [];

  constructor(private readonly config: AppConfig) {}

  /** `prefix:` — prepended to every key this deployment writes. */
  get keyPrefix(): string {
    return `${this.config.REDIS_PREFIX}:`;
  }

  /**
   * `autoPipelining`: commands issued in one turn of the event loop go to Redis in one write (for the
   * clients that publish or count on every message; not for blocking or subscribing connections).
   */
  create(name: string, options: { failFast?: boolean; keyPrefix?: boolean; autoPipelining?: boolean } = {}): Redis {
    const redisOptions: RedisOptions = {
      connectionName: `liaison-${name}`,
      keyPrefix: options.keyPrefix === false ? undefined : this.keyPrefix,
      lazyConnect: false,
      enableOfflineQueue: !options.failFast,
      maxRetriesPerRequest: options.failFast ? 0 : null,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      enableAutoPipelining: options.autoPipelining ?? false,
    };
    const client = new Redis(this.config.REDIS_URL, redisOptions);
    let lastError = '';
    client.on('error', (error: Error) => {
      // One line per distinct failure, not one per retry.
      if (error.message !== lastError) this.logger.warn(`redis ${name}: ${error.message}`);
      lastError = error.message;
    });
    client.on('ready', () => {
      if (lastError) this.logger.log(`redis ${name}: connected again`);
      lastError = '';
    });
    this.clients.push(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT lets pending replies arrive; a connection that is not up has nothing to wait for.
    await Promise.all(
      this.clients.map(async (client) => {
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }),
    );
    this.clients.length = 0;
  }
}
