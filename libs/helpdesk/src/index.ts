export { HelpdeskModule } from './helpdesk.module';
export { HelpdeskHttpModule } from './helpdesk-http.module';
export { helpdeskEntities } from './helpdesk-entities';
export { QUEUE_ROOM } from './helpdesk-events';
export type { TicketChanged } from '@liaison/contracts';
export {
  AUTO_CLOSE_QUEUE,
  NOTICE as HELPDESK_NOTICES,
  TICKET_INTERNAL_KIND,
  TICKET_KIND,
  TicketsService,
} from './tickets/tickets.service';
export type { FilingInput, StatusChange, TicketListQuery, TicketSort } from './tickets/tickets.service';
export type { FilingCheck, SlaView, TicketDetail, TicketSummary, TimelineEntry } from './tickets/ticket-views';
export { SlaService, SLA_WARNING_NOTICE, SLA_WARNING_QUEUE } from './sla/sla.service';
export type { SlaClock } from './sla/sla.policy';
export { StatisticsService } from './statistics/statistics.service';
export type { Statistics, StatisticsFilter } from './statistics/statistics.service';
export { STATUSES, allowedTransitions } from './workflow/workflow.policy';
export type { TicketStatus } from './workflow/workflow.policy';
export * from './vocabulary';
export { insertDemoTicket } from './tickets/demo-tickets';
export type { DemoTicket } from './tickets/demo-tickets';
