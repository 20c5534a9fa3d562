import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative, isolate } from '../../format';
import { useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { kindLabel, type NotificationView } from './store';

/**
 * What a notification says: its kind, the network, who did it and when. Never more: notifications carry no
 * message text. Unread ones start with a word for screen readers (the dot beside them is decorative).
 */
export function NotificationSummary({
  notification,
  read,
  now,
}: {
  notification: NotificationView;
  read: boolean;
  now: Date;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  return (
    <span className={read ? 'notification' : 'notification notification--unread'}>
      <span className="notification__kind">
        {!read && <span className="visually-hidden">{t('notifications.unreadMark')} </span>}
        {kindLabel(notification.kind, t)}
      </span>
      {notification.network && (
        <span className="notification__network" data-testid="notification-network">
          {notification.network.name}
        </span>
      )}
      <span className="notification__meta">
        {notification.actor && <>{t('notifications.by', { name: isolate(notification.actor.displayName) })} · </>}
        <time dateTime={notification.createdAt} title={formatDateTime(notification.createdAt, language, zone)}>
          {formatRelative(notification.createdAt, language, now, zone)}
        </time>
      </span>
    </span>
  );
}
