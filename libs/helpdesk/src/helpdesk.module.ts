import { Module } from '@nestjs/common';
import { DirectoryModule } from '@liaison/directory';
import { IdentityModule } from '@liaison/identity';
import { MessagingModule } from '@liaison/messaging';
import { NotificationsModule } from '@liaison/notifications';
import { RealtimeModule } from '@liaison/realtime';
import { HelpdeskRegistrations } from './conversation/helpdesk-registrations';
import { SlaProcessor } from './sla/sla.processor';
import { SlaService } from './sla/sla.service';
import { StatisticsListener } from './statistics/statistics.listener';
import { StatisticsService } from './statistics/statistics.service';
import { TicketCrypto } from './tickets/ticket-crypto';
import { FilingService } from './tickets/filing.service';
import { TicketQueueService } from './tickets/ticket-queue.service';
import { WorkflowService } from './workflow/workflow.service';

/**
 * The helpdesk's core: tickets, workflow, triage, SLA clocks, its thread kinds, notification kinds and
 * queues. No controller: the worker imports this module, the API imports HelpdeskHttpModule.
 */
@Module({
  imports: [IdentityModule, RealtimeModule, NotificationsModule, DirectoryModule, MessagingModule],
  providers: [
    TicketCrypto,
    SlaService,
    TicketQueueService,
    FilingService,
    WorkflowService,
    HelpdeskRegistrations,
    SlaProcessor,
    StatisticsService,
    StatisticsListener,
  ],
  exports: [TicketQueueService, FilingService, WorkflowService, SlaService, StatisticsService],
})
export class HelpdeskModule {}
