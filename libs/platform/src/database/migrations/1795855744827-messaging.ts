import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class Messaging1795855744827 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "threads" ("id" uuid NOT NULL, "kind" text NOT NULL, "network_id" uuid, "created_by" uuid NOT NULL, "wrapped_key" text NOT NULL, "master_key_id" text NOT NULL, "subject_sealed" text NOT NULL, "pinned" boolean NOT NULL DEFAULT false, "locked" boolean NOT NULL DEFAULT false, "archived" boolean NOT NULL DEFAULT false, "last_seq" bigint NOT NULL DEFAULT '0', "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d8a74804c34fc3900502cd27275" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "threads_network_id_idx" ON "threads"  ("network_id") `);
    await queryRunner.query(`CREATE INDEX "threads_master_key_id_idx" ON "threads"  ("master_key_id") `);
    await queryRunner.query(
      `CREATE TABLE "thread_participants" ("thread_id" uuid NOT NULL, "user_id" uuid NOT NULL, "added_by" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_36d229ec51689a184711268fe09" PRIMARY KEY ("thread_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "thread_participants_user_id_idx" ON "thread_participants"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "thread_reads" ("thread_id" uuid NOT NULL, "user_id" uuid NOT NULL, "last_read_seq" bigint NOT NULL DEFAULT '0', "noticed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_21fb598bdd8f46af57ee725b172" PRIMARY KEY ("thread_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "messages" ("id" uuid NOT NULL, "thread_id" uuid NOT NULL, "seq" bigint NOT NULL, "author_id" uuid NOT NULL, "client_id" uuid NOT NULL, "body_sealed" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "deleted_by" uuid, CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "messages_client_id_key" ON "messages"  ("thread_id", "author_id", "client_id") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "messages_thread_seq_key" ON "messages"  ("thread_id", "seq") `);
    await queryRunner.query(
      `CREATE TABLE "message_edits" ("id" uuid NOT NULL, "message_id" uuid NOT NULL, "body_sealed" text NOT NULL, "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_38e8913cdc69c8908540910301c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "message_edits_message_id_idx" ON "message_edits"  ("message_id") `);
    await queryRunner.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_cf71702e3ff29d544612c4107e2" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_d8d74bcfa3ef439fa3742445e28" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "thread_participants" ADD CONSTRAINT "FK_c0b642fb1e69a2d51ad4a427635" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "thread_participants" ADD CONSTRAINT "FK_61f9bbd46493dd7274f039a77af" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "thread_reads" ADD CONSTRAINT "FK_cd09dab00ef27d7014d49cdde7f" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "thread_reads" ADD CONSTRAINT "FK_f43cce923ead83fc3e1201cf160" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_bb3af7f695d50083e6523290d41" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_05535bc695e9f7ee104616459d3" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_edits" ADD CONSTRAINT "FK_e55266a1aace3c913e81bd129c5" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Threads and messages are never deleted by the app (a deleted message is a tombstone row); participants
    // and earlier versions are (removal, deletion of a message's text).
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "threads", "messages", "thread_reads" TO ${RUNTIME_ROLE}`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON "thread_participants", "message_edits" TO ${RUNTIME_ROLE}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "message_edits" DROP CONSTRAINT "FK_e55266a1aace3c913e81bd129c5"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_05535bc695e9f7ee104616459d3"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_bb3af7f695d50083e6523290d41"`);
    await queryRunner.query(`ALTER TABLE "thread_reads" DROP CONSTRAINT "FK_f43cce923ead83fc3e1201cf160"`);
    await queryRunner.query(`ALTER TABLE "thread_reads" DROP CONSTRAINT "FK_cd09dab00ef27d7014d49cdde7f"`);
    await queryRunner.query(`ALTER TABLE "thread_participants" DROP CONSTRAINT "FK_61f9bbd46493dd7274f039a77af"`);
    await queryRunner.query(`ALTER TABLE "thread_participants" DROP CONSTRAINT "FK_c0b642fb1e69a2d51ad4a427635"`);
    await queryRunner.query(`ALTER TABLE "threads" DROP CONSTRAINT "FK_d8d74bcfa3ef439fa3742445e28"`);
    await queryRunner.query(`ALTER TABLE "threads" DROP CONSTRAINT "FK_cf71702e3ff29d544612c4107e2"`);
    await queryRunner.query(`DROP INDEX "public"."message_edits_message_id_idx"`);
    await queryRunner.query(`DROP TABLE "message_edits"`);
    await queryRunner.query(`DROP INDEX "public"."messages_thread_seq_key"`);
    await queryRunner.query(`DROP INDEX "public"."messages_client_id_key"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP TABLE "thread_reads"`);
    await queryRunner.query(`DROP INDEX "public"."thread_participants_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "thread_participants"`);
    await queryRunner.query(`DROP INDEX "public"."threads_master_key_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."threads_network_id_idx"`);
    await queryRunner.query(`DROP TABLE "threads"`);
  }
}
