// globalSetup runs outside jest's module mapper: import the file, not the alias.
import { runMigrations, setupDatabase } from '../../libs/platform/src/database/database-admin';
import { databaseUrls, newTestRun } from './test-env';

/** Creates this run's database as the real setup does (roles, owner, grants) and migrates it as the owner. */
export default async function globalSetup(): Promise<void> {
  const run = newTestRun();
  const urls = databaseUrls(run);
  await setupDatabase(urls.admin, { app: urls.app, owner: urls.owner });
  await runMigrations(urls.owner);
  // Test workers are forked after this and inherit these.
  process.env.LIAISON_TEST_DATABASE = run.database;
  process.env.LIAISON_TEST_REDIS_PREFIX = run.redisPrefix;
}
