import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Ticket } from '../tickets/ticket.entity';

/** A warning sent for one deadline of one clock: claimed here first, so a job run twice warns once. */
@Entity({ name: 'helpdesk_sla_warnings' })
export class SlaWarning {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  /** `response` or `resolution`. */
  @PrimaryColumn({ type: 'text' })
  clock: string;

  @PrimaryColumn({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @CreateDateColumn({ name: 'warned_at', type: 'timestamptz' })
  warnedAt: Date;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;
}
