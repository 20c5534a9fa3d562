import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last reference number given in a year. Updated in the filing's own transaction: its row lock orders
 * concurrent filings, and a rolled-back filing rolls the number back with it (a sequence would leave a gap).
 */
@Entity({ name: 'helpdesk_reference_counters' })
export class ReferenceCounter {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber: number;
}
