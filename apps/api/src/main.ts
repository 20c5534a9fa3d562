import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, configFromProcessEnv, ConfigValidationError } from '@liaison/platform';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { exitOnSignals } from './shutdown';

async function main(): Promise<void> {
  // Validate before anything connects, and list every problem at once.
  configFromProcessEnv();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = app.get(AppConfig);
  configureApp(app, config);
  exitOnSignals(app, config.SHUTDOWN_TIMEOUT_MS);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
