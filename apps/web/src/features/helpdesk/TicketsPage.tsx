/** "My authority's tickets": every ticket the signed-in member sees, newest first, page by page. */
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { useKeysetPages, useNow } from '../../hooks';
import { Link } from '../../router';
import { useSession } from '../../session';
import { Alert } from '../../ui/forms';
import { LoadError, Loading, PageHeading } from '../../ui/ui';
import { TicketRowSummary } from './components';
import type { TicketSummary } from './vocabulary';

export function TicketsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const role = session.status === 'signed-in' ? session.user.role : null;
  const now = useNow();
  const { first, items, nextCursor, loadMore, busy, error } = useKeysetPages<TicketSummary>(
    queryKeys.helpdesk.list({ mine: true }),
    (cursor, signal) =>
      unwrap(
        api.GET('/api/helpdesk/tickets', {
          params: { query: { sort: 'newest', limit: 50, cursor: cursor ?? undefined } },
          signal,
        }),
      ),
  );
  return (
    <div className="helpdesk">
      <PageHeading title={t('helpdesk.title')}>
        <p className="page-lead">{t('helpdesk.intro')}</p>
        <p className="page-actions">
          {(role === 'focal_point' || role === 'coordinator') && (
            <Link className="button button--primary" href="/helpdesk/new" data-testid="file-ticket">
              {t('helpdesk.fileLink')}
            </Link>
          )}
          {role === 'secretariat' && (
            <Link className="button" href="/helpdesk/queue">
              {t('helpdesk.queueLink')}
            </Link>
          )}
        </p>
      </PageHeading>
      <section className="panel" aria-labelledby="my-tickets">
        <h2 id="my-tickets">{t('helpdesk.myTickets')}</h2>
        {first.resource.status === 'loading' ? (
          <Loading />
        ) : first.resource.status === 'error' ? (
          <LoadError error={first.resource.error} onRetry={first.reload} />
        ) : items.length === 0 ? (
          <p className="muted" data-testid="tickets-empty">
            {t('helpdesk.none')}
          </p>
        ) : (
          <ul className="ticket-list" data-testid="tickets">
            {items.map((ticket) => (
              <li key={ticket.id} className="ticket-row" data-testid="ticket-row">
                <TicketRowSummary ticket={ticket} now={now} />
              </li>
            ))}
          </ul>
        )}
        {error && <Alert>{error}</Alert>}
        {nextCursor && (
          <p>
            <button type="button" className="button" onClick={() => void loadMore()} aria-disabled={busy || undefined}>
              {busy ? t('common.loading') : t('helpdesk.more')}
            </button>
          </p>
        )}
      </section>
    </div>
  );
}
