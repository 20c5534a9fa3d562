import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { OfficeHours } from '@liaison/contracts';
import type { Holiday } from './working-time';

/**
 * A working calendar: a zone, weekly hours there, and whole-day holidays. One row today, `secretariat`
 * (the helpdesk's SLA clocks count in it; meetings may use it too); the key leaves room for more.
 */
@Entity({ name: 'working_calendars' })
export class WorkingCalendarRow {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ type: 'jsonb' })
  hours: OfficeHours;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  holidays: Holiday[];

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  updater?: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
