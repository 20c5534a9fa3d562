import { BadRequestException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, ValidationProblem } from '@liaison/platform';
import { CredentialsService } from '../credentials/credentials.service';
import { hashPassword, passwordProblem, verifyPassword } from '../credentials/passwords';
import { ClientInfo, IssuedSession, SessionsService } from '../sessions/sessions.service';
import { TokensService } from '../sessions/tokens.service';
import { User } from '../users/user.entity';
import type { AuthUser } from './auth-user';
import { SignInThrottle } from './sign-in-throttle';

const WRONG_CREDENTIALS = 'The e-mail address or the password is wrong';
const WRONG_CODE = 'The code is wrong or has already been used';

export interface SecondFactor {
  code?: string;
  recoveryCode?: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly throttle: SignInThrottle,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  private findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOne({ where: { email: email.trim().toLowerCase() } });
  }

  private async failure(email: string, client: ClientInfo, action: string, user: User | null): Promise<void> {
    const ip = client.ip ?? 'unknown';
    const { lockedPair, lockedIp } = await this.throttle.failed(email, ip);
    await this.audit.append({
      ...client,
      actorId: user?.id ?? null,
      action,
      targetType: 'user',
      targetId: user?.id,
      details: { email: email.trim().toLowerCase() },
    });
    if (lockedPair || lockedIp) {
      await this.audit.append({
        ...client,
        action: 'auth.locked-out',
        targetType: lockedPair ? 'account-address' : 'address',
        targetId: user?.id,
        details: { email: email.trim().toLowerCase(), scope: lockedPair ? 'account+ip' : 'ip' },
      });
    }
  }

  /**
   * Step one: the password. Answers the same way, after the same work, whether the account is unknown,
   * suspended or the password wrong. Success gives a short-lived token for step two, nothing more.
   */
  async signIn(email: string, password: string, client: ClientInfo): Promise<{ mfaToken: string; expiresAt: Date }> {
    const ip = client.ip ?? 'unknown';
    await this.throttle.before(email, ip);
    const user = await this.findByEmail(email);
    const passwordOk = await verifyPassword(user?.passwordHash, password);
    if (!user || !passwordOk || user.status !== 'active') {
      await this.failure(email, client, 'auth.sign-in-failed', user);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    const mfa = await this.tokens.mfa(user.id);
    return { mfaToken: mfa.token, expiresAt: mfa.expiresAt };
  }

  /** Step two: a TOTP code or a recovery code. Opens the session. */
  async completeSignIn(mfaToken: string, factor: SecondFactor, client: ClientInfo): Promise<IssuedSession> {
    const userId = await this.tokens.verifyMfa(mfaToken);
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: userId } });
    if (!user || user.status !== 'active') throw new UnauthorizedException(WRONG_CREDENTIALS);
    const ip = client.ip ?? 'unknown';
    await this.throttle.before(user.email, ip);

    const method = factor.code ? 'totp' : 'recovery-code';
    const accepted = factor.code
      ? await this.credentials.acceptTotp(user, factor.code)
      : factor.recoveryCode
        ? await this.credentials.useRecoveryCode(user.id, factor.recoveryCode)
        : false;
    if (!accepted) {
      await this.failure(user.email, client, 'auth.second-factor-failed', user);
      throw new UnauthorizedException(WRONG_CODE);
    }
    await this.throttle.succeeded(user.email, ip);
    const issued = await this.sessions.open(user, client);
    const actor = { ...client, actorId: user.id };
    if (method === 'recovery-code') {
      await this.audit.append({
        ...actor,
        action: 'auth.recovery-code-used',
        targetType: 'user',
        targetId: user.id,
        details: { remaining: await this.credentials.remainingRecoveryCodes(user.id) },
      });
    }
    await this.audit.append({
      ...actor,
      action: 'auth.signed-in',
      targetType: 'session',
      targetId: issued.sessionId,
      details: { method },
    });
    return issued;
  }

  /**
   * Password and a current TOTP code again, before a sensitive change. Failures count towards the same
   * throttling as sign-in.
   */
  async reauthenticate(caller: AuthUser, password: string, code: string, client: ClientInfo): Promise<User> {
    const ip = client.ip ?? 'unknown';
    await this.throttle.before(caller.email, ip);
    const user = await this.dataSource.getRepository(User).findOneOrFail({ where: { id: caller.id } });
    const ok = (await verifyPassword(user.passwordHash, password)) && (await this.credentials.acceptTotp(user, code));
    if (!ok) {
      await this.failure(user.email, client, 'auth.reauthentication-failed', user);
      throw new UnauthorizedException('The password or the code is wrong');
    }
    return user;
  }

  /** Changes the password after re-authentication and ends the caller's other sessions. */
  async changePassword(
    caller: AuthUser,
    current: string,
    code: string,
    next: string,
    client: ClientInfo,
  ): Promise<void> {
    const problem = passwordProblem(next, { email: caller.email });
    if (problem) throw new ValidationProblem([{ field: 'newPassword', message: problem }]);
    const user = await this.reauthenticate(caller, current, code, client);
    if (await verifyPassword(user.passwordHash, next)) {
      throw new BadRequestException('The new password must differ from the current one');
    }
    const passwordHash = await hashPassword(next);
    const revoked = await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      const ended = await this.sessions.revokeAllWithin(manager, user.id, 'password-changed', caller.sessionId);
      await this.audit.append(
        {
          ...client,
          actorId: user.id,
          action: 'auth.password-changed',
          targetType: 'user',
          targetId: user.id,
          details: { endedSessions: ended.length },
        },
        manager,
      );
      return ended;
    });
    await this.sessions.announceRevoked(user.id, revoked, 'password-changed');
  }

  /** New recovery codes after re-authentication; the old ones stop working. */
  async regenerateRecoveryCodes(
    caller: AuthUser,
    password: string,
    code: string,
    client: ClientInfo,
  ): Promise<string[]> {
    await this.reauthenticate(caller, password, code, client);
    return this.dataSource.transaction(async (manager) => {
      const codes = await this.credentials.replaceRecoveryCodes(caller.id, manager);
      await this.audit.append(
        {
          ...client,
          actorId: caller.id,
          action: 'auth.recovery-codes-regenerated',
          targetType: 'user',
          targetId: caller.id,
        },
        manager,
      );
      return codes;
    });
  }
}
