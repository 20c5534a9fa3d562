import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A ticket as the kept counts last counted it: its categorical facts, durations and set of networks
 * (`{"t": {...}, "networks": [...]}`, never a sealed text). Folding a change takes these out of the counts
 * and the ticket's current facts in, so the counts need no old values from the change itself.
 */
@Entity({ name: 'helpdesk_statistics_facts' })
export class StatisticsFact {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @Column({ type: 'jsonb' })
  facts: unknown;
}
