import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, EntityList } from './data-source-options';
import { DatabaseConnector } from './database-connector';

@Module({})
export class DatabaseModule {
  /** The application's connection (its own non-superuser role), with every entity the app composes. */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions({
              url: config.DATABASE_URL,
              entities,
              poolSize: config.DATABASE_POOL_SIZE,
            }),
            // DatabaseConnector connects, so that an unreachable database does not stop the process.
            manualInitialization: true,
          }),
        }),
      ],
      providers: [DatabaseConnector],
      exports: [DatabaseConnector],
    };
  }
}
