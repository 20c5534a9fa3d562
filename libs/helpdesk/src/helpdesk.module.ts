import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { MessagingModule } from '@liaison/messaging';
import { NotificationsModule } from '@liaison/notifications';
import { RealtimeModule } from '@liaison/realtime';
import { HelpdeskRegistrations } from './conversation/helpdesk-registrations';
import { TicketCrypto } from './tickets/ticket-crypto';
import { TicketsService } from './tickets/tickets.service';

/**
 * The helpdesk's core: tickets, workflow, triage, its thread kinds, notification kinds and auto-close
 * queue. No controller: the worker imports this module, the API imports HelpdeskHttpModule.
 */
@Module({
  imports: [IdentityModule, RealtimeModule, NotificationsModule, MessagingModule],
  providers: [TicketCrypto, TicketsService, HelpdeskRegistrations],
  exports: [TicketsService],
})
export class HelpdeskModule {}
