import { NestFactory } from '@nestjs/core';
import { AuditService, DatabaseConnector } from '@liaison/platform';
import { AuditCliModule } from './audit-cli.module';
import { runCli } from './run-cli';

/** `npm run audit:verify`: walks the audit chain; exits 1 and names the first bad entry if it is broken. */
runCli(async () => {
  const app = await NestFactory.createApplicationContext(AuditCliModule, { logger: ['error', 'warn'] });
  try {
    if (!app.get(DatabaseConnector).connected) throw new Error('PostgreSQL is unreachable');
    const result = await app.get(AuditService).verify();
    if (result.ok) {
      console.log(`audit log intact: ${result.entries} entries`);
    } else {
      console.error(
        `audit log BROKEN at entry id ${result.firstBad.id} (${result.firstBad.reason}); the ${result.entries} entries before it are intact`,
      );
      process.exitCode = 1;
    }
  } finally {
    await app.close();
  }
});
