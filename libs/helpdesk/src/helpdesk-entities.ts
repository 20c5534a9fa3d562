import { SlaWarning } from './sla/sla-warning.entity';
import { ReferenceCounter } from './tickets/reference-counter.entity';
import { TicketCounterpart } from './tickets/ticket-counterpart.entity';
import { TicketEvent } from './tickets/ticket-event.entity';
import { TicketNetwork } from './tickets/ticket-network.entity';
import { Ticket } from './tickets/ticket.entity';

export const helpdeskEntities = [Ticket, TicketNetwork, TicketCounterpart, TicketEvent, ReferenceCounter, SlaWarning];
