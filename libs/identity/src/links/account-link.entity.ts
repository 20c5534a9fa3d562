import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@liaison/contracts';

export type AccountLinkKind = 'invitation' | 'reset';

/**
 * Where a link stands. awaiting_approval → (refused | pending); pending → sent | failed (the e-mail);
 * sent → accepted; any open state → voided (resent, replaced, account suspended). `expired` is not stored:
 * it is a sent link past `expires_at`.
 */
export const ACCOUNT_LINK_STATUSES = [
  'awaiting_approval',
  'refused',
  'pending',
  'sent',
  'failed',
  'accepted',
  'voided',
] as const;
export type AccountLinkStatus = (typeof ACCOUNT_LINK_STATUSES)[number];

/**
 * A single-use link sent to a person: an invitation to open an account, or a reset of a user's password and
 * TOTP. Only the SHA-256 of its random token is stored; the token itself exists only in the e-mail.
 */
@Entity({ name: 'account_links' })
export class AccountLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: AccountLinkKind;

  @Column({ type: 'text', default: 'pending' })
  status: AccountLinkStatus;

  /** Null while no token exists yet (awaiting approval, refused). */
  @Index('account_links_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text', nullable: true })
  tokenHash: string | null;

  @Column({ type: 'text' })
  email: string;

  /** invitation: the role to give; reset: null */
  @Column({ type: 'text', nullable: true })
  role: Role | null;

  @Column({ name: 'authority_id', type: 'uuid', nullable: true })
  authorityId: string | null;

  @Column({ name: 'network_ids', type: 'uuid', array: true, default: () => "'{}'" })
  networkIds: string[];

  /** reset: the account it resets */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  /** Who approved or refused a link that needed approval. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  /** The e-mail delivery carrying the current token: its outcome is this link's. */
  @Column({ name: 'delivery_id', type: 'uuid', nullable: true })
  deliveryId: string | null;

  /** The TOTP secret to enrol, chosen by the server at the first preview, sealed to this link. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true })
  totpSecret: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Null until the e-mail has left: the validity starts then. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
