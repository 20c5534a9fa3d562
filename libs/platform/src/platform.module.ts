import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditService } from './audit/audit.service';
import { RefusalAudit } from './audit/refusal-audit';
import { AuditCheckpoints } from './audit/audit-checkpoints';
import { AppConfig } from './config/app-config';
import { Keyring, parseKeyring } from './crypto/keyring';
import { KeyRotation } from './crypto/key-rotation';
import { Clock } from './clock/clock';
import { ConfigModule } from './config/config.module';
import { platformEntities, EntityList } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { ClusterEvents } from './events/cluster-events';
import { DomainEvents } from './events/domain-events';
import { PoolMetrics } from './database/pool-metrics';
import { LoggingModule } from './logging/logging.module';
import { Metrics } from './metrics/metrics';
import { RedisConnections } from './redis/redis-connections';
import { Queues } from './queues/queues';
import { FaultPoints } from './testing/fault-points';

const keyring = {
  provide: Keyring,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    new Keyring(parseKeyring(config.ENCRYPTION_KEYRING), config.ENCRYPTION_CURRENT_KEY),
};
const services = [
  AuditCheckpoints,
  AuditService,
  Clock,
  ClusterEvents,
  DomainEvents,
  FaultPoints,
  KeyRotation,
  Metrics,
  PoolMetrics,
  Queues,
  RedisConnections,
  RefusalAudit,
];

/**
 * The kernel every process loads once: configuration, logs, the database, Redis, the audit log and the
 * event buses. `entities` are the feature libraries' entities, composed by the app.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: { entities?: EntityList } = {}): DynamicModule {
    const entities = [...platformEntities, ...((options.entities as unknown[]) ?? [])] as EntityList;
    return {
      module: PlatformModule,
      imports: [ConfigModule, LoggingModule, DatabaseModule.forRoot(entities)],
      providers: [...services, keyring],
      exports: [...services, Keyring, DatabaseModule],
    };
  }
}
