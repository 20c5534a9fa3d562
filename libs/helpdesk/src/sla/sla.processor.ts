import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents, Queues } from '@liaison/platform';
import { MailTemplate, NotificationKinds } from '@liaison/notifications';
import { SLA_WARNING_NOTICE, SLA_WARNING_QUEUE, SlaService } from './sla.service';

const warningMail: MailTemplate = {
  en: {
    subject: 'Ticket {reference}: its SLA deadline is near',
    text: 'The helpdesk ticket {reference} reaches its SLA deadline soon.\n\nOpen the ticket:\n{link}',
  },
  fr: {
    subject: 'Ticket {reference} : son échéance approche',
    text: 'Le ticket {reference} atteint bientôt son échéance de service.\n\nOuvrir le ticket :\n{link}',
  },
  ar: {
    subject: 'التذكرة {reference}: اقترب موعدها',
    text: 'تقترب التذكرة {reference} من الموعد المحدد لمعالجتها.\n\nافتح التذكرة:\n{link}',
  },
};

/**
 * The SLA warning queue (its jobs re-check the ticket when they run; the sweep re-creates lost ones from
 * the deadlines in PostgreSQL), its notification kind, and the re-planning when the calendar changes.
 */
@Injectable()
export class SlaProcessor implements OnModuleInit {
  constructor(
    private readonly queues: Queues,
    private readonly kinds: NotificationKinds,
    private readonly events: DomainEvents,
    private readonly sla: SlaService,
  ) {}

  onModuleInit(): void {
    this.queues.register({
      name: SLA_WARNING_QUEUE,
      process: async ({ ticketId, clock, dueAt }) => {
        await this.sla.warn(ticketId, clock, dueAt);
      },
      expected: () => this.sla.expectedWarnings(),
    });
    this.kinds.register({ kind: SLA_WARNING_NOTICE, inApp: true, email: 'on', template: warningMail });
    this.events.on('directory.calendar-changed', (_event, manager) => this.sla.syncAll(manager));
  }
}
