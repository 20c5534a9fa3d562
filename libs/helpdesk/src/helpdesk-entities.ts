import { SlaWarning } from './sla/sla-warning.entity';
import { StatisticsAllCount, StatisticsCount } from './statistics/statistics-count.entity';
import { StatisticsAllDuration, StatisticsDuration } from './statistics/statistics-duration.entity';
import { StatisticsFact } from './statistics/statistics-fact.entity';
import { StatisticsPending } from './statistics/statistics-pending.entity';
import { StatisticsState } from './statistics/statistics-state.entity';
import { ReferenceCounter } from './tickets/reference-counter.entity';
import { TicketCounterpart } from './tickets/ticket-counterpart.entity';
import { TicketEvent } from './tickets/ticket-event.entity';
import { TicketNetwork } from './tickets/ticket-network.entity';
import { Ticket } from './tickets/ticket.entity';

export const helpdeskEntities = [
  Ticket,
  TicketNetwork,
  TicketCounterpart,
  TicketEvent,
  ReferenceCounter,
  SlaWarning,
  StatisticsCount,
  StatisticsDuration,
  StatisticsAllCount,
  StatisticsAllDuration,
  StatisticsState,
  StatisticsFact,
  StatisticsPending,
];
