import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Column } from 'typeorm';
import { Authority } from '../authorities/authority.entity';

/** The claim of one verification reminder: one per authority and 6-month cycle. */
@Entity({ name: 'authority_verification_reminders' })
export class VerificationReminder {
  @PrimaryColumn({ name: 'authority_id', type: 'uuid' })
  authorityId: string;

  /** The day the cycle's verification fell due (`YYYY-MM-DD`). */
  @PrimaryColumn({ name: 'cycle_due', type: 'date' })
  cycleDue: string;

  @ManyToOne(() => Authority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authority_id' })
  authority?: Authority;

  @Column({ type: 'integer' })
  recipients: number;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
