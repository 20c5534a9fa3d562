import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Keyring, KeyRotation } from '@liaison/platform';
import { WorkerModule } from '../worker.module';
import { runCli } from './run-cli';

/**
 * `npm run keys:rotate`: re-encrypts, under ENCRYPTION_CURRENT_KEY, everything still under another master
 * key (thread data keys, TOTP secrets, one-time links awaiting delivery), in batches, while the platform
 * serves; loops until nothing uses another key. Then the old key may leave ENCRYPTION_KEYRING.
 */
runCli(async () => {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  try {
    const keyring = app.get(Keyring);
    const rotation = app.get(KeyRotation);
    console.log(`current key: ${keyring.currentKeyId}`);
    console.log(`to re-encrypt: ${JSON.stringify(await rotation.pending(keyring.currentKeyId))}`);
    const done = await rotation.run(keyring, { onBatch: (name, count) => console.log(`  ${name}: ${count}`) });
    console.log(`re-encrypted: ${JSON.stringify(done)}`);
    console.log(`left under other keys: ${JSON.stringify(await rotation.pending(keyring.currentKeyId))}`);
  } finally {
    await app.close();
  }
});
