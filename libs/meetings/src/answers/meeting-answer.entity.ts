import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Meeting } from '../meetings/meeting.entity';

export const ANSWERS = ['accepted', 'tentative', 'declined'] as const;
export type Answer = (typeof ANSWERS)[number];

/** The whole series, as the occurrence id of a series-wide answer. */
export const SERIES = '*';

/** An invitee's answer, for the series (`*`) or one occurrence; an occurrence's answer wins over the series'. */
@Entity('meeting_answers')
export class MeetingAnswer {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'occurrence_id', type: 'text' })
  occurrenceId: string;

  @Column({ type: 'text' })
  answer: Answer;

  @UpdateDateColumn({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;
}
