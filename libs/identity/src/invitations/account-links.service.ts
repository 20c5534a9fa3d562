import { ConflictException, ForbiddenException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig, AuditContext, AuditService, Clock, DomainEvents, ValidationProblem } from '@liaison/platform';
import type { AuthUser } from '../auth/auth-user';
import { CredentialsService } from '../credentials/credentials.service';
import { hashPassword, passwordProblem } from '../credentials/passwords';
import { randomToken, sha256 } from '../credentials/secrets';
import { isTotpSecret, newTotpSecret, otpauthUrl, totpStep } from '../credentials/totp';
import { ClientInfo, IssuedSession, SessionsService } from '../sessions/sessions.service';
import { canManageRole, GLOBAL_ROLES, Role } from '../users/role';
import { User } from '../users/user.entity';
import { AccountLink, AccountLinkKind } from './account-link.entity';

export const LINK_TTL_HOURS = 72;

export interface NewInvitation {
  email: string;
  role: Role;
  authorityId?: string | null;
  networkIds?: string[];
}

export interface CreatedLink {
  id: string;
  email: string;
  url: string;
  expiresAt: Date;
}

export interface LinkPreview {
  kind: AccountLinkKind;
  email: string;
  role: Role | null;
  expiresAt: Date;
  /** A fresh secret to enrol; sent back with the first code to prove it was scanned. */
  totp: { secret: string; otpauthUrl: string; qrDataUrl: string };
}

export interface Enrolment {
  token: string;
  password: string;
  totpSecret: string;
  totpCode: string;
}

/** Invitations and reset links: random 256-bit tokens, stored hashed, single-use, valid 72 hours. */
@Injectable()
export class AccountLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * `authorisedBy`: a higher library that has already applied its own policy (a coordinator inviting a focal
   * point into a network they coordinate) names it here instead of the role rule.
   */
  async invite(
    actor: AuthUser,
    input: NewInvitation,
    context: AuditContext,
    authorisedBy?: string,
  ): Promise<CreatedLink> {
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
      await manager.update(AccountLink, { kind: 'invitation', email, usedAt: IsNull() }, { usedAt: this.clock.now() });
      return this.createLink(manager, actor, context, {
        kind: 'invitation',
        email,
        role: input.role,
        authorityId: global ? null : (input.authorityId ?? null),
        networkIds: global ? [] : [...new Set(input.networkIds ?? [])],
        userId: null,
      });
    });
  }

  /** A reset link for someone else's account: same rules as an invitation, for a role the actor manages. */
  async issueReset(actor: AuthUser, userId: string, context: AuditContext): Promise<CreatedLink> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id: userId } });
      if (!user) throw new NotFoundException('No such user');
      if (!canManageRole(actor.role, user.role) || user.id === actor.id) {
        throw new ForbiddenException('Your role cannot reset this account');
      }
      await manager.update(AccountLink, { kind: 'reset', userId, usedAt: IsNull() }, { usedAt: this.clock.now() });
      return this.createLink(manager, actor, context, {
        kind: 'reset',
        email: user.email,
        role: null,
        authorityId: null,
        networkIds: [],
        userId: user.id,
      });
    });
  }

  private async createLink(
    manager: EntityManager,
    actor: AuthUser,
    context: AuditContext,
    fields: Pick<AccountLink, 'kind' | 'email' | 'role' | 'authorityId' | 'networkIds' | 'userId'>,
  ): Promise<CreatedLink> {
    const token = randomToken(32);
    const expiresAt = new Date(this.clock.now().getTime() + LINK_TTL_HOURS * 3_600_000);
    const link = await manager.save(
      manager.create(AccountLink, { ...fields, tokenHash: sha256(token), createdBy: actor.id, expiresAt }),
    );
    // The token rides in the fragment: browsers never send it to a server, so it stays out of logs and Referer.
    const url = `${this.config.PUBLIC_ORIGIN}/${fields.kind === 'invitation' ? 'invitation' : 'reset'}#token=${token}`;
    await this.audit.append(
      {
        ...context,
        actorId: actor.id,
        action: fields.kind === 'invitation' ? 'invitation.created' : 'reset.issued',
        targetType: fields.kind === 'invitation' ? 'invitation' : 'user',
        targetId: fields.kind === 'invitation' ? link.id : (fields.userId ?? undefined),
        details: {
          email: fields.email,
          role: fields.role,
          authorityId: fields.authorityId,
          networkIds: fields.networkIds,
        },
      },
      manager,
    );
    await this.events.publish(
      'identity.account-link-created',
      {
        kind: fields.kind,
        linkId: link.id,
        email: fields.email,
        role: fields.role,
        authorityId: fields.authorityId,
        networkIds: fields.networkIds,
        url,
        expiresAt: expiresAt.toISOString(),
        createdBy: actor.id,
      },
      manager,
    );
    return { id: link.id, email: fields.email, url, expiresAt };
  }

  /** A link that can still be used, locked for the rest of the transaction; 404 unknown, 410 used or expired. */
  private async usable(
    manager: EntityManager,
    kind: AccountLinkKind,
    token: string,
    lock: boolean,
  ): Promise<AccountLink> {
    const query = manager
      .getRepository(AccountLink)
      .createQueryBuilder('link')
      .where('link.token_hash = :hash AND link.kind = :kind', { hash: sha256(token), kind });
    if (lock) query.setLock('pessimistic_write');
    const link = await query.getOne();
    if (!link) throw new NotFoundException('This link is not valid');
    if (link.usedAt) throw new GoneException('This link has already been used');
    if (link.expiresAt <= this.clock.now()) throw new GoneException('This link has expired; ask for a new one');
    return link;
  }

  async preview(kind: AccountLinkKind, token: string): Promise<LinkPreview> {
    const link = await this.usable(this.dataSource.manager, kind, token, false);
    const secret = newTotpSecret();
    const url = otpauthUrl(secret, link.email);
    return {
      kind,
      email: link.email,
      role: link.role,
      expiresAt: link.expiresAt,
      totp: { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 220 }) },
    };
  }

  /** Checks the new password and the first code of the new TOTP secret, naming the field at fault. */
  private enrolmentStep(input: Enrolment, email: string): number {
    const problem = passwordProblem(input.password, { email });
    if (problem) throw new ValidationProblem([{ field: 'password', message: problem }]);
    if (!isTotpSecret(input.totpSecret))
      throw new ValidationProblem([
        { field: 'totpSecret', message: 'must be the key shown with the QR code (32 letters and digits)' },
      ]);
    const step = totpStep(input.totpSecret, input.totpCode, this.clock.now());
    if (step === null)
      throw new ValidationProblem([
        { field: 'totpCode', message: 'is not the current code of your authenticator app' },
      ]);
    return step;
  }

  async acceptInvitation(
    input: Enrolment & { displayName: string },
    client: ClientInfo,
  ): Promise<IssuedSession & { recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const link = await this.usable(manager, 'invitation', input.token, true);
      const step = this.enrolmentStep(input, link.email);
      if (await manager.exists(User, { where: { email: link.email } }))
        throw new ConflictException('An account with this e-mail address exists');
      const user = await manager.save(
        manager.create(User, {
          email: link.email,
          displayName: input.displayName.trim(),
          role: link.role as Role,
          passwordHash: await hashPassword(input.password),
          totpSecret: this.credentials.sealTotpSecret(input.totpSecret),
          totpLastStep: String(step),
          authorityId: link.authorityId,
        }),
      );
      await manager.update(AccountLink, { id: link.id }, { usedAt: this.clock.now() });
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

  /** Sets a new password and a new TOTP secret, ends every session, and signs in on this device. */
  async acceptReset(input: Enrolment, client: ClientInfo): Promise<IssuedSession & { recoveryCodes: string[] }> {
    const { result, ended, userId } = await this.dataSource.transaction(async (manager) => {
      const link = await this.usable(manager, 'reset', input.token, true);
      const step = this.enrolmentStep(input, link.email);
      const user = await manager.findOne(User, { where: { id: link.userId ?? undefined } });
      if (!user) throw new NotFoundException('This link is not valid');
      user.passwordHash = await hashPassword(input.password);
      user.totpSecret = this.credentials.sealTotpSecret(input.totpSecret);
      user.totpLastStep = String(step);
      await manager.save(user);
      await manager.update(AccountLink, { id: link.id }, { usedAt: this.clock.now() });
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
      const issued = await this.sessions.open(user, client, manager);
      return { result: { ...issued, recoveryCodes }, ended: endedSessions, userId: user.id };
    });
    await this.sessions.announceRevoked(userId, ended, 'reset');
    return result;
  }
}
