import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How many tickets have a categorical fact, per bucket: the month of filing (in the statistics' zone), the
 * ticket's whole set of networks (so a coordinator of several counts each ticket once) and its type of
 * cooperation, for answers with a date or type filter. Written only by `helpdesk_statistics_fold` (see
 * the migration `HelpdeskStatistics`); rows that fall to 0 go.
 */
@Entity({ name: 'helpdesk_statistics_counts' })
// A type of cooperation's months (with or without dates): the rebuild writes rows in this order.
@Index('helpdesk_statistics_counts_type_idx', ['cooperationType', 'month'])
export class StatisticsCount {
  /** YYYY-MM. */
  @PrimaryColumn({ type: 'text' })
  month: string;

  @PrimaryColumn({ name: 'network_ids', type: 'uuid', array: true })
  networkIds: string[];

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

/**
 * The same counts per set of networks over all time (every month and type): the unfiltered and the
 * coordinator's answers read these few hundred rows, in a table of their own.
 */
@Entity({ name: 'helpdesk_statistics_counts_all' })
export class StatisticsAllCount {
  @PrimaryColumn({
    name: 'network_ids',
    type: 'uuid',
    array: true,
    primaryKeyConstraintName: 'PK_helpdesk_statistics_counts_all',
  })
  networkIds: string[];

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_helpdesk_statistics_counts_all' })
  dimension: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_helpdesk_statistics_counts_all' })
  key: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_helpdesk_statistics_counts_all' })
  key2: string;

  @Column({ type: 'integer' })
  count: number;
}
