import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@liaison/identity';
import { ThreadsService } from '@liaison/messaging';
import { AuditContext, AuditService } from '@liaison/platform';
import { Notifier } from '@liaison/notifications';
import { MEETING_MINUTES, meetingPath } from '../invitations/invitations.service';
import { MeetingDto } from '../meetings/meetings.dto';
import { inviteeIds } from '../meetings/meetings.policy';
import { MeetingsService } from '../meetings/meetings.service';
import { Meeting } from '../meetings/meeting.entity';

/**
 * After the meeting, a coordinator of the network posts the minutes (Markdown). The first posting opens a
 * forum thread of the network for their discussion, through messaging's service (with its own access
 * checks); the invitees are told.
 */
@Injectable()
export class MinutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly threads: ThreadsService,
    private readonly notifier: Notifier,
    private readonly audit: AuditService,
  ) {}

  async post(actor: AuthUser, meetingId: string, minutes: string, context: AuditContext): Promise<MeetingDto> {
    const meeting = await this.dataSource.transaction(async (manager) => {
      const found = await this.meetings.visibleLocked(manager, actor, meetingId);
      await this.meetings.requireCoordinator(manager, actor, found.networkId);
      return found;
    });
    // The thread is messaging's, made in its own transaction; a retry after a failure below reuses it.
    const threadId =
      meeting.forumThreadId ??
      (await this.threads.createForum(actor, meeting.networkId, `Minutes: ${meeting.title}`, context)).id;
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.meetings.visibleLocked(manager, actor, meetingId);
      const first = locked.minutes === null;
      await manager.update(
        Meeting,
        { id: meetingId },
        { minutes, minutesPostedAt: new Date(), forumThreadId: locked.forumThreadId ?? threadId },
      );
      await this.audit.append(
        {
          ...context,
          actorId: actor.id,
          action: first ? 'meeting.minutes-posted' : 'meeting.minutes-changed',
          targetType: 'meeting',
          targetId: meetingId,
          details: { threadId },
        },
        manager,
      );
      const [network] = await manager.query<{ id: string; name: string }[]>(
        'SELECT id, name FROM networks WHERE id = $1',
        [locked.networkId],
      );
      await this.notifier.notify(manager, {
        kind: MEETING_MINUTES,
        recipients: await inviteeIds(manager, meetingId),
        actorId: actor.id,
        network,
        link: meetingPath(meetingId),
      });
    });
    return this.meetings.get(actor, meetingId);
  }
}
