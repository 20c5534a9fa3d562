import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/**
 * Connects the TypeORM data source at start-up. If PostgreSQL is unreachable the process still starts,
 * reports itself not ready (/health/ready) and keeps trying, instead of crash-looping while the database
 * comes up. The first attempt is awaited so that a normal start serves requests only once connected.
 */
@Injectable()
export class DatabaseConnector implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseConnector.name);
  private stopped = false;
  private retrying?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  get connected(): boolean {
    return this.dataSource.isInitialized;
  }

  async onModuleInit(): Promise<void> {
    if (await this.attempt()) return;
    this.retrying = this.retry();
  }

  private async retry(): Promise<void> {
    while (!this.stopped) {
      await sleep(this.config.DATABASE_CONNECT_RETRY_MS);
      try {
        if (this.stopped || (await this.attempt())) return;
      } catch (error) {
        // Connected, but as a role the platform refuses: stay not ready and say why.
        this.logger.error((error as Error).message);
        return;
      }
    }
  }

  private async attempt(): Promise<boolean> {
    try {
      await this.dataSource.initialize();
    } catch (error) {
      // A failed connect leaves its pool behind; close it before the next attempt makes another.
      await this.dataSource.driver.disconnect().catch(() => undefined);
      this.logger.warn(`PostgreSQL unavailable (${(error as Error).message}); retrying`);
      return false;
    }
    // Connected: a wrong role is a configuration error, not something a retry fixes.
    await this.refuseIfPrivileged();
    return true;
  }

  /** The application must connect as its own limited role: that is what keeps the audit log append-only. */
  private async refuseIfPrivileged(): Promise<void> {
    const [role] = await this.dataSource.query<{ rolsuper: boolean; owner: boolean }[]>(
      `SELECT r.rolsuper, d.datdba = r.oid AS owner
         FROM pg_roles r, pg_database d
        WHERE r.rolname = current_user AND d.datname = current_database()`,
    );
    if (role?.rolsuper || role?.owner) {
      const message = 'DATABASE_URL connects as a superuser or the database owner; use the application role';
      if (!this.config.isProduction) return this.logger.warn(message);
      await this.dataSource.destroy();
      throw new Error(message);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.retrying;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
