import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class HelpdeskSla1796509523110 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "helpdesk_sla_warnings" ("ticket_id" uuid NOT NULL, "clock" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "warned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18b65832414f706343a1783f06c" PRIMARY KEY ("ticket_id", "clock", "due_at"))`,
    );
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ADD "sla_response_target_s" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "helpdesk_tickets" ADD "sla_resolution_target_s" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ADD "sla_elapsed_s" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ADD "sla_running_since" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ADD "first_response_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ADD "response_working_s" integer`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ADD "resolution_working_s" integer`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ADD "response_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ADD "resolution_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ALTER COLUMN "due_at" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "helpdesk_tickets_due_idx" ON "helpdesk_tickets"  ("due_at") `);
    await queryRunner.query(
      `ALTER TABLE "helpdesk_sla_warnings" ADD CONSTRAINT "FK_b4a912c62a4748c7301325a0831" FOREIGN KEY ("ticket_id") REFERENCES "helpdesk_tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Tickets filed before the clocks existed: theirs runs from filing; the next change re-plans it.
    await queryRunner.query(
      `UPDATE "helpdesk_tickets" SET "sla_running_since" = "created_at" WHERE "status" IN ('new', 'triaged', 'in_progress', 'waiting_counterpart')`,
    );
    // A warning is claimed once and kept (the claim is what makes a job run twice warn once).
    await queryRunner.query(`GRANT SELECT, INSERT ON "helpdesk_sla_warnings" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "helpdesk_sla_warnings" DROP CONSTRAINT "FK_b4a912c62a4748c7301325a0831"`);
    await queryRunner.query(`DROP INDEX "public"."helpdesk_tickets_due_idx"`);
    await queryRunner.query(`UPDATE "helpdesk_tickets" SET "due_at" = "updated_at" WHERE "due_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" ALTER COLUMN "due_at" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP COLUMN "resolution_due_at"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP COLUMN "response_due_at"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP COLUMN "resolution_working_s"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP COLUMN "response_working_s"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP COLUMN "first_response_at"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP COLUMN "sla_running_since"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP COLUMN "sla_elapsed_s"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP COLUMN "sla_resolution_target_s"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP COLUMN "sla_response_target_s"`);
    await queryRunner.query(`DROP TABLE "helpdesk_sla_warnings"`);
  }
}
