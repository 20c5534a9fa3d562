import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class Helpdesk1796505607609 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "helpdesk_tickets" ("id" uuid NOT NULL, "reference" text NOT NULL, "year" integer NOT NULL, "number" integer NOT NULL, "status" text NOT NULL DEFAULT 'new', "priority" text NOT NULL DEFAULT 'normal', "filed_by" uuid NOT NULL, "requester_authority_id" uuid NOT NULL, "requester_state_code" character(2) NOT NULL, "requested_state_code" character(2) NOT NULL, "requested_authority_id" uuid, "cooperation_type" text NOT NULL, "offence_category" text NOT NULL, "legal_basis" text NOT NULL, "legal_instrument" text, "date_sent" date NOT NULL, "channel" text NOT NULL, "blockage_reason" text NOT NULL, "blocked_since" date, "refusal_ground" text, "urgency" text array NOT NULL DEFAULT '{}', "deadline" date, "wrapped_key" text NOT NULL, "master_key_id" text NOT NULL, "description_sealed" text NOT NULL, "requester_reference_sealed" text NOT NULL, "blockage_details_sealed" text, "assignee_id" uuid, "public_thread_id" uuid NOT NULL, "internal_thread_id" uuid NOT NULL, "outcome" text, "outcome_ground" text, "duplicate_of" uuid, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_960efc87bb0252f214733ee8cb9" UNIQUE ("reference"), CONSTRAINT "UQ_147e44fa6808363bf90ba07b2d5" UNIQUE ("public_thread_id"), CONSTRAINT "UQ_08f8a03ae8b3bff86ba5bd12db6" UNIQUE ("internal_thread_id"), CONSTRAINT "helpdesk_tickets_year_number_key" UNIQUE ("year", "number"), CONSTRAINT "PK_60d770b7484651e065aff8af928" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "helpdesk_tickets_requester_authority_idx" ON "helpdesk_tickets"  ("requester_authority_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "helpdesk_tickets_queue_idx" ON "helpdesk_tickets"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_ticket_counterparts" ("ticket_id" uuid NOT NULL, "user_id" uuid NOT NULL, "invited_by" uuid NOT NULL, "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cf18d6e6ada1e9923892596fab5" PRIMARY KEY ("ticket_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "helpdesk_ticket_counterparts_user_idx" ON "helpdesk_ticket_counterparts"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_ticket_events" ("id" BIGSERIAL NOT NULL, "ticket_id" uuid NOT NULL, "actor_id" uuid, "action" text NOT NULL, "old_value" text, "new_value" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_02d01d324d590e84076dbca4099" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "helpdesk_ticket_events_ticket_idx" ON "helpdesk_ticket_events"  ("ticket_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_ticket_networks" ("ticket_id" uuid NOT NULL, "network_id" uuid NOT NULL, CONSTRAINT "PK_f6c1a8861005c65f15260e259a3" PRIMARY KEY ("ticket_id", "network_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "helpdesk_ticket_networks_network_idx" ON "helpdesk_ticket_networks"  ("network_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "helpdesk_reference_counters" ("year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_9b0d67141e8621c26a5f24d5514" PRIMARY KEY ("year"))`,
    );
    await queryRunner.query(`ALTER TABLE "notification_events" ADD "reference" text`);
    await queryRunner.query(
      `ALTER TABLE "helpdesk_tickets" ADD CONSTRAINT "FK_6e0077ae69897fce258ce0c62ec" FOREIGN KEY ("filed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_tickets" ADD CONSTRAINT "FK_7bd623081a9df1a506751dc41ba" FOREIGN KEY ("requester_authority_id") REFERENCES "authorities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_tickets" ADD CONSTRAINT "FK_900bcbae939360b0b758463ac18" FOREIGN KEY ("requested_state_code") REFERENCES "states"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_tickets" ADD CONSTRAINT "FK_9d9d3c4e278cafcd1240da02cb8" FOREIGN KEY ("requested_authority_id") REFERENCES "authorities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_tickets" ADD CONSTRAINT "FK_0b1782a1d8acd6885f0ea72d7ae" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_tickets" ADD CONSTRAINT "FK_147e44fa6808363bf90ba07b2d5" FOREIGN KEY ("public_thread_id") REFERENCES "threads"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_tickets" ADD CONSTRAINT "FK_08f8a03ae8b3bff86ba5bd12db6" FOREIGN KEY ("internal_thread_id") REFERENCES "threads"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_tickets" ADD CONSTRAINT "FK_20b73558816a7504d3c2abd3559" FOREIGN KEY ("duplicate_of") REFERENCES "helpdesk_tickets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_counterparts" ADD CONSTRAINT "FK_a7aec9937e9841473aa61c7f387" FOREIGN KEY ("ticket_id") REFERENCES "helpdesk_tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_counterparts" ADD CONSTRAINT "FK_b8754ce5d7c284c69f80e8c1415" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_counterparts" ADD CONSTRAINT "FK_a585f93747016fdbfcc5a48f102" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_events" ADD CONSTRAINT "FK_6fdaae78395fb931e4dd7e96a2e" FOREIGN KEY ("ticket_id") REFERENCES "helpdesk_tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_events" ADD CONSTRAINT "FK_0d9d357d72548d10bd6afa53a0a" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_networks" ADD CONSTRAINT "FK_da1a9fd19eb336918924bb2f21c" FOREIGN KEY ("ticket_id") REFERENCES "helpdesk_tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_networks" ADD CONSTRAINT "FK_7abff14e5dc1b3fa7caff4918c1" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Tickets and the counter change; networks, counterparts and the timeline are only ever added to.
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE ON "helpdesk_tickets", "helpdesk_reference_counters" TO ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(
      `GRANT SELECT, INSERT ON "helpdesk_ticket_networks", "helpdesk_ticket_counterparts", "helpdesk_ticket_events" TO ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "helpdesk_ticket_events_id_seq" TO ${RUNTIME_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "helpdesk_ticket_networks" DROP CONSTRAINT "FK_7abff14e5dc1b3fa7caff4918c1"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_ticket_networks" DROP CONSTRAINT "FK_da1a9fd19eb336918924bb2f21c"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_ticket_events" DROP CONSTRAINT "FK_0d9d357d72548d10bd6afa53a0a"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_ticket_events" DROP CONSTRAINT "FK_6fdaae78395fb931e4dd7e96a2e"`);
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_counterparts" DROP CONSTRAINT "FK_a585f93747016fdbfcc5a48f102"`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_counterparts" DROP CONSTRAINT "FK_b8754ce5d7c284c69f80e8c1415"`,
    );
    await queryRunner.query(
      `ALTER TABLE "helpdesk_ticket_counterparts" DROP CONSTRAINT "FK_a7aec9937e9841473aa61c7f387"`,
    );
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP CONSTRAINT "FK_20b73558816a7504d3c2abd3559"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP CONSTRAINT "FK_08f8a03ae8b3bff86ba5bd12db6"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP CONSTRAINT "FK_147e44fa6808363bf90ba07b2d5"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP CONSTRAINT "FK_0b1782a1d8acd6885f0ea72d7ae"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP CONSTRAINT "FK_9d9d3c4e278cafcd1240da02cb8"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP CONSTRAINT "FK_900bcbae939360b0b758463ac18"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP CONSTRAINT "FK_7bd623081a9df1a506751dc41ba"`);
    await queryRunner.query(`ALTER TABLE "helpdesk_tickets" DROP CONSTRAINT "FK_6e0077ae69897fce258ce0c62ec"`);
    await queryRunner.query(`ALTER TABLE "notification_events" DROP COLUMN "reference"`);
    await queryRunner.query(`DROP TABLE "helpdesk_reference_counters"`);
    await queryRunner.query(`DROP INDEX "public"."helpdesk_ticket_networks_network_idx"`);
    await queryRunner.query(`DROP TABLE "helpdesk_ticket_networks"`);
    await queryRunner.query(`DROP INDEX "public"."helpdesk_ticket_events_ticket_idx"`);
    await queryRunner.query(`DROP TABLE "helpdesk_ticket_events"`);
    await queryRunner.query(`DROP INDEX "public"."helpdesk_ticket_counterparts_user_idx"`);
    await queryRunner.query(`DROP TABLE "helpdesk_ticket_counterparts"`);
    await queryRunner.query(`DROP INDEX "public"."helpdesk_tickets_queue_idx"`);
    await queryRunner.query(`DROP INDEX "public"."helpdesk_tickets_requester_authority_idx"`);
    await queryRunner.query(`DROP TABLE "helpdesk_tickets"`);
  }
}
