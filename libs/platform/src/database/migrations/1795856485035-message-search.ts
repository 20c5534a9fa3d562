import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class MessageSearch1795856485035 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "message_tokens" ("message_id" uuid NOT NULL, "token" text NOT NULL, CONSTRAINT "PK_7c47787a42d76ba4e54124f4bce" PRIMARY KEY ("message_id", "token"))`,
    );
    await queryRunner.query(`CREATE INDEX "message_tokens_token_idx" ON "message_tokens"  ("token") `);
    await queryRunner.query(
      `ALTER TABLE "message_tokens" ADD CONSTRAINT "FK_79d341c146be729148adf54c0e4" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Tokens are replaced when a message is edited and removed when it is deleted.
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON "message_tokens" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message_tokens" DROP CONSTRAINT "FK_79d341c146be729148adf54c0e4"`);
    await queryRunner.query(`DROP INDEX "public"."message_tokens_token_idx"`);
    await queryRunner.query(`DROP TABLE "message_tokens"`);
  }
}
