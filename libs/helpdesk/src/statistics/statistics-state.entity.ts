import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The zone the statistics' months are counted in (one row, id `helpdesk`). The triggers read it (FOR SHARE)
 * before they count; a rebuild for a new zone locks it, so no change is counted in two zones.
 */
@Entity({ name: 'helpdesk_statistics_state' })
export class StatisticsState {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;
}
