import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Metrics } from '../metrics/metrics';

/**
 * The connection pool seen from this process: clients in it, idle, and callers waiting for one. Waiting
 * callers are the first sign of an overloaded node (past the pool's wait they are answered 503).
 */
@Injectable()
export class PoolMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const read = (field: 'totalCount' | 'idleCount' | 'waitingCount') => () => {
      // The driver makes its pool on connect; before that (PostgreSQL still away) there is none.
      const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
      return pool ? pool[field] : 0;
    };
    this.metrics.gauge('liaison_db_pool_clients', 'Connections in the PostgreSQL pool', read('totalCount'));
    this.metrics.gauge('liaison_db_pool_idle', 'Idle connections in the PostgreSQL pool', read('idleCount'));
    this.metrics.gauge(
      'liaison_db_pool_waiting',
      'Callers waiting for a PostgreSQL connection (all connections busy)',
      read('waitingCount'),
    );
  }
}
