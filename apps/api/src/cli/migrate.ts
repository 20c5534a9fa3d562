import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  configFromProcessEnv,
  EntityList,
  platformEntities,
  revertLastMigration,
  runMigrations,
  schemaDrift,
  SchemaDiff,
} from '@liaison/platform';
import { featureEntities } from '../entities';
import { runCli } from './run-cli';

const USAGE = 'usage: migrate run | revert | check | generate <Name>';

function required(url: string | undefined, name: string, why: string): string {
  if (!url) throw new Error(`${name} is needed ${why}`);
  return url;
}

function migrationSource(className: string, diff: SchemaDiff): string {
  const lines = (queries: string[]) =>
    queries.map((query) => `    await queryRunner.query(\`${query.replace(/[`\\]|\$\{/g, '\\$&')}\`);`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class ${className} implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
    // Grant the runtime role what it needs on each new table, e.g.:
    // await queryRunner.query(\`GRANT SELECT, INSERT, UPDATE, DELETE ON "table" TO \${RUNTIME_ROLE}\`);
    void RUNTIME_ROLE;
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(diff.down)}
  }
}
`;
}

runCli(async () => {
  const config = configFromProcessEnv();
  const [command, name] = process.argv.slice(2);
  const entities = [...platformEntities, ...(featureEntities as unknown[])] as EntityList;
  const ownerUrl = () =>
    required(config.DATABASE_MIGRATION_URL, 'DATABASE_MIGRATION_URL', 'to change the schema (the owner role)');
  const adminUrl = () =>
    required(
      config.DATABASE_ADMIN_URL,
      'DATABASE_ADMIN_URL',
      'to create the scratch database this command compares against',
    );
  const drift = () => schemaDrift(adminUrl(), ownerUrl(), config.DATABASE_URL, entities);
  switch (command) {
    case 'run': {
      const applied = await runMigrations(ownerUrl());
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      return;
    }
    case 'revert':
      await revertLastMigration(ownerUrl());
      console.log('reverted the last migration');
      return;
    case 'check': {
      const diff = await drift();
      if (diff.up.length === 0) {
        console.log('migrations match the entities');
        return;
      }
      console.error(
        `entities changed without a migration; run \`npm run db:generate -- <Name>\`. Missing:\n${diff.up.join('\n')}`,
      );
      process.exitCode = 1;
      return;
    }
    case 'generate': {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error(`${USAGE} (Name in PascalCase)`);
      const diff = await drift();
      if (diff.up.length === 0) {
        console.log('no changes: migrations already match the entities');
        return;
      }
      const timestamp = Date.now();
      const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
      const file = join('libs/platform/src/database/migrations', `${timestamp}-${kebab}.ts`);
      writeFileSync(file, migrationSource(`${name}${timestamp}`, diff));
      console.log(
        `wrote ${file}; add ${name}${timestamp} to libs/platform/src/database/migrations/index.ts and review its grants`,
      );
      return;
    }
    default:
      throw new Error(USAGE);
  }
});
