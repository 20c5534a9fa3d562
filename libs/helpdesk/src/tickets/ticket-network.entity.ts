import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Ticket } from './ticket.entity';

/** A network a ticket belongs to: those both States share, or the one chosen at filing. */
@Entity({ name: 'helpdesk_ticket_networks' })
export class TicketNetwork {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @Index('helpdesk_ticket_networks_network_idx')
  @PrimaryColumn({ name: 'network_id', type: 'uuid' })
  networkId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  @ManyToOne('Network', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: unknown;
}
