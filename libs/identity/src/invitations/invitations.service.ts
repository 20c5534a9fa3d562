import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService, DomainEvents, ValidationProblem } from '@liaison/platform';
import { canManageRole, GLOBAL_ROLES, Role } from '@liaison/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CredentialsService } from '../credentials/credentials.service';
import { hashPassword } from '../credentials/passwords';
import { ClientInfo, IssuedSession, SessionsService } from '../sessions/sessions.service';
import { User } from '../users/user.entity';
import { AccountLink } from '../links/account-link.entity';
import {
  AccountLinksService,
  Enrolment,
  LinkPreview,
  LinkState,
  LIVE,
  NewInvitation,
} from '../links/account-links.service';

/**
 * Invitations: an admin or the secretariat invites for the roles they manage; a coordinator's invitation
 * (authorised by the directory's network policy) waits for the secretariat's approval before anything is
 * sent. Accepting one creates the account, enrols its authenticator and signs in.
 */
@Injectable()
export class InvitationsService {
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
    return this.links.preview('invitation', token);
  }

  /**
   * `authorisedBy`: a higher library that has already applied its own policy (a coordinator inviting a focal
   * point into a network they coordinate) names it here instead of the role rule; such an invitation waits
   * for the secretariat's approval before anything is sent.
   */
  async invite(
    actor: AuthUser,
    input: NewInvitation,
    context: AuditContext,
    authorisedBy?: string,
  ): Promise<LinkState> {
    if (!authorisedBy && !canManageRole(actor.role, input.role))
      throw new ForbiddenException(`Your role cannot invite a ${input.role}`);
    const global = GLOBAL_ROLES.includes(input.role);
    if (!global && !input.authorityId) {
      throw new ValidationProblem([{ field: 'authorityId', message: 'is required for focal points and coordinators' }]);
    }
    if (global && (input.authorityId || input.networkIds?.length)) {
      throw new ValidationProblem([
        { field: 'authorityId', message: 'admin and secretariat accounts have no authority or networks' },
      ]);
    }
    const email = input.email.trim().toLowerCase();
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(User, { where: { email } }))
        throw new ConflictException('An account with this e-mail address exists');
      // A new invitation replaces any earlier one still open for the same address.
      await this.links.void(manager, { kind: 'invitation', email });
      const link = await manager.save(
        manager.create(AccountLink, {
          kind: 'invitation',
          status: authorisedBy ? 'awaiting_approval' : 'pending',
          email,
          role: input.role,
          authorityId: global ? null : (input.authorityId ?? null),
          networkIds: global ? [] : [...new Set(input.networkIds ?? [])],
          userId: null,
          createdBy: actor.id,
          tokenHash: null,
          expiresAt: null,
        }),
      );
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: 'invitation.created',
          targetType: 'invitation',
          targetId: link.id,
          details: {
            email,
            role: link.role,
            authorityId: link.authorityId,
            networkIds: link.networkIds,
            awaitingApproval: Boolean(authorisedBy),
          },
        },
        manager,
      );
      await this.events.publish(
        'identity.account-link-created',
        {
          kind: 'invitation',
          linkId: link.id,
          email,
          role: link.role,
          authorityId: link.authorityId,
          networkIds: link.networkIds,
          createdBy: actor.id,
        },
        manager,
      );
      if (!authorisedBy) await this.links.release(manager, link);
      return this.links.stateOf(link);
    });
  }

  /** Invitations the actor may follow: all for admins and the secretariat, their own for a coordinator. */
  async list(actor: AuthUser): Promise<LinkState[]> {
    const query = this.dataSource
      .getRepository(AccountLink)
      .createQueryBuilder('link')
      .where(`link.kind = 'invitation' AND link.status <> 'voided'`)
      .orderBy('link.created_at', 'DESC')
      .limit(200);
    if (!GLOBAL_ROLES.includes(actor.role)) query.andWhere('link.created_by = :actor', { actor: actor.id });
    return (await query.getMany()).map((link) => this.links.stateOf(link));
  }

  /** Approves a coordinator's invitation: the e-mail leaves now. Admins and the secretariat only. */
  decide(actor: AuthUser, id: string, approved: boolean, context: AuditContext): Promise<LinkState> {
    return this.dataSource.transaction(async (manager) => {
      const link = await manager.findOne(AccountLink, {
        where: { id, kind: 'invitation' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!link) throw new NotFoundException('No such invitation');
      if (!GLOBAL_ROLES.includes(actor.role) || !canManageRole(actor.role, link.role as Role))
        throw new ForbiddenException('Your role cannot approve this invitation');
      if (link.status !== 'awaiting_approval') throw new ConflictException('This invitation is not awaiting approval');
      if (approved && (await manager.exists(User, { where: { email: link.email } })))
        throw new ConflictException('An account with this e-mail address exists');
      link.status = approved ? 'pending' : 'refused';
      link.decidedBy = actor.id;
      await manager.save(link);
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: approved ? 'invitation.approved' : 'invitation.refused',
          targetType: 'invitation',
          targetId: link.id,
          details: { email: link.email, createdBy: link.createdBy },
        },
        manager,
      );
      await this.events.publish(
        'identity.invitation-decided',
        { linkId: link.id, email: link.email, approved, createdBy: link.createdBy, decidedBy: actor.id },
        manager,
      );
      if (approved) await this.links.release(manager, link);
      return this.links.stateOf(link);
    });
  }

  /** Sends an invitation again with a new token; the previous token stops working at once. */
  resend(actor: AuthUser, id: string, context: AuditContext): Promise<LinkState> {
    return this.dataSource.transaction(async (manager) => {
      const link = await manager.findOne(AccountLink, {
        where: { id, kind: 'invitation' },
        lock: { mode: 'pessimistic_write' },
      });
      const mayFollow = link && (GLOBAL_ROLES.includes(actor.role) || link.createdBy === actor.id);
      if (!link || !mayFollow) throw new NotFoundException('No such invitation');
      if (!LIVE.includes(link.status)) throw new ConflictException(`This invitation cannot be resent (${link.status})`);
      if (await manager.exists(User, { where: { email: link.email } }))
        throw new ConflictException('An account with this e-mail address exists');
      await this.audit.append(
        { ...context, actorId: actor.id, action: 'invitation.resent', targetType: 'invitation', targetId: link.id },
        manager,
      );
      await this.links.release(manager, link);
      return this.links.stateOf(link);
    });
  }

  async accept(
    input: Enrolment & { displayName: string },
    client: ClientInfo,
  ): Promise<IssuedSession & { recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const link = await this.links.usable(manager, 'invitation', input.token, true);
      const { secret, step } = await this.links.enrolmentStep(manager, link, input);
      if (await manager.exists(User, { where: { email: link.email } }))
        throw new ConflictException('An account with this e-mail address exists');
      const id = randomUUID();
      const user = await manager.save(
        manager.create(User, {
          id,
          email: link.email,
          displayName: input.displayName.trim(),
          role: link.role as Role,
          passwordHash: await hashPassword(input.password),
          totpSecret: this.credentials.sealTotpSecret(id, secret),
          totpSecretBound: true,
          totpLastStep: String(step),
          authorityId: link.authorityId,
        }),
      );
      await this.links.used(manager, link);
      const recoveryCodes = await this.credentials.replaceRecoveryCodes(user.id, manager);
      const actor = { ...client, actorId: user.id };
      await this.audit.append(
        {
          ...actor,
          action: 'invitation.accepted',
          targetType: 'invitation',
          targetId: link.id,
          details: { role: user.role },
        },
        manager,
      );
      await this.audit.append(
        { ...actor, action: 'auth.totp-enrolled', targetType: 'user', targetId: user.id },
        manager,
      );
      await this.events.publish(
        'identity.invitation-accepted',
        {
          invitationId: link.id,
          userId: user.id,
          role: user.role,
          authorityId: user.authorityId,
          networkIds: link.networkIds,
        },
        manager,
      );
      // Handlers may have completed the account (the directory sets its time zone): read it back.
      const issued = await this.sessions.open(await manager.findOneByOrFail(User, { id: user.id }), client, manager);
      return { ...issued, recoveryCodes };
    });
  }
}
