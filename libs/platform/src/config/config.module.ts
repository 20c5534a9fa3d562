import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';

/**
 * The one place that reads process.env. Tests replace AppConfig with
 * `overrideProvider(AppConfig).useValue(loadConfig({...}))`.
 */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig(process.env) }],
  exports: [AppConfig],
})
export class ConfigModule {}

/** For command-line entry points that run outside Nest. */
export function configFromProcessEnv(): AppConfig {
  return loadConfig(process.env);
}
