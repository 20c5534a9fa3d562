import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The distribution of working time to the first response and to resolution, in the buckets of
 * StatisticsCount: how many tickets took exactly `seconds`, so that medians and 90th percentiles stay exact.
 * Written only by the fold, like the counts.
 */
@Entity({ name: 'helpdesk_statistics_durations' })
// A type of cooperation's months (with or without dates): the rebuild writes rows in this order.
@Index('helpdesk_statistics_durations_type_idx', ['cooperationType', 'month'])
export class StatisticsDuration {
  @PrimaryColumn({ type: 'text' })
  month: string;

  @PrimaryColumn({ name: 'network_ids', type: 'uuid', array: true })
  networkIds: string[];

  @PrimaryColumn({ name: 'cooperation_type', type: 'text' })
  cooperationType: string;

  /** response or resolution. */
  @PrimaryColumn({ type: 'text' })
  kind: string;

  /** The month of resolution (YYYY-MM) of a resolved ticket; '' otherwise. */
  @PrimaryColumn({ name: 'resolved_month', type: 'text' })
  resolvedMonth: string;

  @PrimaryColumn({ type: 'integer' })
  seconds: number;

  @Column({ type: 'integer' })
  count: number;
}

/** The same distribution per set of networks over all time, like StatisticsAllCount. */
@Entity({ name: 'helpdesk_statistics_durations_all' })
export class StatisticsAllDuration {
  @PrimaryColumn({
    name: 'network_ids',
    type: 'uuid',
    array: true,
    primaryKeyConstraintName: 'PK_helpdesk_statistics_durations_all',
  })
  networkIds: string[];

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_helpdesk_statistics_durations_all' })
  kind: string;

  @PrimaryColumn({
    name: 'resolved_month',
    type: 'text',
    primaryKeyConstraintName: 'PK_helpdesk_statistics_durations_all',
  })
  resolvedMonth: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_helpdesk_statistics_durations_all' })
  seconds: number;

  @Column({ type: 'integer' })
  count: number;
}
