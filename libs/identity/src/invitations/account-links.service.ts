import {
  ConflictException,
  ForbiddenException,
  GoneException,
  Injectable,
  NotFoundException,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AppConfig,
  AuditContext,
  AuditService,
  Clock,
  DomainEvents,
  Keyring,
  keyringColumn,
  KeyRotation,
  ValidationProblem,
} from '@liaison/platform';
import type { AuthUser } from '../auth/auth-user';
import { CredentialsService } from '../credentials/credentials.service';
import { hashPassword, passwordProblem } from '../credentials/passwords';
import { randomToken, sha256 } from '../credentials/secrets';
import { linkTotpSecretContext, newTotpSecret, otpauthUrl, totpStep } from '../credentials/totp';
import { ClientInfo, IssuedSession, SessionsService } from '../sessions/sessions.service';
import { canManageRole, GLOBAL_ROLES, Role } from '@liaison/contracts';
import { User } from '../users/user.entity';
import { AccountLink, AccountLinkKind, AccountLinkStatus } from './account-link.entity';

export const LINK_TTL_HOURS = 72;

/** States in which a link may still become usable or be used; suspension and resending void them. */
const OPEN: AccountLinkStatus[] = ['awaiting_approval', 'pending', 'sent', 'failed'];
/** States in which a link has a live token. */
const LIVE: AccountLinkStatus[] = ['pending', 'sent', 'failed'];

export interface NewInvitation {
  email: string;
  role: Role;
  authorityId?: string | null;
  networkIds?: string[];
}

export type LinkStatus = Exclude<AccountLinkStatus, 'voided'> | 'voided' | 'expired';

/** What the issuer sees of a link: its state, never its token. */
export interface LinkState {
  id: string;
  kind: AccountLinkKind;
  email: string;
  role: Role | null;
  authorityId: string | null;
  networkIds: string[];
  status: LinkStatus;
  createdBy: string;
  createdAt: Date;
  sentAt: Date | null;
  expiresAt: Date | null;
}

export interface LinkPreview {
  kind: AccountLinkKind;
  email: string;
  role: Role | null;
  expiresAt: Date;
  /** The secret to enrol, chosen by the server and bound to the link: the same on every preview. */
  totp: { secret: string; otpauthUrl: string; qrDataUrl: string };
}

export interface Enrolment {
  token: string;
  password: string;
  totpCode: string;
}

/**
 * Invitations and reset links: random 256-bit tokens, stored hashed, single-use, valid 72 hours from the
 * moment the e-mail leaves. The token goes only into the e-mail to the addressee: no response carries it,
 * so the person who issued a link cannot use it. A coordinator's invitation has no token until approved.
 */
@Injectable()
export class AccountLinksService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
    private readonly rotation: KeyRotation,
  ) {}

  onModuleInit(): void {
    this.rotation.register(
      keyringColumn(this.dataSource, {
        name: 'TOTP secrets of open account links',
        table: 'account_links',
        column: 'totp_secret',
        context: linkTotpSecretContext,
      }),
    );
  }

  /** What the issuer sees: the state, with `expired` for a sent link past its validity. */
  stateOf(link: AccountLink): LinkState {
    const expired = link.status === 'sent' && link.expiresAt !== null && link.expiresAt <= this.clock.now();
    return {
      id: link.id,
      kind: link.kind,
      email: link.email,
      role: link.role,
      authorityId: link.authorityId,
      networkIds: link.networkIds,
      status: expired ? 'expired' : link.status,
      createdBy: link.createdBy,
      createdAt: link.createdAt,
      sentAt: link.sentAt,
      expiresAt: link.expiresAt,
    };
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
      await this.void(manager, { kind: 'invitation', email });
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
      if (!authorisedBy) await this.release(manager, link);
      return this.stateOf(link);
    });
  }

  /** Invitations the actor may follow: all for admins and the secretariat, their own for a coordinator. */
  async invitations(actor: AuthUser): Promise<LinkState[]> {
    const query = this.dataSource
      .getRepository(AccountLink)
      .createQueryBuilder('link')
      .where(`link.kind = 'invitation' AND link.status <> 'voided'`)
      .orderBy('link.created_at', 'DESC')
      .limit(200);
    if (!GLOBAL_ROLES.includes(actor.role)) query.andWhere('link.created_by = :actor', { actor: actor.id });
    return (await query.getMany()).map((link) => this.stateOf(link));
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
      if (approved) await this.release(manager, link);
      return this.stateOf(link);
    });
  }

  /** Sends an invitation again with a new token; the previous token stops working at once. */
  resendInvitation(actor: AuthUser, id: string, context: AuditContext): Promise<LinkState> {
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
      await this.release(manager, link);
      return this.stateOf(link);
    });
  }

  /**
   * A reset link for someone else's account, for a role the actor manages, sent to the account's address.
   * Issuing again voids the previous link (that is how a reset is resent).
   */
  async issueReset(actor: AuthUser, userId: string, context: AuditContext): Promise<LinkState> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.resettable(manager, actor, userId);
      if (user.status !== 'active') throw new ConflictException('This account is suspended; reinstate it first');
      await this.void(manager, { kind: 'reset', userId });
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
      await this.release(manager, link);
      return this.stateOf(link);
    });
  }

  /** The latest reset link of an account the actor manages, or 404. */
  async resetState(actor: AuthUser, userId: string): Promise<LinkState> {
    const manager = this.dataSource.manager;
    await this.resettable(manager, actor, userId);
    const link = await manager.findOne(AccountLink, {
      where: { kind: 'reset', userId },
      order: { createdAt: 'DESC' },
    });
    if (!link) throw new NotFoundException('No reset link for this account');
    return this.stateOf(link);
  }

  private async resettable(manager: EntityManager, actor: AuthUser, userId: string): Promise<User> {
    const user = await manager.findOne(User, { where: { id: userId } });
    if (!user) throw new NotFoundException('No such user');
    if (!canManageRole(actor.role, user.role) || user.id === actor.id) {
      throw new ForbiddenException('Your role cannot reset this account');
    }
    return user;
  }

  /** Voids the open links matching `where` (resent, replaced, or the account suspended). */
  async void(manager: EntityManager, where: Partial<Pick<AccountLink, 'kind' | 'email' | 'userId'>>): Promise<number> {
    const result = await manager.update(
      AccountLink,
      { ...where, status: In(OPEN) },
      { status: 'voided', usedAt: this.clock.now(), totpSecret: null },
    );
    return result.affected ?? 0;
  }

  /**
   * Gives the link a new token and hands it to e-mail delivery, in this transaction: the token exists only
   * in the e-mail (sealed in its delivery row until sent). The validity starts when the e-mail leaves.
   */
  private async release(manager: EntityManager, link: AccountLink): Promise<void> {
    const token = randomToken(32);
    Object.assign(link, {
      tokenHash: sha256(token),
      status: 'pending',
      deliveryId: randomUUID(),
      totpSecret: null,
      sentAt: null,
      expiresAt: null,
    });
    await manager.save(link);
    // The token rides in the fragment: browsers never send it to a server, so it stays out of logs and Referer.
    const url = `${this.config.PUBLIC_ORIGIN}/${link.kind === 'invitation' ? 'invitation' : 'reset'}#token=${token}`;
    await this.events.publish(
      'identity.account-link-released',
      {
        kind: link.kind,
        linkId: link.id,
        email: link.email,
        url,
        deliveryId: link.deliveryId as string,
        createdBy: link.createdBy,
      },
      manager,
    );
  }

  /**
   * The outcome of the e-mail carrying a link, from the delivery: the validity starts when it was sent. An
   * outcome of an older delivery (the link was resent since) changes nothing.
   */
  async deliveryOutcome(deliveryId: string, outcome: 'sent' | 'failed', at: Date): Promise<void> {
    const links = this.dataSource.getRepository(AccountLink);
    if (outcome === 'sent') {
      await links
        .createQueryBuilder()
        .update()
        .set({ status: 'sent', sentAt: at, expiresAt: new Date(at.getTime() + LINK_TTL_HOURS * 3_600_000) })
        .where(`delivery_id = :deliveryId AND status IN ('pending', 'failed')`, { deliveryId })
        .execute();
    } else {
      await links
        .createQueryBuilder()
        .update()
        .set({ status: 'failed' })
        .where(`delivery_id = :deliveryId AND status = 'pending'`, { deliveryId })
        .execute();
    }
  }

  /** A link that can still be used, locked for the rest of the transaction; 404 unknown, 410 used or expired. */
  private async usable(
    manager: EntityManager,
    kind: AccountLinkKind,
    token: string,
    lock: boolean,
  ): Promise<AccountLink & { expiresAt: Date }> {
    const query = manager
      .getRepository(AccountLink)
      .createQueryBuilder('link')
      .where('link.token_hash = :hash AND link.kind = :kind', { hash: sha256(token), kind });
    if (lock) query.setLock('pessimistic_write');
    const link = await query.getOne();
    if (!link) throw new NotFoundException('This link is not valid');
    if (link.status === 'accepted') throw new GoneException('This link has already been used');
    if (link.status === 'voided') throw new GoneException('This link was withdrawn; ask for a new one');
    // A token can only be known from the e-mail: a link still pending has just been sent.
    const expiresAt = link.expiresAt ?? new Date(this.clock.now().getTime() + LINK_TTL_HOURS * 3_600_000);
    if (expiresAt <= this.clock.now()) throw new GoneException('This link has expired; ask for a new one');
    return Object.assign(link, { expiresAt });
  }

  /** The link's TOTP secret, chosen and sealed by the server the first time the link is opened. */
  private async totpSecretOf(manager: EntityManager, link: AccountLink): Promise<string> {
    if (!link.totpSecret) {
      await manager
        .createQueryBuilder()
        .update(AccountLink)
        .set({ totpSecret: this.keyring.encrypt(newTotpSecret(), linkTotpSecretContext(link.id)) })
        .where('id = :id AND totp_secret IS NULL', { id: link.id })
        .execute();
      link.totpSecret = (await manager.findOneByOrFail(AccountLink, { id: link.id })).totpSecret as string;
    }
    return this.keyring.decrypt(link.totpSecret, linkTotpSecretContext(link.id));
  }

  async preview(kind: AccountLinkKind, token: string): Promise<LinkPreview> {
    const manager = this.dataSource.manager;
    const link = await this.usable(manager, kind, token, false);
    if (kind === 'reset') await this.activeAccount(manager, link);
    const secret = await this.totpSecretOf(manager, link);
    const url = otpauthUrl(secret, link.email);
    return {
      kind,
      email: link.email,
      role: link.role,
      expiresAt: link.expiresAt,
      totp: { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 220 }) },
    };
  }

  private async activeAccount(manager: EntityManager, link: AccountLink): Promise<User> {
    const user = await manager.findOne(User, { where: { id: link.userId ?? undefined } });
    if (!user) throw new NotFoundException('This link is not valid');
    if (user.status !== 'active') throw new GoneException('This account is suspended');
    return user;
  }

  /** Checks the new password and the first code of the link's TOTP secret, naming the field at fault. */
  private async enrolmentStep(
    manager: EntityManager,
    link: AccountLink,
    input: Enrolment,
  ): Promise<{ secret: string; step: number }> {
    const problem = passwordProblem(input.password, { email: link.email });
    if (problem) throw new ValidationProblem([{ field: 'password', message: problem }]);
    const secret = link.totpSecret ? await this.totpSecretOf(manager, link) : null;
    const step = secret === null ? null : totpStep(secret, input.totpCode, this.clock.now());
    if (secret === null || step === null)
      throw new ValidationProblem([
        { field: 'totpCode', message: 'is not the current code of your authenticator app' },
      ]);
    return { secret, step };
  }

  private async used(manager: EntityManager, link: AccountLink): Promise<void> {
    await manager.update(
      AccountLink,
      { id: link.id },
      { status: 'accepted', usedAt: this.clock.now(), totpSecret: null },
    );
  }

  async acceptInvitation(
    input: Enrolment & { displayName: string },
    client: ClientInfo,
  ): Promise<IssuedSession & { recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const link = await this.usable(manager, 'invitation', input.token, true);
      const { secret, step } = await this.enrolmentStep(manager, link, input);
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
      await this.used(manager, link);
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

  /**
   * Sets a new password and the link's TOTP secret, ends every session, signs in on this device, and tells
   * the address that its password and authenticator changed. Refused for a suspended account.
   */
  async acceptReset(input: Enrolment, client: ClientInfo): Promise<IssuedSession & { recoveryCodes: string[] }> {
    const { result, ended, userId } = await this.dataSource.transaction(async (manager) => {
      const link = await this.usable(manager, 'reset', input.token, true);
      const user = await this.activeAccount(manager, link);
      const { secret, step } = await this.enrolmentStep(manager, link, input);
      user.passwordHash = await hashPassword(input.password);
      user.totpSecret = this.credentials.sealTotpSecret(user.id, secret);
      user.totpSecretBound = true;
      user.totpLastStep = String(step);
      await manager.save(user);
      await this.used(manager, link);
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
