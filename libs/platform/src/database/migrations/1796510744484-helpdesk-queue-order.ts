import { MigrationInterface, QueryRunner } from 'typeorm';

/** The triage queue pages by the timestamps themselves, in index order (no table sort per page). */
export class HelpdeskQueueOrder1796510744484 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "helpdesk_tickets_updated_idx" ON "helpdesk_tickets"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "helpdesk_tickets_newest_idx" ON "helpdesk_tickets"  ("created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."helpdesk_tickets_newest_idx"`);
    await queryRunner.query(`DROP INDEX "public"."helpdesk_tickets_updated_idx"`);
  }
}
