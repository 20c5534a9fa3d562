import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many tickets have a categorical fact, per bucket: the month of filing (in the statistics' zone), the
 * ticket's whole set of networks (so a coordinator of several counts each ticket once) and its type of
 * cooperation. Each ticket is counted twice: in its month and type, and in the bucket of all time (month
 * and type ''), which answers the statistics without a date or type filter in a few hundred rows. Written
 * only by `helpdesk_statistics_fold` (see the migration `HelpdeskStatistics`); rows that fall to 0 go.
 */
@Entity({ name: 'helpdesk_statistics_counts' })
export class StatisticsCount {
  /** YYYY-MM; '' in the bucket of all time. */
  @PrimaryColumn({ type: 'text' })
  month: string;

  @PrimaryColumn({ name: 'network_ids', type: 'uuid', array: true })
  networkIds: string[];

  /** '' in the bucket of all time. */
  @PrimaryColumn({ name: 'cooperation_type', type: 'text' })
  cooperationType: string;

  /** total, convention, filed (key: month), cooperationType, status, outcome, offenceCategory, legalBasis, legalInstrument, blockageReason, refusalGround, pair, resolved. */
  @PrimaryColumn({ type: 'text' })
  dimension: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** The requested State of a pair; '' otherwise. */
  @PrimaryColumn({ type: 'text' })
  key2: string;

  @Column({ type: 'integer' })
  count: number;
}
