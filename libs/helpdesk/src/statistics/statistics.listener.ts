import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents, Queues } from '@liaison/platform';
import { WorkingCalendarService } from '@liaison/directory';
import { StatisticsService } from './statistics.service';

export const STATISTICS_FOLD_QUEUE = 'helpdesk.statistics-fold';
/** How often the worker folds queued ticket changes into the statistics' counts (a read folds too). */
export const STATISTICS_FOLD_EVERY_MS = 60_000;

declare module '@liaison/platform' {
  interface QueueJobMap {
    /** Folds the ticket changes queued for the statistics into their counts. */
    'helpdesk.statistics-fold': Record<string, never>;
  }
}

/**
 * The statistics count months in the secretariat's zone: when an admin gives the calendar another zone,
 * every ticket is counted again in it, in the same transaction (under the fold's lock, so no change
 * is counted in the old zone after it). And the worker folds queued changes every minute, so that the
 * first read after a busy spell does not fold them all itself (a read still folds what is left).
 */
@Injectable()
export class StatisticsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly calendars: WorkingCalendarService,
    private readonly queues: Queues,
    private readonly statistics: StatisticsService,
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
    this.queues.register({
      name: STATISTICS_FOLD_QUEUE,
      process: () => this.statistics.fold(),
      every: STATISTICS_FOLD_EVERY_MS,
    });
  }
}
