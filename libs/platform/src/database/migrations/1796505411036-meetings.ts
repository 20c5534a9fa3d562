import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class Meetings1796505411036 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "network_id" uuid NOT NULL, "organizer_id" uuid NOT NULL, "title" text NOT NULL, "agenda" text NOT NULL DEFAULT '', "start_local" text NOT NULL, "time_zone" text NOT NULL, "duration_minutes" integer NOT NULL, "rrule" text, "mode" text NOT NULL, "online_url" text, "place" text, "invite_scope" text NOT NULL, "state_codes" text array NOT NULL DEFAULT '{}', "invitee_ids" uuid array NOT NULL DEFAULT '{}', "include_secretariat" boolean NOT NULL DEFAULT false, "reminder_minutes" integer array NOT NULL, "sequence" integer NOT NULL DEFAULT '0', "cancelled_at" TIMESTAMP WITH TIME ZONE, "minutes" text, "minutes_posted_at" TIMESTAMP WITH TIME ZONE, "forum_thread_id" uuid, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "meetings_network_idx" ON "meetings"  ("network_id") `);
    await queryRunner.query(
      `CREATE TABLE "meeting_answers" ("meeting_id" uuid NOT NULL, "user_id" uuid NOT NULL, "occurrence_id" text NOT NULL, "answer" text NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2960474ad8f45a61e8d0b1292d2" PRIMARY KEY ("meeting_id", "user_id", "occurrence_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_notices" ("event_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "method" text NOT NULL, "occurrence_id" text, "sequence" integer NOT NULL, CONSTRAINT "PK_f52f2d310e13e5656500034dba7" PRIMARY KEY ("event_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_occurrences" ("meeting_id" uuid NOT NULL, "occurrence_id" text NOT NULL, "moved_to_local" text, "cancelled" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_b767553506dff080c6d6fde569d" PRIMARY KEY ("meeting_id", "occurrence_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_reminders" ("meeting_id" uuid NOT NULL, "occurrence_id" text NOT NULL, "version" integer NOT NULL, "offset_minutes" integer NOT NULL, "recipients" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_10a38478c018b190b66e489c481" PRIMARY KEY ("meeting_id", "occurrence_id", "version", "offset_minutes"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "meetings" ADD CONSTRAINT "FK_95f715dc3c918217fa9f87df676" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meetings" ADD CONSTRAINT "FK_51783596c43363cc8fe4b6e3f84" FOREIGN KEY ("organizer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_answers" ADD CONSTRAINT "FK_aa778f4c1e341ac5a8470ea31d0" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_answers" ADD CONSTRAINT "FK_33b58e7c989c0fbac385df6e5ba" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_notices" ADD CONSTRAINT "FK_c15c7948b76bec742c5f673c38a" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_notices" ADD CONSTRAINT "FK_f52f2d310e13e5656500034dba7" FOREIGN KEY ("event_id") REFERENCES "notification_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_occurrences" ADD CONSTRAINT "FK_0d847dd6eba454d05db2a250e95" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_reminders" ADD CONSTRAINT "FK_0e756ccde7e608ba09a0fff7217" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Meetings are cancelled, never deleted; reminder claims and calendar notices are the record of what was
    // sent. Occurrence changes go when their series is given a new rule.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "meetings", "meeting_answers" TO ${RUNTIME_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "meeting_occurrences" TO ${RUNTIME_ROLE}`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "meeting_reminders", "meeting_notices" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "meeting_reminders" DROP CONSTRAINT "FK_0e756ccde7e608ba09a0fff7217"`);
    await queryRunner.query(`ALTER TABLE "meeting_occurrences" DROP CONSTRAINT "FK_0d847dd6eba454d05db2a250e95"`);
    await queryRunner.query(`ALTER TABLE "meeting_notices" DROP CONSTRAINT "FK_f52f2d310e13e5656500034dba7"`);
    await queryRunner.query(`ALTER TABLE "meeting_notices" DROP CONSTRAINT "FK_c15c7948b76bec742c5f673c38a"`);
    await queryRunner.query(`ALTER TABLE "meeting_answers" DROP CONSTRAINT "FK_33b58e7c989c0fbac385df6e5ba"`);
    await queryRunner.query(`ALTER TABLE "meeting_answers" DROP CONSTRAINT "FK_aa778f4c1e341ac5a8470ea31d0"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP CONSTRAINT "FK_51783596c43363cc8fe4b6e3f84"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP CONSTRAINT "FK_95f715dc3c918217fa9f87df676"`);
    await queryRunner.query(`DROP TABLE "meeting_reminders"`);
    await queryRunner.query(`DROP TABLE "meeting_occurrences"`);
    await queryRunner.query(`DROP TABLE "meeting_notices"`);
    await queryRunner.query(`DROP TABLE "meeting_answers"`);
    await queryRunner.query(`DROP INDEX "public"."meetings_network_idx"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
  }
}
