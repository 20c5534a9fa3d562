import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Meeting } from '../meetings/meeting.entity';

export const NOTICE_METHODS = ['REQUEST', 'CANCEL'] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];

/**
 * What an invitation e-mail's calendar part says, keyed by its notification event: built when the e-mail
 * leaves, from PostgreSQL, so no meeting content waits in Redis or in the notification rows.
 */
@Entity('meeting_notices')
export class MeetingNotice {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ type: 'text' })
  method: NoticeMethod;

  /** Set when the notice is about one occurrence (RECURRENCE-ID). */
  @Column({ name: 'occurrence_id', type: 'text', nullable: true })
  occurrenceId: string | null;

  /** The SEQUENCE the calendar part carries. */
  @Column({ type: 'integer' })
  sequence: number;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @ManyToOne('NotificationEvent', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: unknown;
}
