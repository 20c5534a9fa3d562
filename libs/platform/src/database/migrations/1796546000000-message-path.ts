import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

/**
 * The message path's storage, for throughput: a message's search tokens become one array column with a GIN
 * index (one row and one index insertion per message instead of 30–60 rows, each with its btree entries and
 * foreign-key check), and the people a message mentions are kept on it until the worker has told them
 * (`mentions` is cleared in the transaction that writes their notices: told exactly once, off the send path).
 */
export class MessagePath1796546000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" ADD "search_tokens" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "mentions" uuid array`);
    await queryRunner.query(
      `UPDATE "messages" m SET "search_tokens" = x.tokens
         FROM (SELECT message_id, array_agg(token ORDER BY token) AS tokens FROM "message_tokens" GROUP BY message_id) x
        WHERE x.message_id = m.id`,
    );
    await queryRunner.query(`CREATE INDEX "messages_search_tokens_idx" ON "messages" USING gin ("search_tokens")`);
    await queryRunner.query(
      `CREATE INDEX "messages_mentions_pending_idx" ON "messages" ("created_at") WHERE mentions IS NOT NULL`,
    );
    await queryRunner.query(`DROP TABLE "message_tokens"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "message_tokens" ("message_id" uuid NOT NULL, "token" text NOT NULL, CONSTRAINT "PK_7c47787a42d76ba4e54124f4bce" PRIMARY KEY ("message_id", "token"))`,
    );
    await queryRunner.query(`CREATE INDEX "message_tokens_token_idx" ON "message_tokens"  ("token") `);
    await queryRunner.query(
      `ALTER TABLE "message_tokens" ADD CONSTRAINT "FK_79d341c146be729148adf54c0e4" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON "message_tokens" TO ${RUNTIME_ROLE}`);
    await queryRunner.query(
      `INSERT INTO "message_tokens" (message_id, token) SELECT id, unnest(search_tokens) FROM "messages" ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(`DROP INDEX "public"."messages_mentions_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_search_tokens_idx"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "mentions"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "search_tokens"`);
  }
}
