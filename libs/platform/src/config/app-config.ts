import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUrl,
  Matches,
  ValidateBy,
  Max,
  Min,
  validateSync,
  ValidateIf,
  ValidationError,
} from 'class-validator';
import { isIP } from 'node:net';
import { parseKeyring } from '../crypto/keyring';
import { DEVELOPMENT_SECRETS, isPublishedSecret, keyringKeys, SECRET_MIN_BYTES } from './known-secrets';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Local defaults: PostgreSQL and Redis on this machine. Never applied when NODE_ENV=production. */
const LOCAL_DEFAULTS: Readonly<Record<string, string>> = {
  HOST: '127.0.0.1',
  PORT: '3000',
  PUBLIC_ORIGIN: 'http://localhost:3000',
  CORS_ORIGINS: 'http://localhost:3000,http://127.0.0.1:3000,http://localhost:4200',
  DATABASE_URL: 'postgres://liaison_app@127.0.0.1:5432/liaison',
  DATABASE_MIGRATION_URL: 'postgres://liaison_owner@127.0.0.1:5432/liaison',
  DATABASE_ADMIN_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  REDIS_URL: 'redis://127.0.0.1:6379',
  OPENAPI_ENABLED: 'true',
  // Known to everyone who reads this file: never used in production, where JWT_SECRET is required.
  JWT_SECRET: DEVELOPMENT_SECRETS.JWT_SECRET,
  // Also public, and refused nowhere but by common sense: production must set its own.
  ENCRYPTION_KEYRING: `dev1:${DEVELOPMENT_SECRETS.ENCRYPTION_KEY}`,
  ENCRYPTION_CURRENT_KEY: 'dev1',
  MAIL_FROM: 'Liaison <no-reply@liaison.localhost>',
  // Public too: production sets its own.
  SEARCH_INDEX_KEY: DEVELOPMENT_SECRETS.SEARCH_INDEX_KEY,
};

/** Defaults that are safe everywhere, production included. */
const DEFAULTS: Readonly<Record<string, string>> = {
  NODE_ENV: 'development',
  HOST: '0.0.0.0',
  PORT: '3000',
  TRUSTED_PROXIES: '',
  DATABASE_POOL_SIZE: '10',
  DATABASE_CONNECT_RETRY_MS: '2000',
  REDIS_PREFIX: 'liaison',
  LOG_LEVEL: 'info',
  BODY_LIMIT: '1mb',
  WEB_DIST_DIR: 'dist/web',
  SHUTDOWN_TIMEOUT_MS: '10000',
  // The API description is public where enabled: on locally, off in production unless asked for.
  OPENAPI_ENABLED: 'false',
  ACCESS_TOKEN_TTL_SECONDS: '600',
  SESSION_TTL_HOURS: '12',
  SESSION_IDLE_MINUTES: '30',
  SMTP_PORT: '587',
  SMTP_SECURE: 'false',
  MAIL_CATCHER_PORT: '1025',
  QUEUE_ATTEMPTS: '8',
  QUEUE_BACKOFF_MS: '5000',
  QUEUE_LOCK_MS: '30000',
  WORKER_CONCURRENCY: '5',
  SWEEP_INTERVAL_MS: '60000',
  MESSAGE_RATE_PER_SECOND: '20',
  MESSAGE_RATE_BURST: '40',
  MESSAGE_NOTICE_DELAY_MS: '500',
  REALTIME_RECHECK_INTERVAL_MS: '60000',
  REALTIME_SESSION_CHECK_MS: '5000',
  CLUSTER_PUBLISH_TIMEOUT_MS: '2000',
  AUDIT_REFUSALS_PER_MINUTE: '20',
  AUDIT_REFUSALS_TOTAL_PER_MINUTE: '300',
  MEETINGS_REMINDER_HORIZON_DAYS: '30',
  MEETINGS_REMINDER_CONCURRENCY: '8',
  AUDIT_CHECKPOINT_INTERVAL_MS: '300000',
  // Off: the API and the worker share one environment under `npm start`, so any default port would clash.
  METRICS_PORT: '0',
  METRICS_HOST: '127.0.0.1',
  // UNTOC's secretariat (UNODC) works from Vienna.
  HELPDESK_TIME_ZONE: 'Europe/Vienna',
  // Working hours to the first response / to resolution, per priority (issue 18's defaults).
  HELPDESK_SLA_HOURS: 'urgent=4/40,high=8/80,normal=16/160,low=16/160',
  HELPDESK_SLA_WARNING_PERCENT: '25',
};

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : value;

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

const integer = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

const POSTGRES_URL = { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true };
const HTTP_URL = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

export const SLA_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type SlaHours = Record<(typeof SLA_PRIORITIES)[number], { response: number; resolution: number }>;

/** `urgent=4/40,high=8/80,...` → targets per priority in working hours; null unless every priority is well-formed. */
export function parseSlaHours(value: string): SlaHours | null {
  const targets: Partial<SlaHours> = {};
  for (const part of value.split(',').map((item) => item.trim())) {
    const match = /^(low|normal|high|urgent)=(\d{1,4}(?:\.\d+)?)\/(\d{1,5}(?:\.\d+)?)$/.exec(part);
    if (!match) return null;
    const [response, resolution] = [Number(match[2]), Number(match[3])];
    if (response <= 0 || resolution < response) return null;
    targets[match[1] as keyof SlaHours] = { response, resolution };
  }
  return SLA_PRIORITIES.every((priority) => targets[priority]) ? (targets as SlaHours) : null;
}

/** A trusted proxy is an IP address, a CIDR block or one of the names Express understands. */
function isProxySpec(value: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || !isIP(address)) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}

/**
 * In production, refuses a secret (or any master key of a keyring) that is published: a development default,
 * or an example value from .env.example, docker/ or the docs (see known-secrets.ts).
 */
function notPublished(name: string, secretsOf: (value: string) => string[]) {
  return {
    name: 'isNotPublished',
    validator: {
      validate: (value: unknown, args?: { object: object }) =>
        (args?.object as AppConfig | undefined)?.NODE_ENV !== 'production' ||
        typeof value !== 'string' ||
        !secretsOf(value).some(isPublishedSecret),
      defaultMessage: () =>
        `${name} is a published value (a development default or an example from the docs); production needs its own random secret`,
    },
  };
}

/**
 * Every setting of the platform, parsed and validated once at start-up. Read it by injecting AppConfig;
 * nothing else reads process.env.
 */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv;

  @IsString()
  @IsNotEmpty()
  HOST: string;

  @Transform(integer)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number;

  /** The origin people reach the platform at (used for links and the socket Origin allow-list). */
  @IsUrl(HTTP_URL)
  PUBLIC_ORIGIN: string;

  @Transform(list)
  @IsUrl(HTTP_URL, { each: true })
  CORS_ORIGINS: string[];

  /** Peers whose X-Forwarded-For is believed; from anyone else the socket address is the client IP. */
  @Transform(list)
  @ValidateBy({
    name: 'isProxyList',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.every((item) => isProxySpec(String(item))),
      defaultMessage: () =>
        'TRUSTED_PROXIES must list IP addresses, CIDR blocks or loopback/linklocal/uniquelocal, comma-separated',
    },
  })
  TRUSTED_PROXIES: string[];

  /** The application's own, non-superuser role. */
  @IsUrl(POSTGRES_URL)
  DATABASE_URL: string;

  /** The schema owner's role: migrations only, so the API and the worker need not have it. */
  @ValidateIf((config: AppConfig) => config.DATABASE_MIGRATION_URL !== undefined)
  @IsUrl(POSTGRES_URL)
  DATABASE_MIGRATION_URL?: string;

  /** A superuser connection for `db:setup` only (creates the roles and the database). Optional in production. */
  @ValidateIf((config: AppConfig) => config.DATABASE_ADMIN_URL !== undefined)
  @IsUrl(POSTGRES_URL)
  DATABASE_ADMIN_URL?: string;

  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number;

  /** How long to wait between attempts when PostgreSQL is unreachable at start-up. */
  @Transform(integer)
  @IsInt()
  @Min(100)
  DATABASE_CONNECT_RETRY_MS: number;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL: string;

  /** Prefix of every Redis key and channel, so several deployments (or test runs) share one server. */
  @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'REDIS_PREFIX must be 1-64 lowercase letters, digits, - or _' })
  REDIS_PREFIX: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number];

  @Matches(/^\d+(b|kb|mb)$/, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT: string;

  @IsString()
  @IsNotEmpty()
  WEB_DIST_DIR: string;

  @Transform(integer)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number;

  @Transform(bool)
  @IsBoolean()
  OPENAPI_ENABLED: boolean;

  /** Signs access tokens (HS256). At least 32 characters of randomness; rotate by restarting every node. */
  @IsString()
  @ValidateBy({
    name: 'isLongEnough',
    validator: {
      validate: (value: unknown) => Buffer.byteLength(String(value)) >= SECRET_MIN_BYTES,
      defaultMessage: () => `JWT_SECRET must be at least ${SECRET_MIN_BYTES} bytes`,
    },
  })
  @ValidateBy(notPublished('JWT_SECRET', (value) => [value]))
  JWT_SECRET: string;

  /**
   * Master keys for encryption at rest: `id:base64(32 bytes),…`. Every key decrypts; the current one
   * encrypts. Keep old keys here until nothing uses them.
   */
  @ValidateBy({
    name: 'isKeyring',
    validator: {
      validate: (value: unknown) => {
        try {
          return typeof value === 'string' && parseKeyring(value).size > 0;
        } catch {
          return false;
        }
      },
      defaultMessage: () => 'ENCRYPTION_KEYRING must be id:base64key pairs, comma-separated, each key 32 bytes',
    },
  })
  @ValidateBy(notPublished('ENCRYPTION_KEYRING', keyringKeys))
  ENCRYPTION_KEYRING: string;

  /** The id of the key new ciphertexts use. */
  @ValidateBy({
    name: 'isCurrentKey',
    validator: {
      validate: (value: unknown, args) => {
        try {
          return (
            typeof value === 'string' && parseKeyring(String((args?.object as AppConfig).ENCRYPTION_KEYRING)).has(value)
          );
        } catch {
          return false;
        }
      },
      defaultMessage: () => 'ENCRYPTION_CURRENT_KEY must be one of the key ids in ENCRYPTION_KEYRING',
    },
  })
  ENCRYPTION_CURRENT_KEY: string;

  /**
   * The key of the message search index (HMAC-SHA256 of normalised words): base64 of 32 random bytes,
   * separate from the encryption keys. Changing it makes every indexed word unfindable until reindexed.
   */
  @ValidateBy({
    name: 'isSearchKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && Buffer.from(value, 'base64').length === 32,
      defaultMessage: () => 'SEARCH_INDEX_KEY must be base64 of 32 random bytes',
    },
  })
  @ValidateBy(notPublished('SEARCH_INDEX_KEY', (value) => [value]))
  SEARCH_INDEX_KEY: string;

  /** Access-token lifetime; at most 15 minutes. */
  @Transform(integer)
  @IsInt()
  @Min(5)
  @Max(900)
  ACCESS_TOKEN_TTL_SECONDS: number;

  /** A session's absolute lifetime: after it the user signs in again, however active. */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  SESSION_TTL_HOURS: number;

  /**
   * A session ends after this long without user activity. The web app's timed token refresh is not
   * activity: it says, when it refreshes, whether the person did something since the last refresh.
   */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES: number;

  /** The SMTP relay e-mail goes through. Required in production; elsewhere, unset means the local mail catcher. */
  @ValidateIf((config: AppConfig) => config.SMTP_HOST !== undefined || config.NODE_ENV === 'production')
  @ValidateBy({
    name: 'isSmtpHost',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^[A-Za-z0-9.:[\]-]+$/.test(value),
      defaultMessage: () => 'SMTP_HOST is required in production and must be a host name or address',
    },
  })
  SMTP_HOST?: string;

  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT: number;

  /** true: TLS from the first byte (port 465). false: STARTTLS, which is then required in production. */
  @Transform(bool)
  @IsBoolean()
  SMTP_SECURE: boolean;

  @ValidateIf((config: AppConfig) => config.SMTP_USER !== undefined)
  @IsString()
  SMTP_USER?: string;

  @ValidateIf((config: AppConfig) => config.SMTP_PASSWORD !== undefined)
  @IsString()
  SMTP_PASSWORD?: string;

  /** The sender of every e-mail, e.g. `Liaison <no-reply@example.org>`. */
  @Matches(/^[^<>]*<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/, {
    message: 'MAIL_FROM must be an address or "Name <address>"',
  })
  MAIL_FROM: string;

  /** Where the local mail catcher listens (only when SMTP_HOST is unset outside production). */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(65535)
  MAIL_CATCHER_PORT: number;

  /** How many times a queued job runs before it is kept as failed for an admin to retry. */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(50)
  QUEUE_ATTEMPTS: number;

  /** First retry delay; each later one doubles. */
  @Transform(integer)
  @IsInt()
  @Min(10)
  QUEUE_BACKOFF_MS: number;

  /** How long a worker's hold on a job lasts without renewal: a crashed worker's jobs run again after it. */
  @Transform(integer)
  @IsInt()
  @Min(500)
  QUEUE_LOCK_MS: number;

  /** Jobs each worker process runs at once, per queue. */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_CONCURRENCY: number;

  /** How often the sweep re-creates, from PostgreSQL, jobs that Redis lost. */
  @Transform(integer)
  @IsInt()
  @Min(100)
  SWEEP_INTERVAL_MS: number;

  /** Messages one user may send per second, sustained (REST and socket together). */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(10_000)
  MESSAGE_RATE_PER_SECOND: number;

  /** Messages one user may send within a second in a burst (at least the sustained rate). */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(20_000)
  MESSAGE_RATE_BURST: number;

  /** A thread's "new messages" notice check runs this long after its latest message (one check per window). */
  @Transform(integer)
  @IsInt()
  @Min(0)
  @Max(60_000)
  MESSAGE_NOTICE_DELAY_MS: number;

  /**
   * How often every open socket's rooms and session are checked against PostgreSQL again, so that a
   * removal whose cross-node message was lost still takes effect within one period.
   */
  @Transform(integer)
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  REALTIME_RECHECK_INTERVAL_MS: number;

  /** How long a socket's "session live, user active" answer is reused for its incoming events (at most 5 s). */
  @Transform(integer)
  @IsInt()
  @Min(0)
  @Max(5000)
  REALTIME_SESSION_CHECK_MS: number;

  /** How long publishing a cross-node event may wait for Redis before giving up (logged, never thrown). */
  @Transform(integer)
  @IsInt()
  @Min(50)
  @Max(30_000)
  CLUSTER_PUBLISH_TIMEOUT_MS: number;

  /**
   * Refusals (403 answers, refused socket handshakes) audited per source (client address, IPv6 per /64,
   * and user) per minute on each node; past it, one entry says recording stopped until the minute ends.
   */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(10_000)
  AUDIT_REFUSALS_PER_MINUTE: number;

  /** Refusals audited per minute on each node, all sources together: a flood never monopolises the chain. */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(100_000)
  AUDIT_REFUSALS_TOTAL_PER_MINUTE: number;

  /** How often the worker anchors the audit chain (a keyed checkpoint of its newest hash). */
  @Transform(integer)
  @IsInt()
  @Min(1000)
  AUDIT_CHECKPOINT_INTERVAL_MS: number;

  /** How far ahead meeting reminders are queued; the sweep re-creates those due within it. */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(366)
  MEETINGS_REMINDER_HORIZON_DAYS: number;

  /**
   * Reminder jobs each worker process runs at once (the `meetings.remind` queue's own concurrency, instead of
   * WORKER_CONCURRENCY): reminders fall due together on whole minutes. Keep DATABASE_POOL_SIZE above it.
   */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(100)
  MEETINGS_REMINDER_CONCURRENCY: number;

  /**
   * The port of this process's Prometheus endpoint (`GET /metrics`), a listener of its own, never the public
   * API port. 0: no endpoint. Every process that should be scraped (each API node, the worker) needs its own.
   */
  @Transform(integer)
  @IsInt()
  @Min(0)
  @Max(65535)
  @ValidateBy({
    name: 'isNotApiPort',
    validator: {
      validate: (value: unknown, args) => value === 0 || value !== (args?.object as AppConfig).PORT,
      defaultMessage: () => 'METRICS_PORT must differ from PORT: the metrics are never served on the public port',
    },
  })
  METRICS_PORT: number;

  /** The address the metrics endpoint listens on: loopback unless a scraper elsewhere must reach it. */
  @ValidateBy({
    name: 'isIpAddress',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isIP(value) !== 0,
      defaultMessage: () => 'METRICS_HOST must be an IP address (127.0.0.1 keeps the metrics on this machine)',
    },
  })
  METRICS_HOST: string;

  /**
   * The secretariat's IANA time zone: the year of a helpdesk reference (`HD-2026-00042`) is the year there
   * when the ticket is filed.
   */
  @ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isTimeZone(value),
      defaultMessage: () => 'HELPDESK_TIME_ZONE must be an IANA time zone, e.g. Europe/Vienna',
    },
  })
  HELPDESK_TIME_ZONE: string;

  /**
   * SLA targets in working hours (of the working calendar), per priority: `priority=response/resolution`,
   * comma-separated, every priority given. The response is the secretariat's first public message.
   */
  @ValidateBy({
    name: 'isSlaHours',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseSlaHours(value) !== null,
      defaultMessage: () =>
        'HELPDESK_SLA_HOURS must give every priority as priority=response/resolution working hours, e.g. urgent=4/40,high=8/80,normal=16/160,low=16/160',
    },
  })
  HELPDESK_SLA_HOURS: string;

  /** The assignee is warned when this share (in %) of a target's working time is left. */
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(99)
  HELPDESK_SLA_WARNING_PERCENT: number;

  /**
   * Fault injection for tests: the named point (e.g. `notifications.email.after-claim`) kills the process
   * with SIGKILL when reached. Refused in production.
   */
  @ValidateIf((config: AppConfig) => config.TEST_FAULT_POINT !== undefined)
  @ValidateBy({
    name: 'isNotProduction',
    validator: {
      validate: (value: unknown, args) =>
        typeof value === 'string' && (args?.object as AppConfig).NODE_ENV !== 'production',
      defaultMessage: () => 'TEST_FAULT_POINT is refused in production',
    },
  })
  TEST_FAULT_POINT?: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** Outside production with no SMTP relay configured, e-mail goes to the local mail catcher. */
  get mailCatcher(): boolean {
    return !this.isProduction && this.SMTP_HOST === undefined;
  }
}

export const CONFIG_KEYS = [
  'NODE_ENV',
  'HOST',
  'PORT',
  'PUBLIC_ORIGIN',
  'CORS_ORIGINS',
  'TRUSTED_PROXIES',
  'DATABASE_URL',
  'DATABASE_MIGRATION_URL',
  'DATABASE_ADMIN_URL',
  'DATABASE_POOL_SIZE',
  'DATABASE_CONNECT_RETRY_MS',
  'REDIS_URL',
  'REDIS_PREFIX',
  'LOG_LEVEL',
  'BODY_LIMIT',
  'WEB_DIST_DIR',
  'SHUTDOWN_TIMEOUT_MS',
  'OPENAPI_ENABLED',
  'JWT_SECRET',
  'ENCRYPTION_KEYRING',
  'ENCRYPTION_CURRENT_KEY',
  'SEARCH_INDEX_KEY',
  'ACCESS_TOKEN_TTL_SECONDS',
  'SESSION_TTL_HOURS',
  'SESSION_IDLE_MINUTES',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_SECURE',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'MAIL_FROM',
  'MAIL_CATCHER_PORT',
  'QUEUE_ATTEMPTS',
  'QUEUE_BACKOFF_MS',
  'QUEUE_LOCK_MS',
  'WORKER_CONCURRENCY',
  'SWEEP_INTERVAL_MS',
  'MESSAGE_RATE_PER_SECOND',
  'MESSAGE_RATE_BURST',
  'MESSAGE_NOTICE_DELAY_MS',
  'REALTIME_RECHECK_INTERVAL_MS',
  'REALTIME_SESSION_CHECK_MS',
  'CLUSTER_PUBLISH_TIMEOUT_MS',
  'AUDIT_REFUSALS_PER_MINUTE',
  'AUDIT_REFUSALS_TOTAL_PER_MINUTE',
  'AUDIT_CHECKPOINT_INTERVAL_MS',
  'MEETINGS_REMINDER_HORIZON_DAYS',
  'MEETINGS_REMINDER_CONCURRENCY',
  'METRICS_PORT',
  'METRICS_HOST',
  'HELPDESK_TIME_ZONE',
  'HELPDESK_SLA_HOURS',
  'HELPDESK_SLA_WARNING_PERCENT',
  'TEST_FAULT_POINT',
] as const satisfies readonly (keyof AppConfig)[];
type ConfigKey = (typeof CONFIG_KEYS)[number];
const OPTIONAL_KEYS: ReadonlySet<ConfigKey> = new Set([
  'DATABASE_MIGRATION_URL',
  'DATABASE_ADMIN_URL',
  'SMTP_HOST',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'TEST_FAULT_POINT',
]);

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

/**
 * Builds the configuration from an environment (process.env in the apps, a plain object in tests).
 * Throws ConfigValidationError naming every missing or invalid variable at once.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const nodeEnv = env.NODE_ENV ?? DEFAULTS.NODE_ENV;
  const defaults = nodeEnv === 'production' ? DEFAULTS : { ...DEFAULTS, ...LOCAL_DEFAULTS };
  const raw: Record<string, string | undefined> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : value;
  }
  const missing = CONFIG_KEYS.filter((key) => raw[key] === undefined && !OPTIONAL_KEYS.has(key));
  const config = plainToInstance(AppConfig, raw);
  const invalid = validateSync(config, { stopAtFirstError: true }).filter(
    (error) => !missing.includes(error.property as ConfigKey),
  );
  const problems = [...missing.map((key) => `${key} is required`), ...describe(invalid)];
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}
