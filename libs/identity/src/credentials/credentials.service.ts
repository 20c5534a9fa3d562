import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock, Keyring, KeyRotation, type RewrapFailure } from '@liaison/platform';
import { User } from '../users/user.entity';
import { RecoveryCode } from './recovery-code.entity';
import { newRecoveryCode, normaliseRecoveryCode, sha256 } from './secrets';
import { TOTP_SECRET_CONTEXT, totpSecretContext, totpStep } from './totp';

export const RECOVERY_CODE_COUNT = 10;

/** Second factors: TOTP codes (each accepted once, on any node) and single-use recovery codes. */
@Injectable()
export class CredentialsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
    private readonly rotation: KeyRotation,
  ) {}

  onModuleInit(): void {
    // Rotation re-seals under the current key, and binds to their user the secrets sealed before that existed.
    const stale = `totp_secret_bound = false OR split_part(totp_secret, '.', 2) <> $1`;
    this.rotation.register({
      name: 'TOTP secrets',
      pending: async (currentKeyId, skip = new Set()) =>
        Number(
          (
            (await this.dataSource.query(
              `SELECT count(*) AS n FROM users WHERE (${stale}) AND NOT (id::text = ANY($2))`,
              [currentKeyId, [...skip]],
            )) as { n: string }[]
          )[0].n,
        ),
      rewrap: (keyring, limit, skip) =>
        this.dataSource.transaction(async (manager) => {
          const rows = (await manager.query(
            `SELECT id, totp_secret AS "totpSecret", totp_secret_bound AS "totpSecretBound" FROM users
              WHERE (${stale}) AND NOT (id::text = ANY($3)) LIMIT $2 FOR UPDATE SKIP LOCKED`,
            [keyring.currentKeyId, limit, [...skip]],
          )) as Pick<User, 'id' | 'totpSecret' | 'totpSecretBound'>[];
          const failed: RewrapFailure[] = [];
          let done = 0;
          for (const row of rows) {
            const secret = this.openTotpSecret(row, keyring);
            if (secret === null) {
              failed.push({ id: row.id, reason: 'does not decrypt for this row' });
              continue;
            }
            await manager.update(
              User,
              { id: row.id },
              { totpSecret: this.sealTotpSecret(row.id, secret, keyring), totpSecretBound: true },
            );
            done += 1;
          }
          return { done, failed };
        }),
    });
  }

  /**
   * TOTP secrets are stored encrypted (AES-256-GCM under the platform keyring), with the user's id in the
   * encryption context: a sealed secret copied into another user's row does not decrypt there.
   */
  sealTotpSecret(userId: string, secret: string, keyring: Keyring = this.keyring): string {
    return keyring.encrypt(secret, totpSecretContext(userId));
  }

  /** The plain secret of a user's row; null if it does not decrypt for this row (moved from another). */
  openTotpSecret(
    user: Pick<User, 'id' | 'totpSecret' | 'totpSecretBound'>,
    keyring: Keyring = this.keyring,
  ): string | null {
    try {
      return keyring.decrypt(user.totpSecret, user.totpSecretBound ? totpSecretContext(user.id) : TOTP_SECRET_CONTEXT);
    } catch {
      return null;
    }
  }

  /**
   * Accepts a TOTP code once: the step it belongs to must be later than the last accepted one, and the
   * conditional UPDATE makes that check and the record one atomic step across all nodes.
   */
  async acceptTotp(
    user: Pick<User, 'id' | 'totpSecret' | 'totpSecretBound'>,
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const secret = this.openTotpSecret(user);
    if (secret === null) return false;
    const step = totpStep(secret, code, this.clock.now());
    if (step === null) return false;
    // A secret sealed before secrets were bound to their user is re-sealed now, with the accepted step.
    const rebind = user.totpSecretBound
      ? {}
      : { totpSecret: this.sealTotpSecret(user.id, secret), totpSecretBound: true };
    const result = await manager
      .createQueryBuilder()
      .update(User)
      .set({ totpLastStep: String(step), ...rebind })
      .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', { id: user.id, step })
      .execute();
    return result.affected === 1;
  }

  /** Uses up one recovery code; false if it is wrong or already used. */
  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(RecoveryCode)
      .set({ usedAt: this.clock.now() })
      .where('user_id = :userId AND code_hash = :hash AND used_at IS NULL', {
        userId,
        hash: sha256(normaliseRecoveryCode(code)),
      })
      .execute();
    return result.affected === 1;
  }

  /** Replaces all of a user's recovery codes; the plain codes are returned once, to be shown once. */
  async replaceRecoveryCodes(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await manager.delete(RecoveryCode, { userId });
    await manager.insert(
      RecoveryCode,
      codes.map((code) => ({ userId, codeHash: sha256(code) })),
    );
    return codes;
  }

  async remainingRecoveryCodes(userId: string): Promise<number> {
    return this.dataSource.getRepository(RecoveryCode).count({ where: { userId, usedAt: IsNull() } });
  }
}
