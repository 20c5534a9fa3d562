import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock, Keyring, keyringColumn, KeyRotation } from '@liaison/platform';
import { User } from '../users/user.entity';
import { RecoveryCode } from './recovery-code.entity';
import { newRecoveryCode, normaliseRecoveryCode, sha256 } from './secrets';
import { TOTP_SECRET_CONTEXT, totpStep } from './totp';

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
    this.rotation.register(
      keyringColumn(this.dataSource, {
        name: 'TOTP secrets',
        table: 'users',
        column: 'totp_secret',
        context: () => TOTP_SECRET_CONTEXT,
      }),
    );
  }

  /** TOTP secrets are stored encrypted (AES-256-GCM under the platform keyring). */
  sealTotpSecret(secret: string): string {
    return this.keyring.encrypt(secret, TOTP_SECRET_CONTEXT);
  }

  /**
   * Accepts a TOTP code once: the step it belongs to must be later than the last accepted one, and the
   * conditional UPDATE makes that check and the record one atomic step across all nodes.
   */
  async acceptTotp(
    user: Pick<User, 'id' | 'totpSecret'>,
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const step = totpStep(this.keyring.decrypt(user.totpSecret, TOTP_SECRET_CONTEXT), code, this.clock.now());
    if (step === null) return false;
    const result = await manager
      .createQueryBuilder()
      .update(User)
      .set({ totpLastStep: String(step) })
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
