import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Alert, CheckboxField, Notice } from '../../ui/forms';
import { NotificationSummary } from './components';
import { LoadError, Loading, PageHeading } from '../../ui/ui';
import { useBusy, useKeysetPages, useNow } from '../../hooks';
import { isRead, kindLabel, notificationHref, notifications, type NotificationView, useNotifications } from './store';
import { Link, navigate, useSearch, withQuery } from '../../router';
import { queryKeys } from '../../api/query-keys';

type NotificationPage = Answer<'/api/notifications', 'get'>;

const PAGE_SIZE = 20;

function fetchPage(unreadOnly: boolean, cursor: string | null, signal?: AbortSignal): Promise<NotificationPage> {
  const query = { limit: PAGE_SIZE, cursor: cursor ?? undefined, unread: unreadOnly || undefined };
  return unwrap(api.GET('/api/notifications', { params: { query }, signal }));
}

/** The list without later repeats of an id. */
function unique(list: readonly NotificationView[]): NotificationView[] {
  const seen = new Set<string>();
  return list.filter((entry) => {
    if (seen.has(entry.id)) return false;
    seen.add(entry.id);
    return true;
  });
}

/**
 * One filter's list, from the API page by page, with what arrives live above it. Remounted (so fetched
 * again from the first page) when the filter changes or the store says the page missed something.
 */
function NotificationList({ unreadOnly }: { unreadOnly: boolean }) {
  const { t } = useTranslation();
  const state = useNotifications();
  const now = useNow();
  // What had arrived before this list was fetched is in the list (or read, for the unread filter).
  const [before] = useState(() => new Set(state.arrived.map((entry) => entry.id)));
  const { first, items, nextCursor, loadMore, busy, error } = useKeysetPages<NotificationView>(
    queryKeys.notifications.list(unreadOnly, state.revision),
    (cursor, signal) => fetchPage(unreadOnly, cursor, signal),
  );
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [acting, run] = useBusy();

  if (first.resource.status === 'loading') return <Loading />;
  if (first.resource.status === 'error') return <LoadError error={first.resource.error} onRetry={first.reload} />;

  const shown = unique([...state.arrived.filter((entry) => !before.has(entry.id)), ...items]);
  const unread = state.unread ?? shown.filter((entry) => !isRead(state, entry)).length;

  const act = (task: () => Promise<void>, done: string) =>
    run(async () => {
      setActionError(null);
      setNotice('');
      try {
        await task();
        setNotice(done);
      } catch (caught) {
        setActionError(messageOf(caught));
      }
    });

  return (
    <>
      <div className="toolbar">
        <p className="muted" data-testid="notifications-count">
          {t('notifications.shown', { count: shown.length })} · {t('notifications.unreadCount', { count: unread })}
        </p>
        {unread > 0 && (
          <button
            type="button"
            className="button"
            onClick={() =>
              void act(() => notifications.markAllRead(shown[0]?.createdAt ?? null), t('notifications.allMarked'))
            }
            aria-disabled={acting || undefined}
            data-testid="notifications-mark-all"
          >
            {t('notifications.markAllRead')}
          </button>
        )}
      </div>
      {actionError && <Alert>{actionError}</Alert>}
      <Notice>{notice}</Notice>
      {shown.length === 0 ? (
        <p className="muted" data-testid="notifications-empty">
          {unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}
        </p>
      ) : (
        <ul className="rows" data-testid="notifications">
          {shown.map((notification) => {
            const read = isRead(state, notification);
            const label = kindLabel(notification.kind, t);
            return (
              <li
                key={notification.id}
                className={read ? 'row' : 'row row--unread'}
                data-testid="notifications-row"
                data-read={read}
              >
                <div className="row__main">
                  <Link
                    className="notification-link"
                    href={notificationHref(notification.link)}
                    onClick={() => {
                      notifications.markRead(notification).catch(() => undefined);
                    }}
                  >
                    <NotificationSummary notification={notification} read={read} now={now} />
                  </Link>
                </div>
                {!read && (
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      void act(() => notifications.markRead(notification), t('notifications.marked', { label }))
                    }
                    aria-disabled={acting || undefined}
                    data-testid="notification-mark-read"
                  >
                    {t('notifications.markRead')}
                    <span className="visually-hidden">: {label}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && <Alert>{error}</Alert>}
      {nextCursor && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => void loadMore()}
            aria-disabled={busy || undefined}
            data-testid="notifications-more"
          >
            {busy ? t('common.loading') : t('common.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const id = useId();
  const { revision } = useNotifications();
  const unreadOnly = new URLSearchParams(useSearch()).get('unread') === '1';

  return (
    <>
      <PageHeading title={t('notifications.title')}>
        <p className="page-lead">{t('notifications.intro')}</p>
      </PageHeading>
      <div className="panel">
        <CheckboxField
          id={`${id}-unread`}
          field="unread"
          label={t('notifications.unreadOnly')}
          checked={unreadOnly}
          onChange={(event) =>
            navigate(withQuery('/notifications', { unread: event.target.checked ? '1' : null }), { replace: true })
          }
          testId="notifications-unread-only"
        />
        <NotificationList key={`${unreadOnly}-${revision}`} unreadOnly={unreadOnly} />
      </div>
    </>
  );
}
