import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { State } from '../states/state.entity';
import type { Category, Channel, OfficeHours } from '@liaison/contracts';

export interface ContactDetails {
  address?: string;
  phone?: string;
  fax?: string;
  email?: string;
  website?: string;
}

/** A competent national authority: structured, because search, schedules and routing compute with it. */
@Entity({ name: 'authorities' })
export class Authority {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('authorities_state_code_idx')
  @Column({ name: 'state_code', type: 'char', length: 2 })
  stateCode: string;

  @ManyToOne(() => State, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'state_code' })
  state?: State;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: Category[];

  @Column({ name: 'office_hours', type: 'jsonb' })
  officeHours: OfficeHours;

  /** IANA zone of the office hours. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  /** ISO 639-1 codes of the languages requests may be written in. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ name: 'documents_required', type: 'text', array: true, default: () => "'{}'" })
  documentsRequired: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  channels: Channel[];

  @Column({ name: 'accepts_interpol', type: 'boolean', default: false })
  acceptsInterpol: boolean;

  @Column({ name: 'urgent_procedure', type: 'text', nullable: true })
  urgentProcedure: string | null;

  @Column({ type: 'text', nullable: true })
  remarks: string | null;

  @Column({ type: 'jsonb' })
  contact: ContactDetails;

  @Column({ name: 'last_verified', type: 'date', nullable: true })
  lastVerified: string | null;

  /** The State's central authority: its focal points may propose changes to the State's other authorities. */
  @Column({ name: 'central_authority', type: 'boolean', default: false })
  centralAuthority: boolean;

  /** The record's version: raised by every change, each version kept in `authority_versions`. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** Invented demo record: shown with a badge, never presented as fact. */
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
