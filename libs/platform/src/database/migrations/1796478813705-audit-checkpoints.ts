import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class AuditCheckpoints1796478813705 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoints" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_entry_id" bigint NOT NULL, "last_hash" character(64) NOT NULL, "key_id" text NOT NULL, "mac" character(64) NOT NULL, CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id"))`,
    );
    // Append-only for the application, like audit_log (whose grants stay SELECT, INSERT): anchors are
    // added, never changed, removed or truncated.
    await queryRunner.query(`REVOKE ALL ON "audit_checkpoints" FROM PUBLIC`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "audit_checkpoints" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
  }
}
