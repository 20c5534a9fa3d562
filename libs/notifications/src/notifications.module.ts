import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { RealtimeModule } from '@liaison/realtime';
import { OperationsService } from './operations/operations.service';
import { Deliveries } from './delivery/deliveries';
import { IdentityNotifications } from './identity-mail';
import { NotificationKinds } from './kinds';
import { Mailer } from './mail/mailer';
import { NotificationsService } from './notifications/notifications.service';
import { Notifier } from './notifier';
import { SignInNotifications } from './sign-in-mail';

/** Telling people what happened: in the bell (live) and by e-mail, each delivery exactly once. */
@Module({
  imports: [IdentityModule, RealtimeModule],
  providers: [
    NotificationKinds,
    Notifier,
    NotificationsService,
    Deliveries,
    Mailer,
    IdentityNotifications,
    SignInNotifications,
    OperationsService,
  ],
  exports: [NotificationKinds, Notifier, NotificationsService, Deliveries, OperationsService],
})
export class NotificationsModule {}
