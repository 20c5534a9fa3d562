import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService, DomainEvents } from '@liaison/platform';
import { canManageRole } from '@liaison/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CredentialsService } from '../credentials/credentials.service';
import { hashPassword } from '../credentials/passwords';
import { ClientInfo, IssuedSession, SessionsService } from '../sessions/sessions.service';
import { User } from '../users/user.entity';
import { AccountLink } from '../links/account-link.entity';
import { AccountLinksService, Enrolment, LinkPreview, LinkState } from '../links/account-links.service';

/**
 * Reset links for someone else's account, for a role the actor manages, sent to the account's address;
 * using one sets a new password and authenticator and ends every session.
 */
@Injectable()
export class PasswordResetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly links: AccountLinksService,
  ) {}

  /** What the link's page shows before enrolment; 404 unknown, 410 used or expired. */
  preview(token: string): Promise<LinkPreview> {
    return this.links.preview('reset', token);
  }

  /**
   * A reset link for someone else's account, for a role the actor manages, sent to the account's address.
   * Issuing again voids the previous link (that is how a reset is resent).
   */
  async issue(actor: AuthUser, userId: string, context: AuditContext): Promise<LinkState> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.resettable(manager, actor, userId);
      if (user.status !== 'active') throw new ConflictException('This account is suspended; reinstate it first');
      await this.links.void(manager, { kind: 'reset', userId });
      const link = await manager.save(
        manager.create(AccountLink, {
          kind: 'reset',
          status: 'pending',
          email: user.email,
          role: null,
          authorityId: null,
          networkIds: [],
          userId: user.id,
          createdBy: actor.id,
          tokenHash: null,
          expiresAt: null,
        }),
      );
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: 'reset.issued',
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email },
        },
        manager,
      );
      await this.events.publish(
        'identity.account-link-created',
        {
          kind: 'reset',
          linkId: link.id,
          email: user.email,
          role: null,
          authorityId: null,
          networkIds: [],
          createdBy: actor.id,
        },
        manager,
      );
      await this.links.release(manager, link);
      return this.links.stateOf(link);
    });
  }

  /** The latest reset link of an account the actor manages, or 404. */
  async state(actor: AuthUser, userId: string): Promise<LinkState> {
    const manager = this.dataSource.manager;
    await this.resettable(manager, actor, userId);
    const link = await manager.findOne(AccountLink, {
      where: { kind: 'reset', userId },
      order: { createdAt: 'DESC' },
    });
    if (!link) throw new NotFoundException('No reset link for this account');
    return this.links.stateOf(link);
  }

  private async resettable(manager: EntityManager, actor: AuthUser, userId: string): Promise<User> {
    const user = await manager.findOne(User, { where: { id: userId } });
    if (!user) throw new NotFoundException('No such user');
    if (!canManageRole(actor.role, user.role) || user.id === actor.id) {
      throw new ForbiddenException('Your role cannot reset this account');
    }
    return user;
  }

  /**
   * Sets a new password and the link's TOTP secret, ends every session, signs in on this device, and tells
   * the address that its password and authenticator changed. Refused for a suspended account.
   */
  async accept(input: Enrolment, client: ClientInfo): Promise<IssuedSession & { recoveryCodes: string[] }> {
    const { result, ended, userId } = await this.dataSource.transaction(async (manager) => {
      const link = await this.links.usable(manager, 'reset', input.token, true);
      const user = await this.links.activeAccount(manager, link);
      const { secret, step } = await this.links.enrolmentStep(manager, link, input);
      user.passwordHash = await hashPassword(input.password);
      user.totpSecret = this.credentials.sealTotpSecret(user.id, secret);
      user.totpSecretBound = true;
      user.totpLastStep = String(step);
      await manager.save(user);
      await this.links.used(manager, link);
      const endedSessions = await this.sessions.revokeAllWithin(manager, user.id, 'reset');
      const recoveryCodes = await this.credentials.replaceRecoveryCodes(user.id, manager);
      const actor = { ...client, actorId: user.id };
      await this.audit.append(
        {
          ...actor,
          action: 'reset.completed',
          targetType: 'user',
          targetId: user.id,
          details: { endedSessions: endedSessions.length },
        },
        manager,
      );
      await this.audit.append({ ...actor, action: 'auth.totp-reset', targetType: 'user', targetId: user.id }, manager);
      await this.events.publish('identity.credentials-reset', { userId: user.id }, manager);
      const issued = await this.sessions.open(user, client, manager);
      return { result: { ...issued, recoveryCodes }, ended: endedSessions, userId: user.id };
    });
    await this.sessions.announceRevoked(userId, ended, 'reset');
    return result;
  }
}
