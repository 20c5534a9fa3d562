import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Meeting } from './meeting.entity';

/** One occurrence of a series changed on its own: moved or cancelled. Its id is its original local start. */
@Entity('meeting_occurrences')
export class MeetingOccurrence {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  /** The original local start, `YYYY-MM-DDTHH:mm` (the .ics RECURRENCE-ID). */
  @PrimaryColumn({ name: 'occurrence_id', type: 'text' })
  occurrenceId: string;

  @Column({ name: 'moved_to_local', type: 'text', nullable: true })
  movedToLocal: string | null;

  @Column({ type: 'boolean', default: false })
  cancelled: boolean;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;
}
