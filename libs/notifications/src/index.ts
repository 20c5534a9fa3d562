import './events';

export { NotificationsModule } from './notifications.module';
export { NotificationsHttpModule } from './notifications-http.module';
export { notificationsEntities } from './notifications-entities';
export type { Channel, DeliveryStatus } from './delivery/notification-delivery.entity';
export { NotificationKinds, MAIL_LANGUAGES } from './kinds/notification-kinds.registry';
export type { MailLanguage, MailTemplate, NotificationKind } from './kinds/notification-kinds.registry';
export { Notifier, DELIVER_QUEUE } from './delivery/notifier.service';
export type { NotifyAddress, NotifyUsers } from './delivery/notifier.service';
export { Deliveries } from './delivery/deliveries.processor';
export { MailCatcher } from './mail/mail-catcher';
export type { NotificationView } from './events';
