import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the append-only, hash-chained audit log. `hash` covers `prevHash` and every other column
 * but `id`, so altering, inserting or deleting any row breaks the chain at that row.
 */
@Entity({ name: 'audit_log' })
export class AuditEntry {
  /** Assigned under the append lock, so id order is chain order. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** The user who acted; null for the system or an anonymous caller. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  /** Normalised by the writer (see normaliseIp), stored as text so what is hashed is what is stored. */
  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
