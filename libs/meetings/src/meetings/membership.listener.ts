import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import '@liaison/directory';
import { DomainEvents } from '@liaison/platform';
import { Invitations } from '../invitations/invitations.service';
import { occurrencesBetween } from '../recurrence/occurrences';
import { MeetingOccurrence } from './meeting-occurrence.entity';
import { Meeting } from './meeting.entity';
import { inviteeCondition } from './meetings.policy';

/**
 * Who joins or leaves a network is invited to, or taken off, the network's meetings still to come, in the
 * directory's transaction. Reminders need nothing here: they read the invitees when they run.
 */
@Injectable()
export class Membership implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly invitations: Invitations,
  ) {}

  onModuleInit(): void {
    this.events.on('directory.member-added', async ({ networkId, userId }, manager) => {
      // Now an invitee (the membership row is written): their calendar gets the coming meetings.
      for (const meeting of await this.coming(manager, networkId, userId, true))
        await this.invitations.notice(manager, meeting, 'REQUEST', null, null, [userId]);
    });
    this.events.on('directory.member-removed', async ({ networkId, userId }, manager) => {
      // No longer an invitee: their calendar drops the coming meetings they were invited to.
      for (const meeting of await this.coming(manager, networkId, userId, false))
        await this.invitations.notice(manager, meeting, 'CANCEL', null, null, [userId]);
    });
  }

  /** The network's meetings with an occurrence to come that invite the person (or, once removed, would have). */
  private async coming(
    manager: EntityManager,
    networkId: string,
    userId: string,
    invitedNow: boolean,
  ): Promise<Meeting[]> {
    const meetings = await manager
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.network_id = :networkId AND m.cancelled_at IS NULL', { networkId })
      .andWhere(
        invitedNow
          ? `EXISTS (SELECT 1 FROM users u WHERE u.id = :userId AND ${inviteeCondition('m', 'u')})`
          : `(m.invite_scope = 'network'
              OR (m.invite_scope = 'states' AND EXISTS (SELECT 1 FROM users u JOIN authorities a ON a.id = u.authority_id
                    WHERE u.id = :userId AND a.state_code = ANY(m.state_codes)))
              OR (m.invite_scope = 'people' AND :userId = ANY(m.invitee_ids)))`,
        { userId },
      )
      .getMany();
    const now = new Date();
    const later = new Date(now.getTime() + 400 * 86_400_000);
    const coming: Meeting[] = [];
    for (const meeting of meetings) {
      const overrides = await manager.findBy(MeetingOccurrence, { meetingId: meeting.id });
      if (occurrencesBetween(meeting, overrides, now, later).some((occurrence) => !occurrence.cancelled))
        coming.push(meeting);
    }
    return coming;
  }
}
