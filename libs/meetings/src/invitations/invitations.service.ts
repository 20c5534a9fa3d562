import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@liaison/platform';
import { CalendarPart, MailTemplate, NotificationKinds, Notifier } from '@liaison/notifications';
import { MeetingOccurrence } from '../meetings/meeting-occurrence.entity';
import { Meeting } from '../meetings/meeting.entity';
import { inviteeIds } from '../meetings/meetings.policy';
import { buildCalendar } from './calendar';
import { MeetingNotice, NoticeMethod } from './meeting-notice.entity';

export const MEETING_INVITATION = 'meeting.invitation';
export const MEETING_CANCELLED = 'meeting.cancelled';
export const MEETING_REMINDER = 'meeting.reminder';
export const MEETING_MINUTES = 'meeting.minutes';

const template = (en: [string, string], fr: [string, string], ar: [string, string]): MailTemplate => ({
  en: { subject: en[0], text: en[1] },
  fr: { subject: fr[0], text: fr[1] },
  ar: { subject: ar[0], text: ar[1] },
});

/** The way to the platform, where answers are given (the .ics asks for no reply). */
const ANSWER = {
  en: 'See the agenda and the time in your zone, and answer, on Liaison (sign-in required):\n{link}',
  fr: 'L’ordre du jour, l’heure dans votre fuseau et votre réponse sont sur Liaison (connexion requise) :\n{link}',
  ar: 'جدول الأعمال والوقت بتوقيتك والرد على Liaison (يلزم تسجيل الدخول):\n{link}',
};

export const meetingPath = (meetingId: string) => `/meetings/${meetingId}`;

/**
 * Invitations, changes and cancellations as notifications (bell and e-mail), each e-mail with the meeting's
 * .ics built when it leaves from the notice row (METHOD, RECURRENCE-ID, SEQUENCE as of the change) and the
 * meeting as it is then.
 */
@Injectable()
export class Invitations implements OnModuleInit {
  private readonly domain: string;
  private readonly noReply: { name: string; email: string };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kinds: NotificationKinds,
    private readonly notifier: Notifier,
    private readonly config: AppConfig,
  ) {
    this.domain = new URL(config.PUBLIC_ORIGIN).hostname;
    const address = /<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
    this.noReply = { name: 'Liaison', email: address.trim() };
  }

  onModuleInit(): void {
    const calendar = (eventId: string, recipient: { address: string }) => this.calendar(eventId, recipient.address);
    this.kinds.register({
      kind: MEETING_INVITATION,
      inApp: true,
      email: 'always',
      calendar,
      template: template(
        [
          'Meeting of the network {network}',
          `{actor} invites you to a meeting of the network {network}, or changed it. The calendar entry is attached.\n\n${ANSWER.en}`,
        ],
        [
          'Réunion du réseau {network}',
          `{actor} vous invite à une réunion du réseau {network}, ou l’a modifiée. L’entrée d’agenda est jointe.\n\n${ANSWER.fr}`,
        ],
        [
          'اجتماع شبكة {network}',
          `يدعوك {actor} إلى اجتماع لشبكة {network} أو عدّله. مدخل التقويم مرفق.\n\n${ANSWER.ar}`,
        ],
      ),
    });
    this.kinds.register({
      kind: MEETING_CANCELLED,
      inApp: true,
      email: 'always',
      calendar,
      template: template(
        [
          'Meeting of the network {network} cancelled',
          `{actor} cancelled a meeting of the network {network}, or one of its dates. The calendar entry is attached.\n\n{link}`,
        ],
        [
          'Réunion du réseau {network} annulée',
          `{actor} a annulé une réunion du réseau {network}, ou l’une de ses dates. L’entrée d’agenda est jointe.\n\n{link}`,
        ],
        [
          'إلغاء اجتماع شبكة {network}',
          `ألغى {actor} اجتماعًا لشبكة {network} أو أحد مواعيده. مدخل التقويم مرفق.\n\n{link}`,
        ],
      ),
    });
    this.kinds.register({
      kind: MEETING_REMINDER,
      inApp: true,
      email: 'on',
      template: template(
        [
          'Reminder: meeting of the network {network}',
          `A meeting of the network {network} is coming up.\n\n${ANSWER.en}`,
        ],
        ['Rappel : réunion du réseau {network}', `Une réunion du réseau {network} approche.\n\n${ANSWER.fr}`],
        ['تذكير: اجتماع شبكة {network}', `يقترب موعد اجتماع لشبكة {network}.\n\n${ANSWER.ar}`],
      ),
    });
    this.kinds.register({
      kind: MEETING_MINUTES,
      inApp: true,
      email: 'on',
      template: template(
        [
          'Minutes of a meeting of the network {network}',
          '{actor} posted the minutes of a meeting of the network {network}.\n\nRead them (sign-in required):\n{link}',
        ],
        [
          'Compte rendu d’une réunion du réseau {network}',
          '{actor} a publié le compte rendu d’une réunion du réseau {network}.\n\nLe lire (connexion requise) :\n{link}',
        ],
        [
          'محضر اجتماع شبكة {network}',
          'نشر {actor} محضر اجتماع لشبكة {network}.\n\nاقرأه (يلزم تسجيل الدخول):\n{link}',
        ],
      ),
    });
  }

  /**
   * Tells the meeting's invitees (or `recipients`) of a new, changed or cancelled meeting or occurrence, in
   * the caller's transaction: the bell and an e-mail with the .ics of this notice.
   */
  async notice(
    manager: EntityManager,
    meeting: Meeting,
    method: NoticeMethod,
    occurrenceId: string | null,
    actorId: string | null,
    recipients?: string[],
  ): Promise<void> {
    const network = await this.network(manager, meeting.networkId);
    const eventId = await this.notifier.notifyEvent(manager, {
      kind: method === 'CANCEL' ? MEETING_CANCELLED : MEETING_INVITATION,
      recipients: recipients ?? (await inviteeIds(manager, meeting.id)),
      actorId,
      network,
      link: meetingPath(meeting.id),
    });
    if (eventId)
      await manager.insert(MeetingNotice, {
        eventId,
        meetingId: meeting.id,
        method,
        occurrenceId,
        sequence: meeting.sequence,
      });
  }

  async network(manager: EntityManager, networkId: string): Promise<{ id: string; name: string }> {
    const [row] = await manager.query<{ id: string; name: string }[]>('SELECT id, name FROM networks WHERE id = $1', [
      networkId,
    ]);
    return row;
  }

  /** The .ics of a notice, for one recipient. */
  private async calendar(eventId: string, address: string): Promise<CalendarPart | null> {
    const notice = await this.dataSource.manager.findOneBy(MeetingNotice, { eventId });
    if (!notice) return null;
    const meeting = await this.dataSource.manager.findOneByOrFail(Meeting, { id: notice.meetingId });
    const overrides = await this.dataSource.manager.findBy(MeetingOccurrence, { meetingId: meeting.id });
    return {
      method: notice.method,
      content: this.ics(meeting, overrides, notice.method, notice.occurrenceId, notice.sequence, address),
    };
  }

  ics(
    meeting: Meeting,
    overrides: MeetingOccurrence[],
    method: NoticeMethod | 'PUBLISH',
    occurrenceId: string | null,
    sequence: number,
    attendee?: string,
  ): string {
    return buildCalendar({
      meeting: { ...meeting, cancelled: meeting.cancelledAt !== null },
      overrides,
      method,
      occurrenceId: method === 'CANCEL' ? occurrenceId : null,
      sequence,
      link: new URL(meetingPath(meeting.id), this.config.PUBLIC_ORIGIN).toString(),
      organizer: this.noReply,
      attendee,
      domain: this.domain,
    });
  }
}
