import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Authority } from '../authorities/authority.entity';

export const VERSION_SOURCES = ['created', 'direct', 'proposal'] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

/** One version of an authority's record, as it stood after a change; never changed afterwards. */
@Entity({ name: 'authority_versions' })
export class AuthorityVersion {
  @PrimaryColumn({ name: 'authority_id', type: 'uuid' })
  authorityId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @ManyToOne(() => Authority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authority_id' })
  authority?: Authority;

  /** The record's fields (`RECORD_FIELDS`, flattened). */
  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  @Column({ type: 'text' })
  source: VersionSource;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
