import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Authority } from '../authorities/authority.entity';

export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected', 'stale'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A focal point's proposed changes to an authority's record, for the secretariat to decide. */
@Entity({ name: 'authority_proposals' })
@Index('authority_proposals_status_idx', ['status', 'createdAt'])
export class AuthorityProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('authority_proposals_authority_idx')
  @Column({ name: 'authority_id', type: 'uuid' })
  authorityId: string;

  @ManyToOne(() => Authority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authority_id' })
  authority?: Authority;

  @Column({ name: 'proposer_id', type: 'uuid' })
  proposerId: string;

  @Column({ type: 'text', default: 'pending' })
  status: ProposalStatus;

  /** The record's version the proposal was made on. */
  @Column({ name: 'base_version', type: 'integer' })
  baseVersion: number;

  /** The record's values of the changed fields when the proposal was made. */
  @Column({ type: 'jsonb' })
  base: Record<string, unknown>;

  /** The proposed values, only of the fields that change. */
  @Column({ type: 'jsonb' })
  changes: Record<string, unknown>;

  /** The fields found changed by someone else when an approval was refused as stale. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  conflicts: string[];

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The version the approval made. */
  @Column({ name: 'approved_version', type: 'integer', nullable: true })
  approvedVersion: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
