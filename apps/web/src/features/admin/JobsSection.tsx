import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { Alert, Notice } from '../../ui/forms';
import { Badge, LoadError, Loading } from '../../ui/ui';
import { formatDateTime } from '../../format';
import { useBusy, useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { kindLabel } from '../notifications/store';
import { Panel } from './shared';
import { queryKeys } from '../../api/query-keys';

type FailedJob = Answer<'/api/admin/jobs/failed', 'get'>[number];
type Delivery = Answer<'/api/admin/deliveries', 'get'>[number];

const STATUS_TONES = { pending: 'neutral', claimed: 'warn', sent: 'ok', failed: 'bad', skipped: 'warn' } as const;

/** Failed jobs, each with a button to run it again (with a fresh set of attempts). */
function FailedJobs() {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const { resource, reload } = useResource(queryKeys.admin.failedJobs(), (signal) =>
    unwrap(api.GET('/api/admin/jobs/failed', { signal })),
  );
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, run] = useBusy();

  const retry = (job: FailedJob) =>
    run(async () => {
      setError(null);
      setNotice('');
      try {
        await unwrap(
          api.POST('/api/admin/jobs/{queue}/{id}/retry', { params: { path: { queue: job.queue, id: job.id } } }),
        );
        setNotice(t('admin.retried', { id: job.id }));
      } catch (caught) {
        setError(messageOf(caught));
      }
      // Retried, or already gone (retried elsewhere): either way the list has changed.
      reload();
    });

  return (
    <Panel title={t('admin.failedJobs')} testId="failed-jobs-panel">
      <div className="toolbar">
        <p className="muted">{t('admin.failedJobsIntro')}</p>
        <button type="button" className="button" onClick={reload} data-testid="failed-jobs-refresh">
          {t('admin.refresh')}
        </button>
      </div>
      {error && <Alert>{error}</Alert>}
      <Notice testId="failed-jobs-notice">{notice}</Notice>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.length === 0 ? (
          <p className="muted" data-testid="failed-jobs-empty">
            {t('admin.noFailedJobs')}
          </p>
        ) : (
          <ul className="rows" data-testid="failed-jobs">
            {resource.data.map((job) => (
              <li key={`${job.queue}/${job.id}`} className="row row--wrap" data-testid="failed-job">
                <div className="row__main">
                  <p className="strong break" dir="ltr">
                    <code>{job.queue}</code> · <code>{job.id}</code>
                  </p>
                  <dl className="inline-facts">
                    <div>
                      <dt>{t('admin.reason')}</dt>
                      <dd className="break">
                        <bdi>{job.reason || '—'}</bdi>
                      </dd>
                    </div>
                    <div>
                      <dt>{t('admin.attempts')}</dt>
                      <dd>{job.attempts}</dd>
                    </div>
                    <div>
                      <dt>{t('admin.failedAt')}</dt>
                      <dd>
                        {job.failedAt ? (
                          <time dateTime={job.failedAt}>{formatDateTime(job.failedAt, language, zone)}</time>
                        ) : (
                          '—'
                        )}
                      </dd>
                    </div>
                  </dl>
                  {Object.keys(job.payload).length > 0 && (
                    <details>
                      <summary>{t('admin.payload')}</summary>
                      <pre className="code-block" dir="ltr">
                        {JSON.stringify(job.payload, null, 2)}
                      </pre>
                    </details>
                  )}
                </div>
                <button
                  type="button"
                  className="button"
                  onClick={() => void retry(job)}
                  aria-disabled={busy || undefined}
                  data-testid="failed-job-retry"
                >
                  {t('admin.retry')}
                  <span className="visually-hidden"> {job.id}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
    </Panel>
  );
}

function DeliveryStatus({ status }: { status: Delivery['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONES[status]}>{t(`admin.deliveryStatus.${status}`)}</Badge>;
}

/** Deliveries that went wrong, are stuck, or were sent again after an interruption (the API chooses them). */
function Deliveries() {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const { resource, reload } = useResource(queryKeys.admin.deliveries(), (signal) =>
    unwrap(api.GET('/api/admin/deliveries', { signal })),
  );

  return (
    <Panel title={t('admin.deliveries')} testId="deliveries-panel">
      <div className="toolbar">
        <p className="muted">{t('admin.deliveriesIntro')}</p>
        <button type="button" className="button" onClick={reload} data-testid="deliveries-refresh">
          {t('admin.refresh')}
        </button>
      </div>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.length === 0 ? (
          <p className="muted" data-testid="deliveries-empty">
            {t('admin.noDeliveries')}
          </p>
        ) : (
          <ul className="rows" data-testid="deliveries">
            {resource.data.map((delivery) => (
              <li
                key={delivery.id}
                className={delivery.unconfirmed ? 'row row--wrap row--flagged' : 'row row--wrap'}
                data-testid="delivery"
                data-unconfirmed={delivery.unconfirmed}
              >
                <div className="row__main">
                  <p className="strong">
                    {kindLabel(delivery.kind, t)} · {t(`admin.deliveryChannels.${delivery.channel}`)}{' '}
                    <span className="badges badges--inline">
                      <DeliveryStatus status={delivery.status} />
                      {delivery.unconfirmed && (
                        <Badge tone="warn" testId="delivery-unconfirmed">
                          <span className="flag-icon" aria-hidden="true" />
                          {t('admin.unconfirmed')}
                        </Badge>
                      )}
                    </span>
                  </p>
                  {delivery.unconfirmed && <p className="flag-note">{t('admin.unconfirmedHint')}</p>}
                  <dl className="inline-facts">
                    <div>
                      <dt>{t('admin.recipient')}</dt>
                      <dd className="break">
                        <bdi>{delivery.recipient || '—'}</bdi>
                      </dd>
                    </div>
                    <div>
                      <dt>{t('admin.kind')}</dt>
                      <dd dir="ltr">
                        <code>{delivery.kind}</code>
                      </dd>
                    </div>
                    <div>
                      <dt>{t('admin.attempts')}</dt>
                      <dd>{delivery.attempts}</dd>
                    </div>
                    <div>
                      <dt>{t('admin.createdAt')}</dt>
                      <dd>
                        <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt, language, zone)}</time>
                      </dd>
                    </div>
                    {delivery.sentAt && (
                      <div>
                        <dt>{t('admin.sentAt')}</dt>
                        <dd>
                          <time dateTime={delivery.sentAt}>{formatDateTime(delivery.sentAt, language, zone)}</time>
                        </dd>
                      </div>
                    )}
                    {delivery.messageId && (
                      <div>
                        <dt>{t('admin.messageId')}</dt>
                        <dd className="break" dir="ltr">
                          <code>{delivery.messageId}</code>
                        </dd>
                      </div>
                    )}
                    <div>
                      <dt>{t('admin.lastError')}</dt>
                      <dd className="break">{delivery.lastError ? <bdi>{delivery.lastError}</bdi> : '—'}</dd>
                    </div>
                  </dl>
                </div>
              </li>
            ))}
          </ul>
        ))}
    </Panel>
  );
}

export function JobsSection() {
  return (
    <div className="stack">
      <FailedJobs />
      <Deliveries />
    </div>
  );
}
