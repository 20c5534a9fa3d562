import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@liaison/platform';
import { WorkingCalendarService } from '@liaison/directory';

/**
 * The statistics count months in the secretariat's zone: when an admin gives the calendar another zone,
 * every ticket is counted again in it, in the same transaction (under the fold's lock, so no change
 * is counted in the old zone after it).
 */
@Injectable()
export class StatisticsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly calendars: WorkingCalendarService,
  ) {}

  onModuleInit(): void {
    this.events.on('directory.calendar-changed', async (_event, manager) => {
      const { timeZone } = await this.calendars.get(manager);
      await manager.query(
        `SELECT helpdesk_statistics_rebuild($1) FROM (SELECT 1) one
          WHERE NOT EXISTS (SELECT 1 FROM helpdesk_statistics_state WHERE id = 'helpdesk' AND time_zone = $1)`,
        [timeZone],
      );
    });
  }
}
