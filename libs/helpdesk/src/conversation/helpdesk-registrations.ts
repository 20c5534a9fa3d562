import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents, jobId, Queues } from '@liaison/platform';
import { ThreadKinds } from '@liaison/messaging';
import { MailTemplate, NotificationKinds } from '@liaison/notifications';
import { RoomPolicies } from '@liaison/realtime';
import { NOTICE, QUEUE_ROOM } from '../helpdesk-events';
import { HELPDESK_OWNER, TICKET_INTERNAL_KIND, TICKET_KIND } from '../tickets/filing.service';
import { ticketVisibleTo } from '../tickets/ticket-access';
import { AUTO_CLOSE_QUEUE, WorkflowService } from '../workflow/workflow.service';
import { autoCloseAt } from '../workflow/workflow.policy';

const secretariat = `EXISTS (SELECT 1 FROM users su WHERE su.id = :me AND su.role = 'secretariat' AND su.status = 'active')`;

/** E-mails name the reference and link to the ticket: never a case fact, a message or a note. */
const mail = (en: [string, string], fr: [string, string], ar: [string, string]): MailTemplate => ({
  en: { subject: en[0], text: `${en[1]}\n\nOpen the ticket:\n{link}` },
  fr: { subject: fr[0], text: `${fr[1]}\n\nOuvrir le ticket :\n{link}` },
  ar: { subject: ar[0], text: `${ar[1]}\n\nافتح التذكرة:\n{link}` },
});

/**
 * What the helpdesk plugs into the libraries below it, in the API and the worker alike: its two thread
 * kinds (the public thread: whoever sees the ticket; internal notes: the secretariat only, by every
 * route), its notification kinds, the auto-close queue, the triage queue's room, and its reaction to a
 * message in a ticket's public thread.
 */
@Injectable()
export class HelpdeskRegistrations implements OnModuleInit {
  constructor(
    private readonly threadKinds: ThreadKinds,
    private readonly notificationKinds: NotificationKinds,
    private readonly queues: Queues,
    private readonly rooms: RoomPolicies,
    private readonly events: DomainEvents,
    private readonly workflow: WorkflowService,
  ) {}

  onModuleInit(): void {
    this.threadKinds.register({
      kind: TICKET_KIND,
      read: `EXISTS (SELECT 1 FROM helpdesk_tickets ht WHERE ht.public_thread_id = t.id AND ${ticketVisibleTo(':me')})`,
      room: { prefix: 'ticket:' },
      inbox: false,
      genericNotices: false,
      reactsToMessages: true,
      participants: false,
      owner: HELPDESK_OWNER,
    });
    this.threadKinds.register({
      kind: TICKET_INTERNAL_KIND,
      read: `(${secretariat} AND EXISTS (SELECT 1 FROM helpdesk_tickets ht WHERE ht.internal_thread_id = t.id))`,
      room: { prefix: 'ticket-internal:', policy: (user) => user.role === 'secretariat' },
      inbox: false,
      genericNotices: false,
      participants: false,
      owner: HELPDESK_OWNER,
    });

    this.rooms.register('helpdesk:', (user, room) => room === QUEUE_ROOM && user.role === 'secretariat');

    this.queues.register({
      name: AUTO_CLOSE_QUEUE,
      process: async ({ ticketId }) => {
        await this.workflow.autoClose(ticketId);
      },
      expected: async () =>
        (await this.workflow.pendingAutoCloses()).map(({ id, resolvedAt }) => ({
          id: jobId('auto-close', id, String(resolvedAt.getTime())),
          payload: { ticketId: id },
          runAt: autoCloseAt(resolvedAt),
        })),
    });

    // Only the public thread reacts: a note in the internal thread tells nobody and moves nothing.
    this.events.on('messaging.message-sent', async ({ kind, threadId, authorId }, manager) => {
      if (kind === TICKET_KIND) await this.workflow.onPublicMessage(manager, threadId, authorId);
    });

    const register = (kind: string, template: MailTemplate) =>
      this.notificationKinds.register({ kind, inApp: true, email: 'on', template });
    register(
      NOTICE.filed,
      mail(
        ['New helpdesk ticket {reference}', '{actor} filed the helpdesk ticket {reference}.'],
        ['Nouveau ticket {reference}', '{actor} a ouvert le ticket {reference}.'],
        ['تذكرة جديدة {reference}', 'فتح {actor} التذكرة {reference}.'],
      ),
    );
    register(
      NOTICE.assigned,
      mail(
        ['Ticket {reference} assigned to you', '{actor} assigned the helpdesk ticket {reference} to you.'],
        ['Ticket {reference} qui vous est attribué', '{actor} vous a attribué le ticket {reference}.'],
        ['أُسندت إليك التذكرة {reference}', 'أسند إليك {actor} التذكرة {reference}.'],
      ),
    );
    register(
      NOTICE.statusChanged,
      mail(
        ['Ticket {reference} changed status', 'The status of the helpdesk ticket {reference} changed.'],
        ['Le ticket {reference} a changé de statut', 'Le statut du ticket {reference} a changé.'],
        ['تغيّرت حالة التذكرة {reference}', 'تغيّرت حالة التذكرة {reference}.'],
      ),
    );
    register(
      NOTICE.publicMessage,
      mail(
        ['New message on ticket {reference}', '{actor} wrote on the helpdesk ticket {reference}.'],
        ['Nouveau message sur le ticket {reference}', '{actor} a écrit sur le ticket {reference}.'],
        ['رسالة جديدة في التذكرة {reference}', 'كتب {actor} في التذكرة {reference}.'],
      ),
    );
    register(
      NOTICE.counterpartInvited,
      mail(
        ['You are invited to ticket {reference}', '{actor} invited you to the helpdesk ticket {reference}.'],
        ['Invitation au ticket {reference}', '{actor} vous a invité au ticket {reference}.'],
        ['دعوة إلى التذكرة {reference}', 'دعاك {actor} إلى التذكرة {reference}.'],
      ),
    );
  }
}
