import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@liaison/identity';
import {
  afterCommit,
  AuditContext,
  AuditService,
  decodeCursor,
  Page,
  pageOf,
  ValidationProblem,
} from '@liaison/platform';
import { Answer, MeetingAnswer, SERIES } from '../answers/meeting-answer.entity';
import { Invitations } from '../invitations/invitations.service';
import { isOccurrenceOf, isValidZone, inZone, occurrencesBetween, rruleProblem } from '../recurrence/occurrences';
import { Reminders } from '../reminders/reminders.processor';
import { MeetingOccurrence } from './meeting-occurrence.entity';
import { Meeting } from './meeting.entity';
import {
  AgendaItemDto,
  AgendaQueryDto,
  InviteesDto,
  MeetingDto,
  MeetingFieldsDto,
  MeetingListQueryDto,
  ScheduleMeetingDto,
  UpdateMeetingDto,
} from './meetings.dto';
import { coordinatorCondition, visibleCondition } from './meetings.policy';

const DEFAULT_REMINDERS = [1440, 60];
/** How many occurrences a meeting's view lists. */
const SHOWN_OCCURRENCES = 12;

/** A viewer as the access rules need them. */
export interface Viewer {
  id: string;
  role: string;
}

/**
 * Scheduling and changing network meetings. Only a coordinator of the meeting's network schedules or changes
 * it (403 otherwise: networks are visible to everyone signed in); a meeting is read by its invitees, the
 * network's coordinators and the secretariat, and is a 404 to anyone else. Every change raises the sequence
 * in the transaction that makes it: reminder jobs of older versions then find nothing to send, and the
 * calendar notice carries the new SEQUENCE.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly invitations: Invitations,
    private readonly reminders: Reminders,
  ) {}

  async schedule(actor: AuthUser, input: ScheduleMeetingDto, context: AuditContext): Promise<MeetingDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const network = await this.network(manager, input.networkId);
      if (!network) throw new NotFoundException('No such network');
      await this.requireCoordinator(manager, actor, input.networkId);
      this.checkFields(input);
      await this.checkInvitees(manager, input.networkId, input.invitees);
      const meeting = await manager.save(
        manager.create(Meeting, {
          networkId: input.networkId,
          organizerId: actor.id,
          ...this.fields(input),
          inviteScope: input.invitees.scope,
          stateCodes: input.invitees.scope === 'states' ? (input.invitees.stateCodes ?? []) : [],
          inviteeIds: input.invitees.scope === 'people' ? (input.invitees.userIds ?? []) : [],
          includeSecretariat: input.invitees.includeSecretariat ?? false,
          sequence: 0,
        }),
      );
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: 'meeting.scheduled',
          targetType: 'meeting',
          targetId: meeting.id,
          details: { networkId: meeting.networkId, scope: meeting.inviteScope, recurring: Boolean(meeting.rrule) },
        },
        manager,
      );
      await this.invitations.notice(manager, meeting, 'REQUEST', null, actor.id);
      afterCommit(manager, () => this.reminders.queueFor(meeting.id));
      return meeting.id;
    });
    return this.get(actor, id);
  }

  /** Changes the whole series (its time, zone, rule, place, reminders…): every invitee gets the new .ics. */
  async update(actor: AuthUser, id: string, input: UpdateMeetingDto, context: AuditContext): Promise<MeetingDto> {
    await this.change(actor, id, context, 'meeting.changed', async (manager, meeting) => {
      this.checkFields(input);
      const fields = this.fields(input);
      const rescheduled =
        meeting.startLocal !== fields.startLocal ||
        meeting.timeZone !== fields.timeZone ||
        meeting.rrule !== fields.rrule;
      Object.assign(meeting, fields);
      // Occurrence changes belong to the old rule's occurrences.
      if (rescheduled) await manager.delete(MeetingOccurrence, { meetingId: meeting.id });
      await this.invitations.notice(manager, meeting, 'REQUEST', null, actor.id);
    });
    return this.get(actor, id);
  }

  async cancel(actor: AuthUser, id: string, context: AuditContext): Promise<MeetingDto> {
    await this.change(actor, id, context, 'meeting.cancelled', async (manager, meeting) => {
      meeting.cancelledAt = new Date();
      await this.invitations.notice(manager, meeting, 'CANCEL', null, actor.id);
    });
    return this.get(actor, id);
  }

  async moveOccurrence(
    actor: AuthUser,
    id: string,
    occurrenceId: string,
    startLocal: string,
    context: AuditContext,
  ): Promise<MeetingDto> {
    await this.change(actor, id, context, 'meeting.occurrence-moved', async (manager, meeting) => {
      this.requireOccurrence(meeting, occurrenceId);
      await manager.upsert(
        MeetingOccurrence,
        { meetingId: meeting.id, occurrenceId, movedToLocal: startLocal, cancelled: false },
        ['meetingId', 'occurrenceId'],
      );
      await this.invitations.notice(manager, meeting, 'REQUEST', occurrenceId, actor.id);
    });
    return this.get(actor, id);
  }

  async cancelOccurrence(
    actor: AuthUser,
    id: string,
    occurrenceId: string,
    context: AuditContext,
  ): Promise<MeetingDto> {
    await this.change(actor, id, context, 'meeting.occurrence-cancelled', async (manager, meeting) => {
      this.requireOccurrence(meeting, occurrenceId);
      await manager.upsert(MeetingOccurrence, { meetingId: meeting.id, occurrenceId, cancelled: true }, [
        'meetingId',
        'occurrenceId',
      ]);
      await this.invitations.notice(manager, meeting, 'CANCEL', occurrenceId, actor.id);
    });
    return this.get(actor, id);
  }

  /**
   * A change by a coordinator of the network, under the meeting's row lock (a reminder job takes it too, so it
   * sees the meeting before or after the change, never between), with the sequence raised and audited.
   */
  private async change(
    actor: AuthUser,
    id: string,
    context: AuditContext,
    action: string,
    apply: (manager: EntityManager, meeting: Meeting) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const meeting = await this.visibleLocked(manager, actor, id);
      await this.requireCoordinator(manager, actor, meeting.networkId);
      if (meeting.cancelledAt) throw new ValidationProblem([{ field: 'id', message: 'the meeting is cancelled' }]);
      meeting.sequence += 1;
      await apply(manager, meeting);
      await manager.save(meeting);
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action,
          targetType: 'meeting',
          targetId: meeting.id,
          details: { sequence: meeting.sequence },
        },
        manager,
      );
      afterCommit(manager, () => this.reminders.queueFor(meeting.id));
    });
  }

  /** The meeting if the viewer may see it, locked for update; else 404. */
  async visibleLocked(manager: EntityManager, viewer: Viewer, id: string): Promise<Meeting> {
    const meeting = await manager
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .andWhere(visibleCondition('m'), { viewerId: viewer.id, viewerRole: viewer.role })
      .getOne();
    if (!meeting) throw new NotFoundException('No such meeting');
    return meeting;
  }

  async requireCoordinator(manager: EntityManager, actor: Viewer, networkId: string): Promise<void> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM network_members WHERE network_id = $1 AND user_id = $2 AND network_role = 'coordinator'`,
      [networkId, actor.id],
    );
    if (rows.length === 0) throw new ForbiddenException('Only a coordinator of this network schedules its meetings');
  }

  private requireOccurrence(meeting: Meeting, occurrenceId: string): void {
    if (!isOccurrenceOf(meeting, occurrenceId))
      throw new ValidationProblem([{ field: 'occurrenceId', message: 'is not an occurrence of this meeting' }]);
  }

  private async network(manager: EntityManager, id: string): Promise<{ id: string; name: string } | null> {
    const [row] = await manager.query<{ id: string; name: string }[]>('SELECT id, name FROM networks WHERE id = $1', [
      id,
    ]);
    return row ?? null;
  }

  private checkFields(input: MeetingFieldsDto): void {
    const problems: { field: string; message: string }[] = [];
    if (!isValidZone(input.timeZone)) problems.push({ field: 'timeZone', message: 'is not an IANA time zone' });
    else if (!DateTime.fromISO(input.startLocal, { zone: input.timeZone }).isValid)
      problems.push({ field: 'startLocal', message: 'is not a date-time' });
    const rruleIssue = input.rrule ? rruleProblem(input.rrule) : null;
    if (rruleIssue) problems.push({ field: 'rrule', message: rruleIssue });
    if (problems.length) throw new ValidationProblem(problems);
  }

  private fields(input: MeetingFieldsDto): Partial<Meeting> {
    return {
      title: input.title.trim(),
      agenda: input.agenda ?? '',
      startLocal: input.startLocal,
      timeZone: input.timeZone,
      durationMinutes: input.durationMinutes,
      rrule: input.rrule ? input.rrule.toUpperCase() : null,
      mode: input.mode,
      onlineUrl: input.onlineUrl ?? null,
      place: input.place?.trim() || null,
      reminderMinutes: [...(input.reminderMinutes ?? DEFAULT_REMINDERS)].sort((a, b) => b - a),
    };
  }

  /** Member States must be the network's; named people its members (or the secretariat). */
  async checkInvitees(manager: EntityManager, networkId: string, invitees: InviteesDto): Promise<void> {
    if (invitees.scope === 'states') {
      const codes = invitees.stateCodes ?? [];
      if (codes.length === 0)
        throw new ValidationProblem([{ field: 'invitees.stateCodes', message: 'name at least one State' }]);
      const rows: unknown[] = await manager.query(
        'SELECT 1 FROM network_states WHERE network_id = $1 AND state_code = ANY($2)',
        [networkId, codes],
      );
      if (rows.length !== codes.length)
        throw new ValidationProblem([
          { field: 'invitees.stateCodes', message: 'lists a State that is not a member of the network' },
        ]);
    }
    if (invitees.scope === 'people') {
      const ids = invitees.userIds ?? [];
      if (ids.length === 0)
        throw new ValidationProblem([{ field: 'invitees.userIds', message: 'name at least one person' }]);
      const rows: unknown[] = await manager.query(
        `SELECT 1 FROM users u WHERE u.id = ANY($2) AND u.status = 'active'
           AND (u.role = 'secretariat' OR EXISTS (SELECT 1 FROM network_members nm WHERE nm.network_id = $1 AND nm.user_id = u.id))`,
        [networkId, ids],
      );
      if (rows.length !== ids.length)
        throw new ValidationProblem([
          { field: 'invitees.userIds', message: 'lists someone who is not a member of the network' },
        ]);
    }
  }

  async get(viewer: Viewer, id: string, manager: EntityManager = this.dataSource.manager): Promise<MeetingDto> {
    const meeting = await manager
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.id = :id', { id })
      .andWhere(visibleCondition('m'), { viewerId: viewer.id, viewerRole: viewer.role })
      .getOne();
    if (!meeting) throw new NotFoundException('No such meeting');
    const [view] = await this.views(manager, viewer, [meeting]);
    return view;
  }

  /** Meetings the viewer sees, the newest scheduled first. */
  async list(viewer: Viewer, query: MeetingListQueryDto): Promise<Page<MeetingDto>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor, ['text', 'uuid']);
    const builder = this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where(visibleCondition('m'), { viewerId: viewer.id, viewerRole: viewer.role })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit + 1);
    if (after)
      builder.andWhere('(m.created_at, m.id) < (:at::timestamptz, :afterId)', { at: after[0], afterId: after[1] });
    const meetings = await builder.getMany();
    const page = pageOf(meetings, limit, (meeting) => [meeting.createdAt.toISOString(), meeting.id]);
    return { items: await this.views(this.dataSource.manager, viewer, page.items), nextCursor: page.nextCursor };
  }

  /**
   * The viewer's agenda: every occurrence, not cancelled, of the meetings they see, between two instants (at
   * most 62 days apart), earliest first, with the start in their zone.
   */
  async agenda(viewer: Viewer, query: AgendaQueryDto): Promise<AgendaItemDto[]> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    const span = to.getTime() - from.getTime();
    if (!(span > 0 && span <= 62 * 86_400_000))
      throw new ValidationProblem([{ field: 'to', message: 'must be after from, at most 62 days' }]);
    const meetings = await this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where(visibleCondition('m'), { viewerId: viewer.id, viewerRole: viewer.role })
      .andWhere('m.cancelled_at IS NULL')
      .getMany();
    if (meetings.length === 0) return [];
    const ids = meetings.map((meeting) => meeting.id);
    const manager = this.dataSource.manager;
    const [me] = await manager.query<{ time_zone: string }[]>('SELECT time_zone FROM users WHERE id = $1', [viewer.id]);
    const zone = me?.time_zone ?? 'UTC';
    const networks = new Map(
      (
        await manager.query<{ id: string; name: string }[]>('SELECT id, name FROM networks WHERE id = ANY($1)', [
          meetings.map((meeting) => meeting.networkId),
        ])
      ).map((row) => [row.id, row.name]),
    );
    const overrides = await manager
      .getRepository(MeetingOccurrence)
      .createQueryBuilder('o')
      .where('o.meeting_id = ANY(:ids)', { ids })
      .getMany();
    const answers = await manager
      .getRepository(MeetingAnswer)
      .createQueryBuilder('a')
      .where('a.meeting_id = ANY(:ids) AND a.user_id = :userId', { ids, userId: viewer.id })
      .getMany();
    const answerOf = (meetingId: string, occurrenceId: string): Answer | null =>
      answers.find((a) => a.meetingId === meetingId && a.occurrenceId === occurrenceId)?.answer ??
      answers.find((a) => a.meetingId === meetingId && a.occurrenceId === SERIES)?.answer ??
      null;
    return meetings
      .flatMap((meeting) =>
        occurrencesBetween(
          meeting,
          overrides.filter((o) => o.meetingId === meeting.id),
          from,
          to,
        )
          .filter((occurrence) => !occurrence.cancelled)
          .map((occurrence) => ({
            meetingId: meeting.id,
            title: meeting.title,
            networkId: meeting.networkId,
            networkName: networks.get(meeting.networkId) ?? '',
            occurrenceId: occurrence.occurrenceId,
            startLocal: occurrence.startLocal,
            timeZone: meeting.timeZone,
            start: occurrence.start.toISOString(),
            end: occurrence.end.toISOString(),
            viewerStart: inZone(occurrence.start, zone),
            myAnswer: answerOf(meeting.id, occurrence.occurrenceId),
          })),
      )
      .sort((a, b) => a.start.localeCompare(b.start) || a.meetingId.localeCompare(b.meetingId));
  }

  /** The meeting's calendar entry as it is now (METHOD:PUBLISH, or CANCEL once cancelled). */
  async calendar(viewer: Viewer, id: string): Promise<string> {
    const meeting = await this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.id = :id', { id })
      .andWhere(visibleCondition('m'), { viewerId: viewer.id, viewerRole: viewer.role })
      .getOne();
    if (!meeting) throw new NotFoundException('No such meeting');
    const overrides = await this.overrides(this.dataSource.manager, id);
    return this.invitations.ics(meeting, overrides, meeting.cancelledAt ? 'CANCEL' : 'PUBLISH', null, meeting.sequence);
  }

  async overrides(manager: EntityManager, meetingId: string): Promise<MeetingOccurrence[]> {
    return manager.find(MeetingOccurrence, { where: { meetingId } });
  }

  private async views(manager: EntityManager, viewer: Viewer, meetings: Meeting[]): Promise<MeetingDto[]> {
    if (meetings.length === 0) return [];
    const ids = meetings.map((meeting) => meeting.id);
    const [me] = await manager.query<{ time_zone: string }[]>('SELECT time_zone FROM users WHERE id = $1', [viewer.id]);
    const viewerZone = me?.time_zone ?? 'UTC';
    const networks = new Map(
      (
        await manager.query<{ id: string; name: string }[]>('SELECT id, name FROM networks WHERE id = ANY($1)', [
          meetings.map((meeting) => meeting.networkId),
        ])
      ).map((row) => [row.id, row.name]),
    );
    const managed = new Set(
      (
        await manager.query<{ id: string }[]>(
          `SELECT m.id FROM meetings m WHERE m.id = ANY($1) AND ${coordinatorCondition('m', '$2')}`,
          [ids, viewer.id],
        )
      ).map((row) => row.id),
    );
    const overrides = await manager
      .getRepository(MeetingOccurrence)
      .createQueryBuilder('o')
      .where('o.meeting_id = ANY(:ids)', { ids })
      .getMany();
    const answers = await manager
      .getRepository(MeetingAnswer)
      .createQueryBuilder('a')
      .where('a.meeting_id = ANY(:ids) AND a.user_id = :userId', { ids, userId: viewer.id })
      .getMany();
    const from = DateTime.now().setZone(viewerZone).startOf('day').toJSDate();
    const to = new Date(from.getTime() + 400 * 86_400_000);
    return meetings.map((meeting) => {
      const mine = new Map(answers.filter((a) => a.meetingId === meeting.id).map((a) => [a.occurrenceId, a.answer]));
      const seriesAnswer: Answer | null = mine.get(SERIES) ?? null;
      const occurrences = occurrencesBetween(
        meeting,
        overrides.filter((o) => o.meetingId === meeting.id),
        from,
        to,
      ).slice(0, SHOWN_OCCURRENCES);
      return {
        id: meeting.id,
        networkId: meeting.networkId,
        networkName: networks.get(meeting.networkId) ?? '',
        organizerId: meeting.organizerId,
        title: meeting.title,
        agenda: meeting.agenda,
        startLocal: meeting.startLocal,
        timeZone: meeting.timeZone,
        durationMinutes: meeting.durationMinutes,
        rrule: meeting.rrule,
        mode: meeting.mode,
        onlineUrl: meeting.onlineUrl,
        place: meeting.place,
        invitees: {
          scope: meeting.inviteScope,
          stateCodes: meeting.stateCodes,
          userIds: meeting.inviteeIds,
          includeSecretariat: meeting.includeSecretariat,
        },
        reminderMinutes: meeting.reminderMinutes,
        sequence: meeting.sequence,
        cancelled: meeting.cancelledAt !== null,
        minutes: meeting.minutes,
        minutesPostedAt: meeting.minutesPostedAt?.toISOString() ?? null,
        forumThreadId: meeting.forumThreadId,
        viewerTimeZone: viewerZone,
        canManage: managed.has(meeting.id),
        myAnswer: seriesAnswer,
        occurrences: occurrences.map((occurrence) => ({
          occurrenceId: occurrence.occurrenceId,
          startLocal: occurrence.startLocal,
          start: occurrence.start.toISOString(),
          end: occurrence.end.toISOString(),
          viewerStart: inZone(occurrence.start, viewerZone),
          cancelled: occurrence.cancelled || meeting.cancelledAt !== null,
          moved: occurrence.moved,
          myAnswer: mine.get(occurrence.occurrenceId) ?? seriesAnswer,
        })),
      };
    });
  }
}
