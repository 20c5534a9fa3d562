import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert, Notice, useFormSubmit } from '../../../ui/forms';
import { Badge, LoadError, Loading } from '../../../ui/ui';
import { describeUserAgent, formatDateTime } from '../../../format';
import { useResource, useViewerZone } from '../../../hooks';
import { useLanguage } from '../../../i18n';
import { queryKeys } from '../../../api/query-keys';
import type { Session } from './types';

export function Sessions() {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const { resource, reload, update } = useResource(queryKeys.account.sessions(), (signal) =>
    unwrap(api.GET('/api/sessions', { signal })),
  );
  const [notice, setNotice] = useState('');
  const { error, busy, submit: send } = useFormSubmit([], { focus: false });

  const revoke = (session: Session) =>
    send(async () => {
      setNotice('');
      await unwrap(api.DELETE('/api/sessions/{id}', { params: { path: { id: session.id } } }));
      update((sessions) => sessions.filter((entry) => entry.id !== session.id));
      setNotice(t('profile.revoked'));
    });

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  return (
    <>
      <p className="muted">{t('profile.sessionsIntro')}</p>
      {error && <Alert>{error}</Alert>}
      <ul className="rows" data-testid="sessions">
        {resource.data.map((session) => (
          <li key={session.id} className="row">
            <div className="row__main">
              <p className="strong break" title={session.userAgent ?? undefined}>
                {session.userAgent ? describeUserAgent(session.userAgent) : t('profile.unknownDevice')}{' '}
                {session.current && <Badge tone="ok">{t('profile.thisDevice')}</Badge>}
              </p>
              <dl className="inline-facts">
                <div>
                  <dt>{t('profile.address')}</dt>
                  <dd dir="ltr">{session.ip ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('profile.started')}</dt>
                  <dd>{formatDateTime(session.createdAt, language, zone)}</dd>
                </div>
                <div>
                  <dt>{t('profile.lastUsed')}</dt>
                  <dd>{formatDateTime(session.lastUsedAt, language, zone)}</dd>
                </div>
                <div>
                  <dt>{t('profile.expires')}</dt>
                  <dd>{formatDateTime(session.expiresAt, language, zone)}</dd>
                </div>
              </dl>
            </div>
            {!session.current && (
              <button
                type="button"
                className="button"
                onClick={() => void revoke(session)}
                aria-disabled={busy || undefined}
              >
                {t('profile.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <Notice>{notice}</Notice>
    </>
  );
}
