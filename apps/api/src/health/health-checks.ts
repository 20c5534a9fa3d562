import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { RedisConnections } from '@liaison/platform';

export class ComponentHealth {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';
  @ApiPropertyOptional({ type: String, description: 'Why it is down' })
  message?: string;
}

/** Components by name (database, redis). The controller registers ComponentHealth with @ApiExtraModels. */
const COMPONENTS = { type: 'object', additionalProperties: { $ref: getSchemaPath(ComponentHealth) } } as const;

/** The shape load balancers and @nestjs/terminus users know: info (up), error (down), details (all). */
export class ReadinessReport {
  @ApiProperty({ enum: ['ok', 'error'] })
  status: 'ok' | 'error';
  @ApiProperty({ ...COMPONENTS, description: 'The components that are up' })
  info: Record<string, ComponentHealth>;
  @ApiProperty({ ...COMPONENTS, description: 'The components that are down' })
  error: Record<string, ComponentHealth>;
  @ApiProperty({ ...COMPONENTS, description: 'Every component' })
  details: Record<string, ComponentHealth>;
}

export class Liveness {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

const CHECK_TIMEOUT_MS = 1500;

async function probe(check: () => Promise<unknown>): Promise<ComponentHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', message: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthChecks implements OnModuleInit {
  private redis!: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connections: RedisConnections,
  ) {}

  onModuleInit(): void {
    // Fails fast instead of queueing the PING while Redis is away.
    this.redis = this.connections.create('health', { failFast: true });
  }

  async readiness(databaseConnected: boolean): Promise<ReadinessReport> {
    const [database, redis] = await Promise.all([
      databaseConnected
        ? probe(() => this.dataSource.query('SELECT 1'))
        : Promise.resolve<ComponentHealth>({ status: 'down', message: 'not connected' }),
      probe(() => this.redis.ping()),
    ]);
    const details = { database, redis };
    const entries = Object.entries(details);
    return {
      status: entries.every(([, health]) => health.status === 'up') ? 'ok' : 'error',
      info: Object.fromEntries(entries.filter(([, health]) => health.status === 'up')),
      error: Object.fromEntries(entries.filter(([, health]) => health.status === 'down')),
      details,
    };
  }
}
