import { Module } from '@nestjs/common';
import { DirectoryModule } from '@liaison/directory';
import { IdentityModule } from '@liaison/identity';
import { MessagingModule } from '@liaison/messaging';
import { NotificationsModule } from '@liaison/notifications';
import { RealtimeModule } from '@liaison/realtime';
import { AnswersService } from './answers/answers.service';
import { Invitations } from './invitations/invitations.service';
import { MeetingsService } from './meetings/meetings.service';
import { Membership } from './meetings/membership.listener';
import { MinutesService } from './minutes/minutes.service';
import { Reminders } from './reminders/reminders.processor';
import { SlotsService } from './slots/slots.service';

/**
 * Network meetings, the core: scheduling, recurrence, answers, invitations with their .ics, reminders
 * through the queue, minutes. No controllers: the worker imports this module.
 */
@Module({
  imports: [IdentityModule, RealtimeModule, NotificationsModule, DirectoryModule, MessagingModule],
  providers: [MeetingsService, AnswersService, Invitations, Reminders, MinutesService, SlotsService, Membership],
  exports: [MeetingsService, AnswersService, MinutesService, SlotsService],
})
export class MeetingsModule {}
