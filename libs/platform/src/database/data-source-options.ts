import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { AuditCheckpoint } from '../audit/audit-checkpoint.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AfterCommitSubscriber } from './after-commit';
import { migrations } from './migrations';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

/** Entities owned by the platform library itself; feature libraries export their own lists. */
export const platformEntities = [AuditEntry, AuditCheckpoint];

export interface DataSourceSettings {
  url: string;
  entities: EntityList;
  poolSize?: number;
  applicationName?: string;
}

/**
 * One definition of how the platform talks to PostgreSQL. Schema changes only ever come from migrations:
 * synchronize stays off, and extensions are not installed at run time (the application role may not).
 */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations,
    subscribers: [AfterCommitSubscriber],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    logging: false,
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'liaison',
    extra: { connectionTimeoutMillis: 5000 },
  };
}
