import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, ExpectedJob, FaultPoints, jobId, Queues } from '@liaison/platform';
import { Notifier } from '@liaison/notifications';
import { SERIES } from '../answers/meeting-answer.entity';
import { MEETING_REMINDER, meetingPath } from '../invitations/invitations.service';
import { MeetingOccurrence } from '../meetings/meeting-occurrence.entity';
import { Meeting } from '../meetings/meeting.entity';
import { inviteeCondition } from '../meetings/meetings.policy';
import { compactLocal, Occurrence, occurrencesBetween } from '../recurrence/occurrences';
import { MeetingReminder } from './meeting-reminder.entity';

export const REMIND_QUEUE = 'meetings.remind';

export interface ReminderJob {
  meetingId: string;
  /** The occurrence's original local start. */
  occurrenceId: string;
  /** The meeting's sequence when the job was made. */
  version: number;
  offsetMinutes: number;
}

declare module '@liaison/platform' {
  interface QueueJobMap {
    /** One reminder of one occurrence, for one version of the meeting. */
    'meetings.remind': ReminderJob;
  }
}

/** The most meetings one sweep reads. */
const SWEEP_MEETINGS = 5000;

type Claimed = Map<string, Set<number>>;

export const reminderJobId = (job: ReminderJob) =>
  jobId('remind', job.meetingId, compactLocal(job.occurrenceId), `v${job.version}`, `m${job.offsetMinutes}`);

/**
 * Meeting reminders through the platform's queue: a job per (meeting, occurrence, version, offset), due at
 * the occurrence's start minus the offset. A job re-reads the meeting under its row lock when it runs and
 * sends nothing for a cancelled meeting or occurrence, an older version (the meeting changed since), an
 * occurrence already begun, or when a nearer reminder is due already. It claims the reminder in the
 * transaction that records the notifications, so it reminds once; notifications then deliver in-app exactly
 * once and e-mail with one Message-ID. Invitees are read then: someone who left the network or declined gets
 * nothing.
 */
@Injectable()
export class Reminders implements OnModuleInit {
  private readonly logger = new Logger(Reminders.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: Queues,
    private readonly notifier: Notifier,
    private readonly faults: FaultPoints,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queues.register({
      name: REMIND_QUEUE,
      process: (payload) => this.remind(payload),
      expected: () => this.expected(),
      // Wider than other queues: a minute's reminders fall due at once.
      concurrency: this.config.MEETINGS_REMINDER_CONCURRENCY,
    });
  }

  private get horizonMs(): number {
    return this.config.MEETINGS_REMINDER_HORIZON_DAYS * 86_400_000;
  }

  /**
   * The reminders of `meeting` to queue now: due within the horizon, not claimed for this version, and of
   * those already due only the nearest to the start, unless it was sent for an earlier version already (a
   * change after a reminder went out does not remind everyone again; the change itself was announced).
   */
  private due(
    meeting: Meeting,
    overrides: MeetingOccurrence[],
    claimed: Claimed,
    now: number,
  ): ExpectedJob<typeof REMIND_QUEUE>[] {
    if (meeting.cancelledAt) return [];
    const longest = Math.max(0, ...meeting.reminderMinutes) * 60_000;
    const occurrences = occurrencesBetween(meeting, overrides, new Date(now), new Date(now + this.horizonMs + longest));
    const jobs: ExpectedJob<typeof REMIND_QUEUE>[] = [];
    for (const occurrence of occurrences) {
      if (occurrence.cancelled) continue;
      for (const offsetMinutes of this.offsetsToSend(meeting, occurrence, now)) {
        const payload = {
          meetingId: meeting.id,
          occurrenceId: occurrence.occurrenceId,
          version: meeting.sequence,
          offsetMinutes,
        };
        const runAt = new Date(occurrence.start.getTime() - offsetMinutes * 60_000);
        const sent = claimed.get(`${occurrence.occurrenceId}/${offsetMinutes}`);
        if (sent !== undefined && (sent.has(meeting.sequence) || runAt.getTime() <= now)) continue;
        if (runAt.getTime() > now + this.horizonMs) continue;
        jobs.push({ id: reminderJobId(payload), payload, runAt });
      }
    }
    return jobs;
  }

  /** Offsets still to send: those due later, and of those already due only the nearest to the start. */
  private offsetsToSend(meeting: Meeting, occurrence: Occurrence, now: number): number[] {
    const start = occurrence.start.getTime();
    if (start <= now) return [];
    const future = meeting.reminderMinutes.filter((offset) => start - offset * 60_000 > now);
    const past = meeting.reminderMinutes.filter((offset) => start - offset * 60_000 <= now);
    return past.length ? [...future, Math.min(...past)] : future;
  }

  /** The reminders sent, per meeting: `occurrence/offset` → the versions it was sent for. */
  private async claimedOf(meetingIds: string[]): Promise<Map<string, Claimed>> {
    const rows = await this.dataSource
      .getRepository(MeetingReminder)
      .createQueryBuilder('r')
      .where('r.meeting_id = ANY(:ids)', { ids: meetingIds })
      .getMany();
    const claimed = new Map<string, Claimed>();
    for (const row of rows) {
      const ofMeeting = claimed.get(row.meetingId) ?? new Map<string, Set<number>>();
      const key = `${row.occurrenceId}/${row.offsetMinutes}`;
      ofMeeting.set(key, (ofMeeting.get(key) ?? new Set<number>()).add(row.version));
      claimed.set(row.meetingId, ofMeeting);
    }
    return claimed;
  }

  /** Queues the reminders of one meeting (after a commit that scheduled or changed it). */
  async queueFor(meetingId: string): Promise<void> {
    const meeting = await this.dataSource.manager.findOneBy(Meeting, { id: meetingId });
    if (!meeting) return;
    const overrides = await this.dataSource.manager.findBy(MeetingOccurrence, { meetingId });
    const claimed = (await this.claimedOf([meetingId])).get(meetingId) ?? new Map();
    for (const job of this.due(meeting, overrides, claimed, Date.now())) {
      try {
        await this.queues.add(REMIND_QUEUE, job.id, job.payload, { runAt: job.runAt });
      } catch (error) {
        // The sweep queues it from PostgreSQL.
        this.logger.warn(`cannot queue reminder ${job.id}: ${(error as Error).message}`);
      }
    }
  }

  /** Every reminder due within the horizon, from PostgreSQL: the sweep adds those Redis lost. */
  async expected(): Promise<ExpectedJob<typeof REMIND_QUEUE>[]> {
    const meetings = await this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.cancelled_at IS NULL')
      // A single meeting two days past (local times are within a day of UTC), unless moved, has nothing left.
      .andWhere(
        `(m.rrule IS NOT NULL OR m.start_local >= to_char(now() - interval '2 days', 'YYYY-MM-DD"T"HH24:MI')
          OR EXISTS (SELECT 1 FROM meeting_occurrences o WHERE o.meeting_id = m.id AND o.moved_to_local IS NOT NULL))`,
      )
      .orderBy('m.updated_at', 'DESC')
      .limit(SWEEP_MEETINGS)
      .getMany();
    if (meetings.length === 0) return [];
    const ids = meetings.map((meeting) => meeting.id);
    const overrides = await this.dataSource
      .getRepository(MeetingOccurrence)
      .createQueryBuilder('o')
      .where('o.meeting_id = ANY(:ids)', { ids })
      .getMany();
    const claimed = await this.claimedOf(ids);
    const now = Date.now();
    return meetings.flatMap((meeting) =>
      this.due(
        meeting,
        overrides.filter((o) => o.meetingId === meeting.id),
        claimed.get(meeting.id) ?? new Map(),
        now,
      ),
    );
  }

  /**
   * Runs one reminder. First, outside any transaction, the meeting and its occurrences are read (one query)
   * and the occurrence checked (not cancelled, not begun, this offset the one to send now). Then one transaction of
   * two statements: the first locks the meeting's row only if it is still this version and not cancelled
   * (PostgreSQL re-checks that on the newest row after waiting for the lock, so a change that committed
   * meanwhile sends nothing: every change raises the sequence under that lock, occurrences' too, so the
   * check made before holds for this version), reads the non-declined invitees and claims the reminder; the
   * second records everyone's notifications, set-based. Two statements a job instead of fourteen.
   */
  async remind(job: ReminderJob): Promise<void> {
    // The meeting with its occurrences, in one read.
    const meeting = await this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .leftJoinAndMapMany('m.overrides', MeetingOccurrence, 'o', 'o.meeting_id = m.id')
      .where('m.id = :id', { id: job.meetingId })
      .getOne();
    if (!meeting || meeting.cancelledAt || meeting.sequence !== job.version) return;
    const overrides = (meeting as Meeting & { overrides?: MeetingOccurrence[] }).overrides ?? [];
    if (!meeting.reminderMinutes.includes(job.offsetMinutes)) return;
    const now = Date.now();
    // The occurrence as it is now, if it has not begun (reminders may run late, never after the start).
    const occurrence = occurrencesBetween(
      meeting,
      overrides,
      new Date(now),
      new Date(now + 400 * 86_400_000 + job.offsetMinutes * 60_000),
    ).find((candidate) => candidate.occurrenceId === job.occurrenceId);
    if (!occurrence || occurrence.cancelled) return;
    if (!this.offsetsToSend(meeting, occurrence, now).includes(job.offsetMinutes)) {
      // Early (a clock ahead of the queue's): try again at the due time. Otherwise a nearer one supersedes it.
      if (occurrence.start.getTime() - job.offsetMinutes * 60_000 > now + 1000)
        throw new Error(`reminder ${reminderJobId(job)} ran before it was due`);
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      // The row lock orders this run with any change to the meeting: it sees the meeting before or after.
      const [claimed] = await manager.query<{ recipients: string[]; network_id: string; network_name: string }[]>(
        `WITH m AS (
           SELECT * FROM meetings WHERE id = $1 AND sequence = $2 AND cancelled_at IS NULL FOR UPDATE),
         r AS (
           SELECT u.id FROM m JOIN users u ON ${inviteeCondition('m', 'u')}
            -- The occurrence's own answer wins over the series'.
            WHERE COALESCE(
                    (SELECT a.answer FROM meeting_answers a
                      WHERE a.meeting_id = m.id AND a.user_id = u.id AND a.occurrence_id = $3),
                    (SELECT a.answer FROM meeting_answers a
                      WHERE a.meeting_id = m.id AND a.user_id = u.id AND a.occurrence_id = $5)
                  ) IS DISTINCT FROM 'declined'),
         claim AS (
           INSERT INTO meeting_reminders (meeting_id, occurrence_id, version, offset_minutes, recipients)
           SELECT m.id, $3, $2, $4, (SELECT count(*) FROM r) FROM m
           ON CONFLICT DO NOTHING RETURNING meeting_id)
         SELECT COALESCE((SELECT array_agg(r.id) FROM r), '{}') AS recipients, n.id AS network_id, n.name AS network_name
           FROM claim JOIN m ON m.id = claim.meeting_id JOIN networks n ON n.id = m.network_id`,
        [job.meetingId, job.version, job.occurrenceId, job.offsetMinutes, SERIES],
      );
      // Changed or cancelled since, or claimed already (the job ran before): nothing.
      if (!claimed) return;
      this.faults.reach('meetings.reminder.after-claim');
      await this.notifier.notify(manager, {
        kind: MEETING_REMINDER,
        recipients: claimed.recipients,
        actorId: null,
        network: { id: claimed.network_id, name: claimed.network_name },
        link: meetingPath(meeting.id),
        // Everyone's bell in this transaction, rather than a queued job per invitee: on time in a burst.
        inAppNow: true,
      });
    });
  }
}
