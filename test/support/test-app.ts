import type { ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { AppConfig, loadConfig } from '@liaison/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { testEnvironment } from './test-env';

export interface RunningApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule with the real HTTP edge on a free port, as main.ts does. `env` overrides this
 * run's environment; `modules` adds test-only modules beside the application's.
 */
export async function startApp(
  options: { env?: Record<string, string>; modules?: ModuleMetadata['imports']; port?: number } = {},
): Promise<RunningApp> {
  const config = loadConfig({ ...testEnvironment(), ...options.env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule, ...(options.modules ?? [])] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureApp(app, config);
  await app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, config, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
