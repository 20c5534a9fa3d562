import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The zone the statistics' months are counted in (one row, id `helpdesk`). The fold reads it; a rebuild
 * for a new zone takes the fold's lock, so no change is counted in two zones.
 */
@Entity({ name: 'helpdesk_statistics_state' })
export class StatisticsState {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;
}
