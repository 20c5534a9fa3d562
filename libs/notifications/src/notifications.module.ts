import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { RealtimeModule } from '@liaison/realtime';
import { OperationsService } from './operations/operations.service';
import { Deliveries } from './delivery/deliveries.processor';
import { IdentityNotifications } from './mail/identity-mail.listener';
import { NotificationKinds } from './kinds/notification-kinds.registry';
import { Mailer } from './mail/mailer.service';
import { NotificationsService } from './notifications/notifications.service';
import { Notifier } from './delivery/notifier.service';
import { SignInNotifications } from './mail/sign-in-mail.listener';

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
