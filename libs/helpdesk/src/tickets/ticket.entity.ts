import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { TicketStatus } from '../workflow/workflow.policy';

/**
 * A helpdesk case about a blocked cooperation request. Categorical facts are in clear (the queue filters
 * and statistics count them); free text is sealed with the ticket's own data key, bound to its row.
 */
@Entity({ name: 'helpdesk_tickets' })
@Unique('helpdesk_tickets_year_number_key', ['year', 'number'])
@Index('helpdesk_tickets_queue_idx', ['status', 'createdAt'])
@Index('helpdesk_tickets_newest_idx', ['createdAt', 'id'])
@Index('helpdesk_tickets_updated_idx', ['updatedAt', 'id'])
// The due-date sort's order, (COALESCE(due_at, 'infinity'), id): an expression index, made by its migration.
@Index('helpdesk_tickets_due_order_idx', { synchronize: false })
export class Ticket {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', unique: true })
  reference: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text', default: 'new' })
  status: TicketStatus;

  @Column({ type: 'text', default: 'normal' })
  priority: string;

  @Column({ name: 'filed_by', type: 'uuid' })
  filedBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filed_by' })
  filer?: unknown;

  @Index('helpdesk_tickets_requester_authority_idx')
  @Column({ name: 'requester_authority_id', type: 'uuid' })
  requesterAuthorityId: string;

  @ManyToOne('Authority', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requester_authority_id' })
  requesterAuthority?: unknown;

  @Column({ name: 'requester_state_code', type: 'char', length: 2 })
  requesterStateCode: string;

  @Column({ name: 'requested_state_code', type: 'char', length: 2 })
  requestedStateCode: string;

  @ManyToOne('State', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_state_code' })
  requestedState?: unknown;

  @Column({ name: 'requested_authority_id', type: 'uuid', nullable: true })
  requestedAuthorityId: string | null;

  @ManyToOne('Authority', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_authority_id' })
  requestedAuthority?: unknown;

  @Column({ name: 'cooperation_type', type: 'text' })
  cooperationType: string;

  @Column({ name: 'offence_category', type: 'text' })
  offenceCategory: string;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;

  /** The treaty or instrument a bilateral or regional basis names (public law, not a case fact). */
  @Column({ name: 'legal_instrument', type: 'text', nullable: true })
  legalInstrument: string | null;

  @Column({ name: 'date_sent', type: 'date' })
  dateSent: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ name: 'blockage_reason', type: 'text' })
  blockageReason: string;

  @Column({ name: 'blocked_since', type: 'date', nullable: true })
  blockedSince: string | null;

  @Column({ name: 'refusal_ground', type: 'text', nullable: true })
  refusalGround: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  urgency: string[];

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  /** The ticket's data key, wrapped by the keyring's master key `master_key_id` (rotation re-wraps it). */
  @Column({ name: 'wrapped_key', type: 'text' })
  wrappedKey: string;

  @Column({ name: 'master_key_id', type: 'text' })
  masterKeyId: string;

  @Column({ name: 'description_sealed', type: 'text' })
  descriptionSealed: string;

  @Column({ name: 'requester_reference_sealed', type: 'text' })
  requesterReferenceSealed: string;

  @Column({ name: 'blockage_details_sealed', type: 'text', nullable: true })
  blockageDetailsSealed: string | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: unknown;

  @Column({ name: 'public_thread_id', type: 'uuid', unique: true })
  publicThreadId: string;

  @ManyToOne('Thread', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'public_thread_id' })
  publicThread?: unknown;

  @Column({ name: 'internal_thread_id', type: 'uuid', unique: true })
  internalThreadId: string;

  @ManyToOne('Thread', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'internal_thread_id' })
  internalThread?: unknown;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ name: 'outcome_ground', type: 'text', nullable: true })
  outcomeGround: string | null;

  @Column({ name: 'duplicate_of', type: 'uuid', nullable: true })
  duplicateOf: string | null;

  @ManyToOne(() => Ticket, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'duplicate_of' })
  duplicate?: Ticket;

  /**
   * The next SLA deadline of a running clock (the earlier of the response and resolution deadlines still
   * pending); null while the clock is paused or stopped. Past it, the ticket is overdue.
   */
  @Index('helpdesk_tickets_due_idx')
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  // --- SLA clocks, in working seconds of the secretariat's calendar (see sla/sla.policy.ts) ---------------

  @Column({ name: 'sla_response_target_s', type: 'integer', default: 0 })
  slaResponseTargetS: number;

  @Column({ name: 'sla_resolution_target_s', type: 'integer', default: 0 })
  slaResolutionTargetS: number;

  /** Working time counted up to `slaRunningSince` (or in all, when the clock is not running). */
  @Column({ name: 'sla_elapsed_s', type: 'integer', default: 0 })
  slaElapsedS: number;

  /** When the clock last started; null: paused (waiting on the requester) or stopped (resolved, closed). */
  @Column({ name: 'sla_running_since', type: 'timestamptz', nullable: true })
  slaRunningSince: Date | null;

  /** The secretariat's first public message. */
  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  /** Working time from filing to the first response (pauses excluded). */
  @Column({ name: 'response_working_s', type: 'integer', nullable: true })
  responseWorkingS: number | null;

  /** Working time from filing to resolution (pauses excluded); null while open. */
  @Column({ name: 'resolution_working_s', type: 'integer', nullable: true })
  resolutionWorkingS: number | null;

  @Column({ name: 'response_due_at', type: 'timestamptz', nullable: true })
  responseDueAt: Date | null;

  @Column({ name: 'resolution_due_at', type: 'timestamptz', nullable: true })
  resolutionDueAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
