import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AuditService, Keyring, KeyRotation } from '@liaison/platform';
import { WorkerModule } from '../worker.module';
import { runCli } from './run-cli';

/**
 * `npm run keys:rotate`: re-encrypts, under ENCRYPTION_CURRENT_KEY, everything still under another master
 * key (thread data keys, TOTP secrets, one-time links awaiting delivery), in batches, while the platform
 * serves; loops until nothing uses another key. An item that does not open (altered, or under a key that
 * already left the keyring) is named, left as it is, and the command exits 1 once the rest is done: the
 * old key must then stay in ENCRYPTION_KEYRING until each such item is repaired or deleted.
 */
runCli(async () => {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  try {
    const keyring = app.get(Keyring);
    const rotation = app.get(KeyRotation);
    console.log(`current key: ${keyring.currentKeyId}`);
    console.log(`to re-encrypt: ${JSON.stringify(await rotation.pending(keyring.currentKeyId))}`);
    const report = await rotation.run(keyring, { onBatch: (name, count) => console.log(`  ${name}: ${count}`) });
    console.log(`re-encrypted: ${JSON.stringify(report.done)}`);
    console.log(`left under other keys: ${JSON.stringify(await rotation.pending(keyring.currentKeyId))}`);
    const failures = Object.entries(report.failed).flatMap(([name, items]) => items.map((item) => ({ name, ...item })));
    if (failures.length > 0) {
      console.error(`could not re-encrypt ${failures.length} item(s); they stay under their old key:`);
      for (const failure of failures) console.error(`  ${failure.name}: ${failure.id} (${failure.reason})`);
      await app.get(AuditService).append({
        action: 'keys.rotation-incomplete',
        details: {
          currentKeyId: keyring.currentKeyId,
          failed: failures.slice(0, 100).map(({ name, id }) => ({ name, id })),
          count: failures.length,
        },
      });
      process.exitCode = 1;
    }
  } finally {
    await app.close();
  }
});
