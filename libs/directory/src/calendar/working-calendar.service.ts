import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService, DomainEvents, ValidationProblem } from '@liaison/platform';
import { WorkingCalendarRow } from './working-calendar.entity';
import { calendarProblems, DEFAULT_CALENDAR, WorkingCalendar } from './working-time';

/** The secretariat's calendar: the only one so far. */
export const SECRETARIAT_CALENDAR = 'secretariat';

export interface CalendarView extends WorkingCalendar {
  updatedAt: string | null;
}

/** Reads and (for admins, audited) replaces the secretariat's working calendar. */
@Injectable()
export class WorkingCalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async get(manager: EntityManager = this.dataSource.manager): Promise<CalendarView> {
    const row = await manager.findOne(WorkingCalendarRow, { where: { id: SECRETARIAT_CALENDAR } });
    if (!row) return { ...DEFAULT_CALENDAR, updatedAt: null };
    return { timeZone: row.timeZone, hours: row.hours, holidays: row.holidays, updatedAt: row.updatedAt.toISOString() };
  }

  /**
   * Replaces the calendar (400 naming each field that is wrong). Higher libraries re-plan what they
   * counted in it inside the same transaction (`directory.calendar-changed`).
   */
  async replace(actorId: string, input: WorkingCalendar, context: AuditContext): Promise<CalendarView> {
    const calendar: WorkingCalendar = {
      timeZone: input.timeZone,
      hours: input.hours,
      holidays: [...input.holidays]
        .map((holiday) => ({ date: holiday.date, name: holiday.name.trim() }))
        .sort((a, b) => a.date.localeCompare(b.date)),
    };
    const problems = calendarProblems(calendar);
    if (problems.length > 0) throw new ValidationProblem(problems);
    await this.dataSource.transaction(async (manager) => {
      // Serialises concurrent edits and their re-planning.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('working_calendars'))`);
      const before = await this.get(manager);
      await manager.upsert(
        WorkingCalendarRow,
        { id: SECRETARIAT_CALENDAR, ...calendar, updatedBy: actorId },
        { conflictPaths: ['id'] },
      );
      await this.audit.append(
        {
          ...context,
          actorId,
          action: 'directory.calendar-changed',
          targetType: 'working-calendar',
          targetId: SECRETARIAT_CALENDAR,
          details: {
            from: { timeZone: before.timeZone, hours: before.hours, holidays: before.holidays },
            to: calendar,
          },
        },
        manager,
      );
      await this.events.publish('directory.calendar-changed', { calendarId: SECRETARIAT_CALENDAR }, manager);
    });
    return this.get();
  }
}
