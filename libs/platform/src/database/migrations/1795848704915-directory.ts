import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '../database-roles';

export class Directory1795848704915 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    // Directory search ignores accents and case ("Réunion" = "reunion"). unaccent is a trusted extension:
    // the database owner may create it. The wrapper is IMMUTABLE so it can be indexed later.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(
      `CREATE FUNCTION unaccent_lower(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
    );
    await queryRunner.query(
      `CREATE TABLE "states" ("code" character(2) NOT NULL, "name" text NOT NULL, "untoc_party" boolean NOT NULL DEFAULT false, "untoc_extradition_basis" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b8af4194277281dcfe08be42643" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "networks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61b1ee921bf79550d9d4742b9f7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "networks_slug_key" ON "networks"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "network_states" ("network_id" uuid NOT NULL, "state_code" character(2) NOT NULL, CONSTRAINT "PK_4179e803b277ce140882da797f1" PRIMARY KEY ("network_id", "state_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "network_members" ("network_id" uuid NOT NULL, "user_id" uuid NOT NULL, "network_role" text NOT NULL DEFAULT 'member', "added_by" uuid, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ab16a143194014e05e289b3aa3c" PRIMARY KEY ("network_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "network_members_user_id_idx" ON "network_members"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "authorities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "state_code" character(2) NOT NULL, "name" text NOT NULL, "categories" text array NOT NULL DEFAULT '{}', "office_hours" jsonb NOT NULL, "time_zone" text NOT NULL, "languages" text array NOT NULL DEFAULT '{}', "documents_required" text array NOT NULL DEFAULT '{}', "channels" text array NOT NULL DEFAULT '{}', "accepts_interpol" boolean NOT NULL DEFAULT false, "urgent_procedure" text, "remarks" text, "contact" jsonb NOT NULL, "last_verified" date, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_10bd95b9548629cdf02016dab65" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "authorities_state_code_idx" ON "authorities"  ("state_code") `);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "network_ids"`);
    await queryRunner.query(
      `ALTER TABLE "network_states" ADD CONSTRAINT "FK_c2bf4cb31a360c0ad3d11a693a3" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_states" ADD CONSTRAINT "FK_df0a6e4fe63e682185357f8095d" FOREIGN KEY ("state_code") REFERENCES "states"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_members" ADD CONSTRAINT "FK_240ed36e942046faaae89f8012c" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_members" ADD CONSTRAINT "FK_7a05c689d31caf963e21306f09a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "authorities" ADD CONSTRAINT "FK_fe379bb2fae00c952a03dc2403a" FOREIGN KEY ("state_code") REFERENCES "states"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "states", "authorities", "networks" TO ${RUNTIME_ROLE}`);
    // Membership rows are replaced and removed as people join and leave.
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON "network_states", "network_members" TO ${RUNTIME_ROLE}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "authorities" DROP CONSTRAINT "FK_fe379bb2fae00c952a03dc2403a"`);
    await queryRunner.query(`ALTER TABLE "network_members" DROP CONSTRAINT "FK_7a05c689d31caf963e21306f09a"`);
    await queryRunner.query(`ALTER TABLE "network_members" DROP CONSTRAINT "FK_240ed36e942046faaae89f8012c"`);
    await queryRunner.query(`ALTER TABLE "network_states" DROP CONSTRAINT "FK_df0a6e4fe63e682185357f8095d"`);
    await queryRunner.query(`ALTER TABLE "network_states" DROP CONSTRAINT "FK_c2bf4cb31a360c0ad3d11a693a3"`);
    await queryRunner.query(`ALTER TABLE "users" ADD "network_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`DROP INDEX "public"."authorities_state_code_idx"`);
    await queryRunner.query(`DROP TABLE "authorities"`);
    await queryRunner.query(`DROP INDEX "public"."network_members_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "network_members"`);
    await queryRunner.query(`DROP TABLE "network_states"`);
    await queryRunner.query(`DROP INDEX "public"."networks_slug_key"`);
    await queryRunner.query(`DROP TABLE "networks"`);
    await queryRunner.query(`DROP TABLE "states"`);
    await queryRunner.query(`DROP FUNCTION unaccent_lower(text)`);
  }
}
