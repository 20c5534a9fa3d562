import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Ticket } from './ticket.entity';

/**
 * One line of a ticket's timeline: who changed what, when, from which value to which. Values are
 * categorical (a status, a priority, a person's id), never case text.
 */
@Entity({ name: 'helpdesk_ticket_events' })
@Index('helpdesk_ticket_events_ticket_idx', ['ticketId', 'id'])
export class TicketEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  /** null: the platform itself (the auto-close). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** `filed`, `status`, `priority`, `assignee`, `counterpart-invited`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'old_value', type: 'text', nullable: true })
  oldValue: string | null;

  @Column({ name: 'new_value', type: 'text', nullable: true })
  newValue: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: unknown;
}
