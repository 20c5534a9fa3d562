import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@liaison/contracts';

export type UserStatus = 'active' | 'suspended';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case; unique. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', default: 'active' })
  status: UserStatus;

  /** argon2id PHC string. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /** The base32 TOTP secret, encrypted (CredentialsService.sealTotpSecret). */
  @Column({ name: 'totp_secret', type: 'text' })
  totpSecret: string;

  /** The secret is sealed with this user's id in its context (a copy in another row does not decrypt). */
  @Column({ name: 'totp_secret_bound', type: 'boolean', default: false })
  totpSecretBound: boolean;

  /** The last accepted TOTP time step: a code is never accepted twice, on any node. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep: string | null;

  /** The user's authority (directory), for focal points and coordinators. Network memberships are the directory's. */
  @Column({ name: 'authority_id', type: 'uuid', nullable: true })
  authorityId: string | null;

  @Column({ type: 'text', default: 'en' })
  locale: string;

  @Column({ name: 'time_zone', type: 'text', default: 'UTC' })
  timeZone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
