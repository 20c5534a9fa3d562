import type { EntityList } from '@liaison/platform';
import { NotificationDelivery } from './delivery/notification-delivery.entity';
import { NotificationEvent } from './delivery/notification-event.entity';
import { CaughtMail } from './mail/caught-mail.entity';
import { NotificationPreference } from './notifications/notification-preference.entity';
import { Notification } from './notifications/notification.entity';

export const notificationsEntities = [
  NotificationEvent,
  NotificationDelivery,
  Notification,
  NotificationPreference,
  CaughtMail,
] satisfies EntityList;
