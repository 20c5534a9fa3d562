import { withDatabase } from '../../libs/platform/src/database/database-admin';

/**
 * What one test run uses: its own database (created and migrated by global-setup, dropped by
 * global-teardown) and its own Redis key prefix on the machine's shared PostgreSQL and Redis.
 */
export interface TestRun {
  database: string;
  redisPrefix: string;
}

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const APP_URL = process.env.TEST_DATABASE_URL ?? 'postgres://liaison_app@127.0.0.1:5432/liaison';
const OWNER_URL = process.env.TEST_DATABASE_MIGRATION_URL ?? 'postgres://liaison_owner@127.0.0.1:5432/liaison';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function newTestRun(): TestRun {
  const id = `${Date.now().toString(36)}_${process.pid}`;
  return { database: `liaison_test_${id}`, redisPrefix: `liaison-test-${id.replace('_', '-')}` };
}

/** The run that global-setup created, as seen from a test worker. */
export function currentTestRun(): TestRun {
  const database = process.env.LIAISON_TEST_DATABASE;
  const redisPrefix = process.env.LIAISON_TEST_REDIS_PREFIX;
  if (!database || !redisPrefix) throw new Error('no test run: run the suite through jest (global-setup creates it)');
  return { database, redisPrefix };
}

export const adminUrl = ADMIN_URL;
export const redisUrl = REDIS_URL;

export function databaseUrls(run: TestRun) {
  return {
    admin: ADMIN_URL,
    app: withDatabase(APP_URL, run.database),
    owner: withDatabase(OWNER_URL, run.database),
    /** the test database as a superuser, to inspect or tamper with it */
    superuser: withDatabase(ADMIN_URL, run.database),
  };
}

/** The environment an API process of this run starts with. */
export function testEnvironment(run: TestRun = currentTestRun()): Record<string, string> {
  const urls = databaseUrls(run);
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_ORIGIN: 'http://localhost:3000',
    CORS_ORIGINS: 'http://localhost:3000',
    DATABASE_URL: urls.app,
    DATABASE_MIGRATION_URL: urls.owner,
    DATABASE_ADMIN_URL: urls.admin,
    DATABASE_POOL_SIZE: '5',
    DATABASE_CONNECT_RETRY_MS: '500',
    REDIS_URL,
    REDIS_PREFIX: run.redisPrefix,
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: 'dist/web',
  };
}
