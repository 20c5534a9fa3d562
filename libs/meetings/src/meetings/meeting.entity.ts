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

/** Who is invited: everyone in the network, its members from chosen States, or named people. */
export const INVITE_SCOPES = ['network', 'states', 'people'] as const;
export type InviteScope = (typeof INVITE_SCOPES)[number];

export const MEETING_MODES = ['online', 'in_person'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

/**
 * A network meeting or series: a local start in its IANA zone (the venue's, or the organizer's when online)
 * and an optional RRULE. Invitees are a rule read when needed, so who joins or leaves the network later is
 * invited or uninvited for the occurrences still to come. `sequence` is raised on every change: it is the
 * .ics SEQUENCE and the version every reminder job carries.
 */
@Entity('meetings')
@Index('meetings_network_idx', ['networkId'])
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'network_id', type: 'uuid' })
  networkId: string;

  @ManyToOne('Network', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: unknown;

  @Column({ name: 'organizer_id', type: 'uuid' })
  organizerId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizer_id' })
  organizer?: unknown;

  @Column({ type: 'text' })
  title: string;

  /** Markdown */
  @Column({ type: 'text', default: '' })
  agenda: string;

  /** `YYYY-MM-DDTHH:mm`, wall-clock time in `time_zone`. */
  @Column({ name: 'start_local', type: 'text' })
  startLocal: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes: number;

  /** An RRULE without DTSTART (`FREQ=MONTHLY;BYDAY=1TU`), expanded on the local start; null: once. */
  @Column({ type: 'text', nullable: true })
  rrule: string | null;

  @Column({ type: 'text' })
  mode: MeetingMode;

  @Column({ name: 'online_url', type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ name: 'invite_scope', type: 'text' })
  inviteScope: InviteScope;

  /** The chosen member States when the scope is `states`. */
  @Column({ name: 'state_codes', type: 'text', array: true, default: () => "'{}'" })
  stateCodes: string[];

  /** The named people when the scope is `people`. */
  @Column({ name: 'invitee_ids', type: 'uuid', array: true, default: () => "'{}'" })
  inviteeIds: string[];

  @Column({ name: 'include_secretariat', type: 'boolean', default: false })
  includeSecretariat: boolean;

  /** Minutes before each occurrence when invitees are reminded. */
  @Column({ name: 'reminder_minutes', type: 'integer', array: true })
  reminderMinutes: number[];

  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /** Markdown, posted after the meeting. */
  @Column({ type: 'text', nullable: true })
  minutes: string | null;

  @Column({ name: 'minutes_posted_at', type: 'timestamptz', nullable: true })
  minutesPostedAt: Date | null;

  /** The network's forum thread where the minutes are discussed. */
  @Column({ name: 'forum_thread_id', type: 'uuid', nullable: true })
  forumThreadId: string | null;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
