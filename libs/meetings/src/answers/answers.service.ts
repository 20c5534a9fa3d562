import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@liaison/identity';
import { afterCommit, ValidationProblem } from '@liaison/platform';
import { RealtimeEmitter } from '@liaison/realtime';
import { MeetingsService } from '../meetings/meetings.service';
import { AnswerDto, AnswerViewDto, MeetingDto } from '../meetings/meetings.dto';
import { coordinatorCondition, inviteeCondition, visibleCondition } from '../meetings/meetings.policy';
import { isOccurrenceOf } from '../recurrence/occurrences';
import { MeetingAnswer, SERIES } from './meeting-answer.entity';

/** Sent to the organizer's and the network coordinators' tabs when someone answers. */
export const MEETING_ANSWERED = 'meeting.answered';

/**
 * Invitees answer on the platform (the .ics asks for no reply): accept, tentative or decline, for the series
 * or one occurrence. The organizer and the network's coordinators see answers live.
 */
@Injectable()
export class AnswersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly emitter: RealtimeEmitter,
  ) {}

  async answer(user: AuthUser, meetingId: string, input: AnswerDto): Promise<MeetingDto> {
    await this.dataSource.transaction(async (manager) => {
      const meeting = await this.meetings.visibleLocked(manager, user, meetingId);
      const invited: unknown[] = await manager.query(
        `SELECT 1 FROM meetings m JOIN users u ON u.id = $2 AND ${inviteeCondition('m', 'u')} WHERE m.id = $1`,
        [meetingId, user.id],
      );
      if (invited.length === 0) throw new ForbiddenException('Only invitees answer');
      const occurrenceId = input.occurrenceId ?? SERIES;
      if (occurrenceId !== SERIES && !isOccurrenceOf(meeting, occurrenceId))
        throw new ValidationProblem([{ field: 'occurrenceId', message: 'is not an occurrence of this meeting' }]);
      await manager.upsert(
        MeetingAnswer,
        { meetingId, userId: user.id, occurrenceId, answer: input.answer, answeredAt: new Date() },
        ['meetingId', 'userId', 'occurrenceId'],
      );
      const watchers = await manager.query<{ user_id: string }[]>(
        `SELECT nm.user_id FROM meetings m JOIN network_members nm ON nm.network_id = m.network_id AND nm.network_role = 'coordinator'
          WHERE m.id = $1 UNION SELECT organizer_id FROM meetings WHERE id = $1`,
        [meetingId],
      );
      const event = { meetingId, userId: user.id, occurrenceId, answer: input.answer };
      afterCommit(manager, () => {
        for (const watcher of watchers) this.emitter.toUser(watcher.user_id, MEETING_ANSWERED, event);
      });
    });
    return this.meetings.get(user, meetingId);
  }

  /** Every answer, for the organizer and the network's coordinators; 404 to others who cannot see it, 403 to invitees. */
  async list(user: AuthUser, meetingId: string): Promise<AnswerViewDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ manages: boolean }[]>(
        `SELECT (${coordinatorCondition('m', '$2')} OR m.organizer_id = $2) AS manages FROM meetings m
          WHERE m.id = $1 AND ${visibleCondition('m', '$2', '$3')}`,
        [meetingId, user.id, user.role],
      );
      if (!row) return this.meetings.get(user, meetingId).then(() => []);
      if (!row.manages && user.role !== 'secretariat')
        throw new ForbiddenException('Only the organizers see every answer');
      const rows = await manager.query<
        {
          user_id: string;
          display_name: string;
          occurrence_id: string;
          answer: MeetingAnswer['answer'];
          answered_at: Date;
        }[]
      >(
        `SELECT a.user_id, u.display_name, a.occurrence_id, a.answer, a.answered_at
           FROM meeting_answers a JOIN users u ON u.id = a.user_id
          WHERE a.meeting_id = $1 ORDER BY u.display_name, a.user_id, a.occurrence_id`,
        [meetingId],
      );
      return rows.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        occurrenceId: r.occurrence_id,
        answer: r.answer,
        answeredAt: new Date(r.answered_at).toISOString(),
      }));
    });
  }
}
