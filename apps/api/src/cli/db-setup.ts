import { configFromProcessEnv, setupDatabase } from '@liaison/platform';
import { runCli } from './run-cli';

/** Creates the roles and the database (as a superuser). Safe to run again. */
runCli(async () => {
  const config = configFromProcessEnv();
  if (!config.DATABASE_ADMIN_URL)
    throw new Error('DATABASE_ADMIN_URL (a superuser connection) is required to set up the database');
  if (!config.DATABASE_MIGRATION_URL)
    throw new Error('DATABASE_MIGRATION_URL (the owner role) is required to set up the database');
  await setupDatabase(config.DATABASE_ADMIN_URL, { app: config.DATABASE_URL, owner: config.DATABASE_MIGRATION_URL });
  console.log('database and roles are ready');
});
