import './directory-events';

export { DirectoryModule } from './directory.module';
export { DirectoryHttpModule } from './directory-http.module';
export { directoryEntities } from './directory-entities';
export { CATEGORIES, CHANNELS, CLOSED_WEEK, WEEKDAYS } from '@liaison/contracts';
export type { Category, Channel, OfficeHours, OpeningInterval, Weekday } from '@liaison/contracts';
export type { ContactDetails } from './authorities/authority.entity';
export { scheduleFor } from './schedule/office-hours';
export type { CalendarChanged, MemberAdded, MemberRemoved } from './directory-events';
export { WorkingCalendarService, SECRETARIAT_CALENDAR } from './calendar/working-calendar.service';
export type { CalendarView } from './calendar/working-calendar.service';
export {
  addWorkingTime,
  calendarProblems,
  DEFAULT_CALENDAR,
  startOfDate,
  workingTimeBetween,
} from './calendar/working-time';
export type { Holiday, WorkingCalendar } from './calendar/working-time';
export { ProposalsService } from './proposals/proposals.service';
export { SnapshotsService } from './snapshots/snapshots.service';
export { VersionsService } from './versions/versions.service';
export { Freshness, VERIFY_REMINDER_QUEUE, verifyReminderJobId } from './freshness/freshness.processor';
export type { VerifyReminderJob } from './freshness/freshness.processor';
