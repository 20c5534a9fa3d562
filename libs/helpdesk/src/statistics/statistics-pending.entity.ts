import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A ticket whose counted facts may have changed and are not folded into the counts yet. Written by the
 * triggers on the tickets and their networks (one small insert, in the change's transaction); read and
 * deleted by `helpdesk_statistics_fold`, which a statistics read runs before it reads the counts.
 */
@Entity({ name: 'helpdesk_statistics_pending' })
export class StatisticsPending {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;
}
