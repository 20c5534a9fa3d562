import './events';

export { NotificationsModule } from './notifications.module';
export { notificationEntities } from './notification-entities';
export type { Channel, DeliveryStatus } from './notification-entities';
export { NotificationKinds, MAIL_LANGUAGES } from './kinds';
export type { CalendarPart, MailLanguage, MailTemplate, NotificationKind } from './kinds';
export { Notifier, DELIVER_QUEUE } from './notifier';
export type { NotifyAddress, NotifyUsers } from './notifier';
export { Deliveries } from './delivery/deliveries';
export { MailCatcher } from './mail/mail-catcher';
export type { NotificationView } from './events';
