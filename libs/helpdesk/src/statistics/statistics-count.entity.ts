import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many tickets have a categorical fact, per bucket: the month of filing (in the statistics' zone), the
 * ticket's whole set of networks (so a coordinator of several counts each ticket once) and its type of
 * cooperation. Written only by the database's triggers on the tickets and their networks, in the same
 * transaction as the change (see the migration `HelpdeskStatistics`); rows may fall to 0 and stay.
 */
@Entity({ name: 'helpdesk_statistics_counts' })
export class StatisticsCount {
  /** YYYY-MM. */
  @PrimaryColumn({ type: 'text' })
  month: string;

  @PrimaryColumn({ name: 'network_ids', type: 'uuid', array: true })
  networkIds: string[];

  @PrimaryColumn({ name: 'cooperation_type', type: 'text' })
  cooperationType: string;

  /** total, convention, status, outcome, offenceCategory, legalBasis, legalInstrument, blockageReason, refusalGround, pair, resolved. */
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
