import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class WorkingCalendar1796509291574 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "working_calendars" ("id" text NOT NULL, "time_zone" text NOT NULL, "hours" jsonb NOT NULL, "holidays" jsonb NOT NULL DEFAULT '[]', "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d317a29e720e4fe208440de42a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "working_calendars" ADD CONSTRAINT "FK_06cca046eecce4df5a12844ee06" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // The secretariat's calendar until an admin edits it: Vienna, Monday to Friday, 09:00-17:00.
    const day = '[{"start": "09:00", "end": "17:00"}]';
    await queryRunner.query(
      `INSERT INTO "working_calendars" ("id", "time_zone", "hours", "holidays") VALUES ('secretariat', 'Europe/Vienna', '{"mon": ${day}, "tue": ${day}, "wed": ${day}, "thu": ${day}, "fri": ${day}, "sat": [], "sun": []}', '[]')`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "working_calendars" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "working_calendars" DROP CONSTRAINT "FK_06cca046eecce4df5a12844ee06"`);
    await queryRunner.query(`DROP TABLE "working_calendars"`);
  }
}
