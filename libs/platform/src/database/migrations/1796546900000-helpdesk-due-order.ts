import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The triage queue's due-date sort reads in index order: overdue tickets come first in it, so an overdue
 * page reads its 50 tickets instead of sorting all of them (paused and stopped clocks, no deadline, last).
 */
export class HelpdeskDueOrder1796546900000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "helpdesk_tickets_due_order_idx" ON "helpdesk_tickets" ((COALESCE("due_at", 'infinity'::timestamptz)), "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."helpdesk_tickets_due_order_idx"`);
  }
}
