import { GoneException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AppConfig,
  Clock,
  DomainEvents,
  Keyring,
  keyringColumn,
  KeyRotation,
  ValidationProblem,
} from '@liaison/platform';
import type { Role } from '@liaison/contracts';
import { passwordProblem } from '../credentials/passwords';
import { randomToken, sha256 } from '../credentials/secrets';
import { linkTotpSecretContext, newTotpSecret, otpauthUrl, totpStep } from '../credentials/totp';
import { User } from '../users/user.entity';
import { AccountLink, AccountLinkKind, AccountLinkStatus } from './account-link.entity';

export const LINK_TTL_HOURS = 72;

/** States in which a link may still become usable or be used; suspension and resending void them. */
const OPEN: AccountLinkStatus[] = ['awaiting_approval', 'pending', 'sent', 'failed'];
/** States in which a link has a live token. */
export const LIVE: AccountLinkStatus[] = ['pending', 'sent', 'failed'];

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
 * What invitations and reset links share: random 256-bit tokens, stored hashed, single-use, valid 72 hours from the
 * moment the e-mail leaves. The token goes only into the e-mail to the addressee: no response carries it,
 * so the person who issued a link cannot use it. The invitation and reset services decide who may issue
 * which link; this one gives links their tokens, follows their e-mail and checks them when used.
 */
@Injectable()
export class AccountLinksService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
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
  async release(manager: EntityManager, link: AccountLink): Promise<void> {
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
  async usable(
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
  async totpSecretOf(manager: EntityManager, link: AccountLink): Promise<string> {
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

  async activeAccount(manager: EntityManager, link: AccountLink): Promise<User> {
    const user = await manager.findOne(User, { where: { id: link.userId ?? undefined } });
    if (!user) throw new NotFoundException('This link is not valid');
    if (user.status !== 'active') throw new GoneException('This account is suspended');
    return user;
  }

  /** Checks the new password and the first code of the link's TOTP secret, naming the field at fault. */
  async enrolmentStep(
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

  async used(manager: EntityManager, link: AccountLink): Promise<void> {
    await manager.update(
      AccountLink,
      { id: link.id },
      { status: 'accepted', usedAt: this.clock.now(), totpSecret: null },
    );
  }
}
