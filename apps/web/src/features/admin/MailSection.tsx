import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { isNotFound, LoadError, Loading } from '../../ui/ui';
import { formatDateTime } from '../../format';
import { useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Panel } from './shared';
import { queryKeys } from '../../api/query-keys';

type Summary = Answer<'/api/admin/mail', 'get'>[number];

/** One caught e-mail: its envelope, and its text as plain text (never rendered as HTML). */
function Message({ summary, onClose }: { summary: Summary; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { resource, reload } = useResource(queryKeys.admin.mailOne(summary.id), (signal) =>
    unwrap(api.GET('/api/admin/mail/{id}', { params: { path: { id: summary.id } }, signal })),
  );

  // Opened from the list: reading starts here.
  useEffect(() => {
    headingRef.current?.focus();
  }, [summary.id]);

  return (
    <article className="mail" aria-labelledby={`mail-${summary.id}`} data-testid="mail-message">
      <div className="toolbar">
        <h3 id={`mail-${summary.id}`} ref={headingRef} tabIndex={-1} className="mail__subject">
          {summary.subject}
        </h3>
        <button type="button" className="button" onClick={onClose}>
          {t('admin.closeMail')}
        </button>
      </div>
      <dl className="inline-facts">
        <div>
          <dt>{t('admin.sender')}</dt>
          <dd className="break">
            <bdi>{summary.from}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('admin.recipients')}</dt>
          <dd className="break">
            <bdi>{summary.to.join(', ')}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('admin.received')}</dt>
          <dd>{formatDateTime(summary.receivedAt, language, zone)}</dd>
        </div>
        {summary.messageId && (
          <div>
            <dt>{t('admin.messageId')}</dt>
            <dd className="break" dir="ltr">
              {summary.messageId}
            </dd>
          </div>
        )}
      </dl>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        // Text only (React escapes it): an e-mail's HTML is never rendered. Focusable, to scroll a long one.
        <pre className="mail__text" dir="auto" tabIndex={0} data-testid="mail-text">
          {resource.data.text}
        </pre>
      )}
    </article>
  );
}

/** The local mail catcher's inbox; with a real SMTP relay the API has none (404) and says so here. */
export function MailSection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const id = useId();
  const { resource, reload } = useResource(queryKeys.admin.mail(), (signal) =>
    unwrap(api.GET('/api/admin/mail', { signal })),
  );
  const [open, setOpen] = useState<Summary | null>(null);
  const openerRef = useRef<HTMLButtonElement | null>(null);

  const close = () => {
    setOpen(null);
    openerRef.current?.focus();
  };

  const unavailable = resource.status === 'error' && isNotFound(resource.error);

  return (
    <Panel title={t('admin.mail')} testId="mail-panel">
      {unavailable ? (
        <p className="demo-notice" data-testid="mail-unavailable">
          {t('admin.mailUnavailable')}
        </p>
      ) : (
        <div className="toolbar">
          <p className="muted" id={`${id}-intro`}>
            {t('admin.mailIntro')}
          </p>
          <button type="button" className="button" onClick={reload} data-testid="mail-refresh">
            {t('admin.refresh')}
          </button>
        </div>
      )}
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && !unavailable && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.length === 0 ? (
          <p className="muted" data-testid="mail-empty">
            {t('admin.noMail')}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="mail-list" aria-describedby={`${id}-intro`}>
              <thead>
                <tr>
                  <th scope="col">{t('admin.subject')}</th>
                  <th scope="col">{t('admin.recipients')}</th>
                  <th scope="col">{t('admin.received')}</th>
                </tr>
              </thead>
              <tbody>
                {resource.data.map((mail) => (
                  <tr
                    key={mail.id}
                    data-testid="mail-row"
                    className={open?.id === mail.id ? 'table__row--current' : undefined}
                  >
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={open?.id === mail.id}
                        onClick={(event) => {
                          openerRef.current = event.currentTarget;
                          setOpen(open?.id === mail.id ? null : mail);
                        }}
                        data-testid="mail-open"
                      >
                        {mail.subject || '—'}
                      </button>
                    </td>
                    <td className="break">
                      <bdi>{mail.to.join(', ')}</bdi>
                    </td>
                    <td className="table__time">{formatDateTime(mail.receivedAt, language, zone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {open && <Message key={open.id} summary={open} onClose={close} />}
    </Panel>
  );
}
