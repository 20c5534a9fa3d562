import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time links go only by e-mail: a link has a state the issuer sees, no token until it may be sent, a
 * validity that starts when the e-mail leaves, and a TOTP secret chosen by the server. TOTP secrets are
 * sealed to their user (`totp_secret_bound`); rows sealed before stay readable until re-sealed.
 */
export class OneTimeLinksByMail1796000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account_links" ADD "status" text NOT NULL DEFAULT 'pending'`);
    await queryRunner.query(`ALTER TABLE "account_links" ADD "decided_by" uuid`);
    await queryRunner.query(`ALTER TABLE "account_links" ADD "delivery_id" uuid`);
    await queryRunner.query(`ALTER TABLE "account_links" ADD "totp_secret" text`);
    await queryRunner.query(`ALTER TABLE "account_links" ADD "sent_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account_links" ALTER COLUMN "token_hash" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "account_links" ALTER COLUMN "expires_at" DROP NOT NULL`);
    // Links made before: a used one was accepted or replaced (voided either way for its token); the others were
    // handed to their issuer, so they are voided too: nobody but the addressee may hold a live link.
    await queryRunner.query(
      `UPDATE "account_links" SET "status" = 'voided', "used_at" = coalesce("used_at", now()) WHERE "status" = 'pending'`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_secret_bound" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_secret_bound"`);
    await queryRunner.query(`DELETE FROM "account_links" WHERE "token_hash" IS NULL OR "expires_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "account_links" ALTER COLUMN "expires_at" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "account_links" ALTER COLUMN "token_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "account_links" DROP COLUMN "sent_at"`);
    await queryRunner.query(`ALTER TABLE "account_links" DROP COLUMN "totp_secret"`);
    await queryRunner.query(`ALTER TABLE "account_links" DROP COLUMN "delivery_id"`);
    await queryRunner.query(`ALTER TABLE "account_links" DROP COLUMN "decided_by"`);
    await queryRunner.query(`ALTER TABLE "account_links" DROP COLUMN "status"`);
  }
}
