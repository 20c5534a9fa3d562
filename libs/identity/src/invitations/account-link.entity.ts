import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../users/role';

export type AccountLinkKind = 'invitation' | 'reset';

/**
 * A single-use link sent to a person: an invitation to open an account, or a reset of a user's password and
 * TOTP. Only the SHA-256 of its random token is stored.
 */
@Entity({ name: 'account_links' })
export class AccountLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: AccountLinkKind;

  @Index('account_links_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

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

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
