import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../api/problem';
import { Alert } from '../../ui/forms';
import { NotificationSummary } from './components';
import { Loading } from '../../ui/ui';
import { useBusy, useNow } from '../../hooks';
import { useLanguage } from '../../i18n';
import { isRead, kindLabel, notificationHref, notifications, useNotifications } from './store';
import { Link } from '../../router';

/**
 * The bell in the header, while signed in: the unread count, and a panel with the newest notifications,
 * "mark all read" and a link to all of them. A disclosure: the button says whether the panel is open; Escape
 * or a click outside closes it. A new notification is announced politely.
 *
 * The count element (`data-testid="notification-unread"`) is always there and holds the number, 0 included;
 * it is hidden (the `hidden` attribute) when there is nothing unread.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const language = useLanguage();
  const state = useNotifications();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  const now = useNow();
  const panelId = useId();
  const titleId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const unread = state.unread ?? 0;

  // A click (or a tap) anywhere else closes the panel.
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const toggle = () => {
    if (!open) {
      setError(null);
      // The first fetch failed (or has not come back): try again now that someone looks.
      if (state.latest === null || state.failed) void notifications.refresh();
    }
    setOpen(!open);
  };

  const closeOnEscape = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !open) return;
    // Handled here: the header's menu stays as it is.
    event.stopPropagation();
    setOpen(false);
    buttonRef.current?.focus();
  };

  const markAll = () =>
    run(async () => {
      setError(null);
      try {
        await notifications.markAllRead();
      } catch (caught) {
        setError(messageOf(caught));
      }
    });

  const latest = state.latest;
  const newest = state.arrived[0];
  const announcement = newest
    ? t('notifications.arrived', {
        label: newest.network ? `${kindLabel(newest.kind, t)} (${newest.network.name})` : kindLabel(newest.kind, t),
      })
    : '';

  return (
    <div className="bell" ref={rootRef} onKeyDown={closeOnEscape}>
      <button
        ref={buttonRef}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        data-testid="notification-bell"
      >
        {/* Named by its content, not aria-label, so the visible count is part of the name (WCAG 2.5.3). */}
        <span className="visually-hidden">{t('notifications.bellLabel', { count: unread })}</span>
        <span className="bell__icon" aria-hidden="true" />
        <span className="bell__count" aria-hidden="true" hidden={unread === 0} data-testid="notification-unread">
          {unread}
        </span>
      </button>
      <span key={language} className="visually-hidden" role="status">
        {announcement}
      </span>
      <div
        id={panelId}
        className="bell__panel"
        role="region"
        aria-labelledby={titleId}
        hidden={!open}
        data-testid="notification-panel"
      >
        <div className="bell__head">
          <h2 id={titleId} className="bell__title">
            {t('notifications.title')}
          </h2>
          {unread > 0 && (
            <button
              type="button"
              className="link-button"
              onClick={() => void markAll()}
              aria-disabled={busy || undefined}
              data-testid="notification-mark-all"
            >
              {t('notifications.markAllRead')}
            </button>
          )}
        </div>
        {error && <Alert>{error}</Alert>}
        {latest === null ? (
          state.failed ? (
            <div className="load-error">
              <Alert>{t('notifications.loadFailed')}</Alert>
              <button type="button" className="button" onClick={() => void notifications.refresh()}>
                {t('common.retry')}
              </button>
            </div>
          ) : (
            <Loading />
          )
        ) : latest.length === 0 ? (
          <p className="muted">{t('notifications.none')}</p>
        ) : (
          <ul className="bell__list" aria-labelledby={titleId}>
            {latest.map((notification) => {
              const read = isRead(state, notification);
              return (
                <li
                  key={notification.id}
                  className={read ? 'bell__item' : 'bell__item bell__item--unread'}
                  data-testid="notification-item"
                  data-read={read}
                >
                  <Link
                    className="bell__link"
                    href={notificationHref(notification.link)}
                    onClick={() => {
                      setOpen(false);
                      notifications.markRead(notification).catch(() => undefined);
                    }}
                  >
                    <NotificationSummary notification={notification} read={read} now={now} />
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
        <p className="bell__foot">
          <Link href="/notifications" onClick={() => setOpen(false)} data-testid="notification-all">
            {t('notifications.all')}
          </Link>
        </p>
      </div>
    </div>
  );
}
