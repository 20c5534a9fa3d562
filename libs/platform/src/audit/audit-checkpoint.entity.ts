import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An anchor of the audit chain: at `writtenAt` its newest entry was `lastEntryId` with hash `lastHash`.
 * `mac` is an HMAC over those under a key derived from master key `keyId`, so someone who can rewrite
 * the database but does not hold the keyring can neither forge an anchor nor recompute the chain past one
 * unnoticed. Append-only for the application, like the log itself.
 */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'written_at', type: 'timestamptz' })
  writtenAt: Date;

  /** 0 when the log was empty. */
  @Column({ name: 'last_entry_id', type: 'bigint' })
  lastEntryId: string;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash: string;

  @Column({ name: 'key_id', type: 'text' })
  keyId: string;

  @Column({ type: 'char', length: 64 })
  mac: string;
}
