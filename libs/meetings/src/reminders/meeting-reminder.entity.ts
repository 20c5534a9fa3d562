import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Meeting } from '../meetings/meeting.entity';

/**
 * The claim of one reminder (meeting, occurrence, version, offset): written in the transaction that records
 * its notifications, so a job that runs twice reminds once.
 */
@Entity('meeting_reminders')
export class MeetingReminder {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ name: 'occurrence_id', type: 'text' })
  occurrenceId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @PrimaryColumn({ name: 'offset_minutes', type: 'integer' })
  offsetMinutes: number;

  @Column({ type: 'integer' })
  recipients: number;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;
}
