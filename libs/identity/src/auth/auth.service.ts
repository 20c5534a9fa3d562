import { BadRequestException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, DomainEvents, ValidationProblem } from '@liaison/platform';
import { CredentialsService } from '../credentials/credentials.service';
import { hashPassword, passwordProblem, verifyPassword } from '../credentials/passwords';
import { ClientInfo, IssuedSession, SessionsService } from '../sessions/sessions.service';
import { TokensService } from '../sessions/tokens.service';
import { User } from '../users/user.entity';
import type { AuthUser } from './auth-user';
import { SignInThrottle, tooManyAttempts } from './sign-in-throttle.service';

const WRONG_CREDENTIALS = 'The e-mail address or the password is wrong';
const WRONG_CODE = 'The code is wrong or has already been used';
const SIGN_IN_VOID = 'Your sign-in has expired; enter your password again';

/** Whether the browser holds a device cookie of this account (see DeviceCookies). */
export type TrustedDevice = (userId: string | undefined) => boolean;

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
    private readonly events: DomainEvents,
  ) {}

  private findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOne({ where: { email: email.trim().toLowerCase() } });
  }

  private async failure(email: string, client: ClientInfo, action: string, user: User | null): Promise<void> {
    const ip = client.ip ?? 'unknown';
    const { lockedPair, lockedAddress } = await this.throttle.failed(email, ip);
    await this.audit.append({
      ...client,
      actorId: user?.id ?? null,
      action,
      targetType: 'user',
      targetId: user?.id,
      details: { email: email.trim().toLowerCase() },
    });
    if (lockedPair || lockedAddress) {
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
  async signIn(
    email: string,
    password: string,
    client: ClientInfo,
    trustedDevice: TrustedDevice = () => false,
  ): Promise<{ mfaToken: string; expiresAt: Date }> {
    const ip = client.ip ?? 'unknown';
    const user = await this.findByEmail(email);
    await this.throttle.before(email, ip, { trustedDevice: trustedDevice(user?.id), delay: true });
    const passwordOk = await verifyPassword(user?.passwordHash, password);
    if (!user || !passwordOk || user.status !== 'active') {
      await this.failure(email, client, 'auth.sign-in-failed', user);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    const mfa = await this.tokens.mfa(user.id);
    return { mfaToken: mfa.token, expiresAt: mfa.expiresAt };
  }

  /**
   * Step two: a TOTP code or a recovery code. Opens the session. Each attempt first takes one of the pending
   * sign-in's 5 tries and one of the account's 20 hourly wrong codes (see SignInThrottle.takeCodeAttempt),
   * so no burst evaluates more than that; reaching the hourly cap warns the holder by e-mail.
   */
  async completeSignIn(
    mfaToken: string,
    factor: SecondFactor,
    client: ClientInfo,
    trustedDevice: TrustedDevice = () => false,
  ): Promise<IssuedSession> {
    const { userId, pendingId } = await this.tokens.verifyMfa(mfaToken);
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: userId } });
    if (!user || user.status !== 'active') throw new UnauthorizedException(WRONG_CREDENTIALS);
    const ip = client.ip ?? 'unknown';
    await this.throttle.before(user.email, ip, { trustedDevice: trustedDevice(user.id), delay: false });

    const ticket = await this.throttle.takeCodeAttempt(pendingId, user.id);
    if ('kind' in ticket) {
      await this.failure(user.email, client, 'auth.second-factor-refused', user);
      if (ticket.kind === 'account-capped') throw tooManyAttempts(ticket.retryAfterSeconds);
      throw new UnauthorizedException(SIGN_IN_VOID);
    }
    const method = factor.code ? 'totp' : 'recovery-code';
    const accepted = factor.code
      ? await this.credentials.acceptTotp(user, factor.code)
      : factor.recoveryCode
        ? await this.credentials.useRecoveryCode(user.id, factor.recoveryCode)
        : false;
    if (!accepted) {
      await this.failure(user.email, client, 'auth.second-factor-failed', user);
      if (await this.throttle.codeRejected(ticket)) await this.capped(user, client);
      throw new UnauthorizedException(WRONG_CODE);
    }
    await this.throttle.codeAccepted(ticket);
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

  /** The account took 20 wrong codes within the hour: whoever tries knows the password. Audited; the holder is warned. */
  private async capped(user: User, client: ClientInfo): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.audit.append(
        {
          ...client,
          action: 'auth.second-factor-capped',
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email },
        },
        manager,
      );
      await this.events.publish('identity.second-factor-capped', { userId: user.id }, manager);
    });
  }

  /**
   * Password and a current TOTP code again, before a sensitive change. Failures count towards the same
   * throttling as sign-in.
   */
  async reauthenticate(caller: AuthUser, password: string, code: string, client: ClientInfo): Promise<User> {
    const ip = client.ip ?? 'unknown';
    await this.throttle.before(caller.email, ip, { trustedDevice: false, delay: true });
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
