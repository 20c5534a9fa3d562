import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class DirectoryEditing1796524988177 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "authority_versions" ("authority_id" uuid NOT NULL, "version" integer NOT NULL, "fields" jsonb NOT NULL, "source" text NOT NULL, "actor_id" uuid, "proposal_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e24aa9b3f16cd1eaed4f6e50c0f" PRIMARY KEY ("authority_id", "version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "authority_verification_reminders" ("authority_id" uuid NOT NULL, "cycle_due" date NOT NULL, "recipients" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3f9889331f79b54b5874726683b" PRIMARY KEY ("authority_id", "cycle_due"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "authority_proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "proposer_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'pending', "base_version" integer NOT NULL, "base" jsonb NOT NULL, "changes" jsonb NOT NULL, "conflicts" text array NOT NULL DEFAULT '{}', "reason" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "approved_version" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4c52990e453eb2ed3abc27d980f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "authority_proposals_authority_idx" ON "authority_proposals"  ("authority_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "authority_proposals_status_idx" ON "authority_proposals"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "directory_snapshots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "record_count" integer NOT NULL, "records" jsonb NOT NULL, CONSTRAINT "PK_758e68fdd5cee8a6284329a8895" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "authorities" ADD "central_authority" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "authorities" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `ALTER TABLE "authority_versions" ADD CONSTRAINT "FK_5fbf71c71ba6243f3f91979bf5e" FOREIGN KEY ("authority_id") REFERENCES "authorities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "authority_verification_reminders" ADD CONSTRAINT "FK_0ece767523bb4f5ba1b924f3fbf" FOREIGN KEY ("authority_id") REFERENCES "authorities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "authority_proposals" ADD CONSTRAINT "FK_13e30b1d5097cceb13d5b1edda6" FOREIGN KEY ("authority_id") REFERENCES "authorities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Every record as it stands now is its version 1.
    await queryRunner.query(
      `INSERT INTO "authority_versions" ("authority_id", "version", "fields", "source")
       SELECT "id", 1, jsonb_build_object(
         'name', "name", 'categories', to_jsonb("categories"), 'officeHours', "office_hours", 'timeZone', "time_zone",
         'languages', to_jsonb("languages"), 'documentsRequired', to_jsonb("documents_required"),
         'channels', to_jsonb("channels"), 'acceptsInterpol', "accepts_interpol", 'urgentProcedure', "urgent_procedure",
         'remarks', "remarks", 'contact.address', "contact"->'address', 'contact.phone', "contact"->'phone',
         'contact.fax', "contact"->'fax', 'contact.email', "contact"->'email', 'contact.website', "contact"->'website'),
         'created'
       FROM "authorities"`,
    );
    // Versions and published snapshots are never changed or deleted; proposals are decided, never deleted.
    await queryRunner.query(
      `GRANT SELECT, INSERT ON "authority_versions", "directory_snapshots", "authority_verification_reminders" TO ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "authority_proposals" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authority_proposals" DROP CONSTRAINT "FK_13e30b1d5097cceb13d5b1edda6"`);
    await queryRunner.query(
      `ALTER TABLE "authority_verification_reminders" DROP CONSTRAINT "FK_0ece767523bb4f5ba1b924f3fbf"`,
    );
    await queryRunner.query(`ALTER TABLE "authority_versions" DROP CONSTRAINT "FK_5fbf71c71ba6243f3f91979bf5e"`);
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "central_authority"`);
    await queryRunner.query(`DROP TABLE "directory_snapshots"`);
    await queryRunner.query(`DROP INDEX "public"."authority_proposals_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."authority_proposals_authority_idx"`);
    await queryRunner.query(`DROP TABLE "authority_proposals"`);
    await queryRunner.query(`DROP TABLE "authority_verification_reminders"`);
    await queryRunner.query(`DROP TABLE "authority_versions"`);
  }
}
