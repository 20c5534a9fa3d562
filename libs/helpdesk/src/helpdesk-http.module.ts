import { Module } from '@nestjs/common';
import { HelpdeskModule } from './helpdesk.module';
import { TicketsController } from './tickets/tickets.controller';

/** The helpdesk's HTTP API, for the API process only. */
@Module({ imports: [HelpdeskModule], controllers: [TicketsController] })
export class HelpdeskHttpModule {}
