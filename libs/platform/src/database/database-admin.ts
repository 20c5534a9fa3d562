import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, EntityList } from './data-source-options';
import { RUNTIME_ROLE } from './database-roles';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`${what} "${name}" must be a lowercase SQL identifier`);
  return `"${name}"`;
}

function parts(url: string): { user: string; password: string; database: string } {
  const parsed = new URL(url);
  return {
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface DatabaseUrls {
  /** the application's login role and the database */
  app: string;
  /** the owner's login role (migrations) */
  owner: string;
}

/**
 * Creates, as a superuser, what the platform needs and may not create itself: the owner role, the
 * application role (a member of the runtime role that migrations grant to), and the database owned by the
 * owner, closed to PUBLIC. Idempotent; passwords in the URLs are (re)set.
 */
export async function setupDatabase(adminUrl: string, urls: DatabaseUrls): Promise<void> {
  const app = parts(urls.app);
  const owner = parts(urls.owner);
  if (app.database !== owner.database)
    throw new Error('DATABASE_URL and DATABASE_MIGRATION_URL name different databases');
  if (app.user === owner.user) throw new Error('the application and the owner must be different roles');
  const database = identifier(app.database, 'database');
  const ownerRole = identifier(owner.user, 'owner role');
  const appRole = identifier(app.user, 'application role');
  const runtime = identifier(RUNTIME_ROLE, 'runtime role');

  await withClient(adminUrl, async (client) => {
    const ensureRole = async (name: string, quoted: string, login: boolean, password: string) => {
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
      const attributes = `${login ? 'LOGIN' : 'NOLOGIN'} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION`;
      await client.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${quoted} ${attributes}`);
      if (password) await client.query(`ALTER ROLE ${quoted} PASSWORD ${client.escapeLiteral(password)}`);
    };
    await ensureRole(owner.user, ownerRole, true, owner.password);
    await ensureRole(app.user, appRole, true, app.password);
    await ensureRole(RUNTIME_ROLE, runtime, false, '');
    await client.query(`GRANT ${runtime} TO ${appRole}`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [app.database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${database} OWNER ${ownerRole}`);
    await client.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${runtime}`);
  });

  const inDatabase = new URL(adminUrl);
  inDatabase.pathname = `/${app.database}`;
  await withClient(inDatabase.toString(), async (client) => {
    await client.query(`ALTER SCHEMA public OWNER TO ${ownerRole}`);
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await client.query(`GRANT USAGE ON SCHEMA public TO ${runtime}`);
  });
}

/** Drops a database (tests and scratch databases only). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${identifier(name, 'database')} WITH (FORCE)`),
  );
}

/** A copy of `url` that names another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withDataSource<T>(url: string, entities: EntityList, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(
    dataSourceOptions({ url, entities, poolSize: 2, applicationName: 'liaison-migrate' }),
  );
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Runs pending migrations as the owner; returns their names. */
export function runMigrations(ownerUrl: string): Promise<string[]> {
  return withDataSource(ownerUrl, [], async (ds) =>
    (await ds.runMigrations({ transaction: 'each' })).map((migration) => migration.name),
  );
}

/** Reverts the last migration as the owner. */
export function revertLastMigration(ownerUrl: string): Promise<void> {
  return withDataSource(ownerUrl, [], (ds) => ds.undoLastMigration({ transaction: 'each' }));
}

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * What the entities want that the migrated schema lacks, computed on a scratch database so the answer never
 * depends on a developer's local state: empty means every entity change has its migration.
 */
export async function schemaDrift(
  adminUrl: string,
  ownerUrl: string,
  appUrl: string,
  entities: EntityList,
): Promise<SchemaDiff> {
  const scratch = `liaison_drift_${process.pid}_${Date.now()}`;
  const scratchOwner = withDatabase(ownerUrl, scratch);
  await setupDatabase(adminUrl, { app: withDatabase(appUrl, scratch), owner: scratchOwner });
  try {
    await runMigrations(scratchOwner);
    return await withDataSource(scratchOwner, entities, async (ds) => {
      const log = await ds.driver.createSchemaBuilder().log();
      return {
        up: log.upQueries.map((query) => query.query),
        down: log.downQueries.map((query) => query.query).reverse(),
      };
    });
  } finally {
    await dropDatabase(adminUrl, scratch);
  }
}
