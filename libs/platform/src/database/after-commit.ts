import { Logger } from '@nestjs/common';
import { EventSubscriber } from 'typeorm';
import type { EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

const tasks = new WeakMap<QueryRunner, Array<() => unknown>>();
const logger = new Logger('AfterCommit');

function run(task: () => unknown): void {
  void Promise.resolve()
    .then(task)
    .catch((error: unknown) => logger.error(`after-commit task failed: ${(error as Error).message}`));
}

/**
 * Runs `task` once the transaction `manager` belongs to has committed, and never if it rolls back: how a
 * change hands work to Redis (a job, a socket event) without announcing what may not happen. The task is
 * not awaited and its failure is only logged, so it must be recoverable from PostgreSQL (the sweep is).
 * Outside a transaction it runs at once.
 */
export function afterCommit(manager: EntityManager, task: () => unknown): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    run(task);
    return;
  }
  const list = tasks.get(runner) ?? [];
  list.push(task);
  tasks.set(runner, list);
}

/**
 * Registered on the data source (TypeORM instantiates only decorated subscribers): fires the tasks of an
 * outermost commit, drops them on a rollback.
 */
@EventSubscriber()
export class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    // A savepoint release is not the commit: wait for the outermost one.
    if (runner.isTransactionActive) return;
    const list = tasks.get(runner);
    tasks.delete(runner);
    for (const task of list ?? []) run(task);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // Rolling back to a savepoint keeps the outer transaction's tasks; they re-check PostgreSQL anyway.
    if (!event.queryRunner.isTransactionActive) tasks.delete(event.queryRunner);
  }
}
