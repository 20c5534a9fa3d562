import { MODULE_METADATA } from '@nestjs/common/constants';
import { HelpdeskHttpModule } from './helpdesk-http.module';
import { HelpdeskModule } from './helpdesk.module';
import { StatisticsController } from './statistics/statistics.controller';
import { TicketsController } from './tickets/tickets.controller';

describe('helpdesk modules', () => {
  it('keeps controllers out of the core module the worker imports', () => {
    expect(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, HelpdeskModule) ?? []).toEqual([]);
    expect(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, HelpdeskHttpModule)).toEqual([
      TicketsController,
      StatisticsController,
    ]);
    expect(Reflect.getMetadata(MODULE_METADATA.IMPORTS, HelpdeskHttpModule)).toEqual([HelpdeskModule]);
  });
});
