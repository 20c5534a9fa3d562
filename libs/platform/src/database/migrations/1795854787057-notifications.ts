import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class Notifications1795854787057 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "network_id" uuid, "network_name" text, "actor_id" uuid, "link" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5b828caf9bd52c7e580f5768b14" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "user_id" uuid, "address" text, "channel" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "message_id" text, "secret_link" text, "last_error" text, "unconfirmed" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_deliveries_status_idx" ON "notification_deliveries"  ("status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notification_deliveries_claim_key" ON "notification_deliveries"  ("event_id", "channel", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "user_id" uuid NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "notifications_user_number_idx" ON "notifications"  ("user_id", "number") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notifications_event_user_key" ON "notifications"  ("event_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" text NOT NULL, "email" boolean NOT NULL, CONSTRAINT "PK_4beeeb46feaf58d75e124c8ba58" PRIMARY KEY ("user_id", "kind"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "caught_mail" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "message_id" text, "mail_from" text NOT NULL, "rcpt_to" text array NOT NULL, "subject" text NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_34e75a576d5230ae1850e33e0bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD CONSTRAINT "FK_8ddb63298cb6710bda31363d54f" FOREIGN KEY ("event_id") REFERENCES "notification_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD CONSTRAINT "FK_9fcd0b72070848cc484af6bc1ea" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_6e28bd266f2b68f73f1a5d7a462" FOREIGN KEY ("event_id") REFERENCES "notification_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Events and deliveries are kept as the record of what was told to whom: no DELETE for the app.
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE ON "notification_events", "notification_deliveries", "notifications" TO ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "notification_preferences" TO ${RUNTIME_ROLE}`);
    // The local mail catcher (development only) stores what it receives; admins may clear it.
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON "caught_mail" TO ${RUNTIME_ROLE}`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "notifications_number_seq" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_6e28bd266f2b68f73f1a5d7a462"`);
    await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP CONSTRAINT "FK_9fcd0b72070848cc484af6bc1ea"`);
    await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP CONSTRAINT "FK_8ddb63298cb6710bda31363d54f"`);
    await queryRunner.query(`DROP TABLE "caught_mail"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_event_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_number_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_claim_key"`);
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_status_idx"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP TABLE "notification_events"`);
  }
}
