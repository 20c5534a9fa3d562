import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { queryClient } from '../../api/query-client';
import { formatCalendarDate, formatDateTime } from '../../format';
import { useBusy, useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { Alert } from '../../ui/forms';
import { isNotFound, LoadError, Loading, NotFoundPage, PageHeading } from '../../ui/ui';
import { categoryLabel, channelLabel } from '../../vocabulary';
import { DiffTable, download, fieldLabel, hoursText } from './editing';

const STAFF = ['admin', 'secretariat'];

/** The published snapshots, newest first; the secretariat publishes one. */
export function SnapshotsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const session = useSession();
  const staff = session.status === 'signed-in' && STAFF.includes(session.user.role);
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  const { resource, reload } = useResource(['directory', 'snapshots'], (signal) =>
    unwrap(api.GET('/api/directory/snapshots', { params: { query: { limit: 100 } }, signal })),
  );
  const publish = () =>
    void run(async () => {
      setError(null);
      try {
        const published = await unwrap(api.POST('/api/directory/snapshots'));
        void queryClient.invalidateQueries({ queryKey: ['directory', 'snapshots'] });
        navigate(`/directory/snapshots/${published.id}`);
      } catch (caught) {
        setError(messageOf(caught));
      }
    });
  return (
    <>
      <PageHeading title={t('editing.snapshots')}>
        <p className="page-lead">{t('editing.snapshotsIntro')}</p>
      </PageHeading>
      {error && <Alert>{error}</Alert>}
      {staff && (
        <p className="actions">
          <button
            type="button"
            className="button button--primary"
            onClick={publish}
            aria-disabled={busy || undefined}
            data-testid="publish"
          >
            {t('editing.publish')}
          </button>
        </p>
      )}
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.items.length === 0 ? (
          <p className="muted">{t('editing.noSnapshots')}</p>
        ) : (
          <ul className="plain-list cards" data-testid="snapshot-list">
            {resource.data.items.map((item) => (
              <li key={item.id} className="panel">
                <Link href={`/directory/snapshots/${item.id}`} className="strong">
                  {t('editing.published', { date: formatDateTime(item.publishedAt, language, zone) })}
                </Link>
                <br />
                <span className="muted">{t('editing.records', { count: item.recordCount })}</span>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

function Changes({ id }: { id: string }) {
  const { t } = useTranslation();
  const { resource, reload } = useResource(['directory', 'snapshots', id, 'compare'], (signal) =>
    unwrap(api.GET('/api/directory/snapshots/{id}/compare', { params: { path: { id } }, signal })),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  if (resource.data.records.length === 0) return <p className="muted">{t('editing.noChanges')}</p>;
  return (
    <div className="stack" data-testid="snapshot-changes">
      {resource.data.records.map((record) => (
        <section key={record.id} className="panel" aria-label={record.name}>
          <h3>
            {record.name} <span className="muted">({record.state.name})</span>{' '}
            <span className="badge badge--warn">{t(`editing.change_${record.change}`)}</span>
          </h3>
          {record.fields.length > 0 && (
            <DiffTable
              columns={[t('editing.before'), t('editing.after')]}
              rows={record.fields.map((field) => ({ field: field.field, values: [field.from, field.to] }))}
            />
          )}
        </section>
      ))}
    </div>
  );
}

/** One snapshot: its records (printable), exports, and a comparison with the directory now. */
export function SnapshotPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const [comparing, setComparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { resource, reload } = useResource(['directory', 'snapshots', id], (signal) =>
    unwrap(api.GET('/api/directory/snapshots/{id}', { params: { path: { id } }, signal })),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    if (isNotFound(resource.error)) return <NotFoundPage />;
    return <LoadError error={resource.error} onRetry={reload} />;
  }
  const snapshot = resource.data;
  const day = snapshot.publishedAt.slice(0, 10);
  const save = (kind: 'csv' | 'json') => {
    setError(null);
    const path =
      kind === 'csv' ? '/api/directory/snapshots/{id}/export.csv' : '/api/directory/snapshots/{id}/export.json';
    download(api.GET(path, { params: { path: { id } }, parseAs: 'blob' }), `directory-${day}.${kind}`).catch(
      (caught: unknown) => setError(messageOf(caught)),
    );
  };
  return (
    <div className="snapshot">
      <p className="breadcrumb no-print">
        <Link href="/directory/snapshots">{t('editing.snapshots')}</Link>
      </p>
      <PageHeading title={t('editing.snapshotTitle', { date: formatCalendarDate(day, language) })}>
        <p className="page-lead">
          {t('editing.published', { date: formatDateTime(snapshot.publishedAt, language, zone) })} ·{' '}
          {t('editing.records', { count: snapshot.recordCount })}
        </p>
      </PageHeading>
      {error && <Alert>{error}</Alert>}
      <p className="actions no-print">
        <button type="button" className="button" onClick={() => save('csv')} data-testid="export-csv">
          {t('editing.exportCsv')}
        </button>
        <button type="button" className="button" onClick={() => save('json')}>
          {t('editing.exportJson')}
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('editing.print')}
        </button>
        <button type="button" className="button" onClick={() => setComparing(!comparing)} aria-expanded={comparing}>
          {comparing ? t('editing.hideComparison') : t('editing.compareCurrent')}
        </button>
      </p>
      {comparing && <Changes id={id} />}
      <div className="stack" data-testid="snapshot-records">
        {snapshot.records.map((record) => (
          <section key={record.id} className="panel snapshot__record" aria-label={record.name}>
            <h2>
              {record.name} <span className="muted">({record.state.name})</span>
            </h2>
            <dl className="facts facts--stacked">
              <div className="facts__item">
                <dt>{fieldLabel('categories', t)}</dt>
                <dd>{record.categories.map((category) => categoryLabel(category, t)).join(', ')}</dd>
              </div>
              <div className="facts__item">
                <dt>{fieldLabel('channels', t)}</dt>
                <dd>{record.channels.map((channel) => channelLabel(channel, t)).join(', ')}</dd>
              </div>
              <div className="facts__item">
                <dt>{fieldLabel('officeHours', t)}</dt>
                <dd className="pre-line" dir="ltr">
                  {hoursText(record.officeHours)} ({record.timeZone})
                </dd>
              </div>
              {(['address', 'phone', 'fax', 'email', 'website'] as const)
                .filter((field) => record.contact[field])
                .map((field) => (
                  <div className="facts__item" key={field}>
                    <dt>{fieldLabel(`contact.${field}`, t)}</dt>
                    <dd>{record.contact[field]}</dd>
                  </div>
                ))}
              <div className="facts__item">
                <dt>{fieldLabel('focalPoints', t)}</dt>
                <dd>
                  {record.focalPoints.map((person) => `${person.displayName} <${person.email}>`).join(', ') ||
                    t('editing.empty')}
                </dd>
              </div>
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
