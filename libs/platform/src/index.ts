export {
  AppConfig,
  CONFIG_KEYS,
  ConfigValidationError,
  loadConfig,
  NODE_ENVS,
  parseSlaHours,
} from './config/app-config';
export type { SlaHours } from './config/app-config';
export type { NodeEnv } from './config/app-config';
export { ConfigModule, configFromProcessEnv } from './config/config.module';
export { Clock } from './clock/clock';
export { dataSourceOptions, platformEntities } from './database/data-source-options';
export type { DataSourceSettings, EntityList } from './database/data-source-options';
export { DatabaseConnector } from './database/database-connector';
export { RUNTIME_ROLE } from './database/database-roles';
export { migrations } from './database/migrations';
export { AuditService } from './audit/audit.service';
export type { AuditContext, AuditFilter, AuditRecord, VerifyResult } from './audit/audit.service';
export { RefusalAudit } from './audit/refusal-audit';
export { AuditCheckpoints } from './audit/audit-checkpoints';
export type { AnchoredVerifyResult, CheckpointProblem } from './audit/audit-checkpoints';
export { DomainEvents } from './events/domain-events';
export type { DomainEventHandler, DomainEventMap, DomainEventName } from './events/domain-events';
export { ClusterEvents } from './events/cluster-events';
export type { ClusterEventHandler, ClusterEventMap, ClusterEventName } from './events/cluster-events';
export { RedisConnections } from './redis/redis-connections';
export { LoggingModule, requestId } from './logging/logging.module';
export { createValidationPipe, fieldProblems, uuid } from './http/validation';
export { ProblemDetailsFilter, sendProblem, toProblem } from './http/problem-details.filter';
export { PROBLEM_CONTENT_TYPE, ProblemException, ProblemType, ValidationProblem } from './http/problem';
export type { FieldProblem, ProblemDocument } from './http/problem';
export { RequestMeta, requestMetaOf } from './http/request-meta';
export type { RequestMetadata } from './http/request-meta';
export { PlatformModule } from './platform.module';
export {
  dropDatabase,
  revertLastMigration,
  runMigrations,
  schemaDrift,
  setupDatabase,
  withDatabase,
} from './database/database-admin';
export type { DatabaseUrls, SchemaDiff } from './database/database-admin';
export { decodeCursor, encodeCursor, pageOf } from './http/keyset';
export { KeysetQueryDto } from './http/keyset-query.dto';
export type { CursorPart, Page } from './http/keyset';
export { DecryptionError, Keyring, newDataKey, open, parseKeyring, seal } from './crypto/keyring';
export { KeyRotation, keyringColumn } from './crypto/key-rotation';
export { DataKeys, readableOrNull } from './crypto/data-keys';
export type { KeyOwner, NewDataKey } from './crypto/data-keys';
export type { Rewrapper, RewrapFailure, RotationReport } from './crypto/key-rotation';
export { afterCommit } from './database/after-commit';
export { jobId, Queues } from './queues/queues';
export type { ExpectedJob, FailedJob, QueueDefinition, QueueJobMap, QueueName } from './queues/queues';
export { Metrics } from './metrics/metrics';
export type { GaugeReader } from './metrics/metrics';
export { FaultPoints } from './testing/fault-points';
export { csvCell, toCsv } from './http/csv';
