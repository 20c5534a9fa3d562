import { Module } from '@nestjs/common';
import { HelpdeskModule } from './helpdesk.module';
import { StatisticsController } from './statistics/statistics.controller';
import { TicketsController } from './tickets/tickets.controller';

/** The helpdesk's HTTP API, for the API process only. */
@Module({ imports: [HelpdeskModule], controllers: [TicketsController, StatisticsController] })
export class HelpdeskHttpModule {}
