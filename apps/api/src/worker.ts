import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppConfig, configFromProcessEnv, ConfigValidationError, Queues } from '@liaison/platform';
import { exitOnSignals } from './shutdown';
import { WorkerModule } from './worker.module';

/**
 * Runs queued work (deliveries, the sweep, later reminders and SLA alerts). No HTTP port, except the
 * operator metrics endpoint when METRICS_PORT is set (loopback by default).
 */
async function main(): Promise<void> {
  configFromProcessEnv();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  const config = app.get(AppConfig);
  exitOnSignals(app, config.SHUTDOWN_TIMEOUT_MS);
  const queues = app.get(Queues);
  await queues.startWorkers();
  new Logger('Worker').log(`worker ready: ${queues.names.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigValidationError ? error.message : error);
  process.exit(1);
});
