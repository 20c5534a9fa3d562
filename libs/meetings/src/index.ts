export { MeetingsModule } from './meetings.module';
export { MeetingsHttpModule } from './meetings-http.module';
export { meetingsEntities } from './meetings-entities';
export { MeetingsService } from './meetings/meetings.service';
export { REMIND_QUEUE } from './reminders/reminders.processor';
export type { ReminderJob } from './reminders/reminders.processor';
export type { MeetingAnswered } from '@liaison/contracts';
