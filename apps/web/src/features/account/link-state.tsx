import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { formatDateTime } from '../../format';
import { useBusy, useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Alert, Notice } from '../../ui/forms';
import { Badge, LoadError, Loading } from '../../ui/ui';
import { queryKeys } from '../../api/query-keys';

/** What the issuer of a one-time link sees: its state, never the link (it goes only to the addressee). */
export type LinkState = Answer<'/api/invitations', 'post'>;
type Status = LinkState['status'];

const TONES: Record<Status, 'neutral' | 'ok' | 'warn' | 'bad'> = {
  awaiting_approval: 'warn',
  refused: 'bad',
  pending: 'neutral',
  sent: 'ok',
  failed: 'bad',
  accepted: 'ok',
  expired: 'warn',
  voided: 'neutral',
};

/** A link's state in words: where it stands, when its e-mail left and until when it works. */
export function LinkStateLine({ link, testId }: { link: LinkState; testId?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  return (
    <p className="muted break" data-testid={testId} data-status={link.status}>
      <Badge tone={TONES[link.status]}>{t(`links.status.${link.status}`)}</Badge>{' '}
      {link.sentAt && t('links.sentAt', { date: formatDateTime(link.sentAt, language, zone) })}
      {link.sentAt && link.expiresAt && ' · '}
      {link.expiresAt &&
        link.status === 'sent' &&
        t('links.expiresAt', { date: formatDateTime(link.expiresAt, language, zone) })}
    </p>
  );
}

const RESENDABLE: Status[] = ['pending', 'sent', 'failed', 'expired'];

/**
 * The invitations the signed-in person may follow (all for admins and the secretariat, their own for a
 * coordinator), with their state; resend, and approve or refuse those awaiting approval when `decide`.
 */
export function InvitationsList({ decide, version }: { decide: boolean; version: number }) {
  const { t } = useTranslation();
  const { resource, reload, update } = useResource([...queryKeys.invitations(), version], (signal) =>
    unwrap(api.GET('/api/invitations', { signal })),
  );
  const [message, setMessage] = useState<{ notice?: string; error?: string }>({});
  const [busy, run] = useBusy();

  const act = (link: LinkState, action: 'resend' | 'approve' | 'refuse') =>
    run(async () => {
      try {
        const path = { params: { path: { id: link.id } } };
        const changed = await unwrap(
          action === 'resend'
            ? api.POST('/api/invitations/{id}/resend', path)
            : action === 'approve'
              ? api.POST('/api/invitations/{id}/approve', path)
              : api.POST('/api/invitations/{id}/refuse', path),
        );
        update((links) => links.map((entry) => (entry.id === changed.id ? changed : entry)));
        setMessage({
          notice: t(action === 'resend' ? 'links.resent' : action === 'approve' ? 'links.approved' : 'links.refused', {
            email: link.email,
          }),
        });
      } catch (caught) {
        setMessage({ error: messageOf(caught) });
      }
    });

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  return (
    <>
      {message.error && <Alert>{message.error}</Alert>}
      <Notice testId="invitations-notice">{message.notice}</Notice>
      {resource.data.length === 0 ? (
        <p className="muted">{t('links.none')}</p>
      ) : (
        <ul className="rows" data-testid="invitations">
          {resource.data.map((link) => (
            <li key={link.id} className="row row--wrap" data-testid="invitation-row">
              <div className="row__main">
                <p className="strong break">
                  <bdi>{link.email}</bdi>
                </p>
                <LinkStateLine link={link} testId="invitation-state" />
              </div>
              <div className="row__actions" role="group" aria-label={t('links.actions', { email: link.email })}>
                {decide && link.status === 'awaiting_approval' && (
                  <>
                    <button
                      type="button"
                      className="button button--primary"
                      onClick={() => void act(link, 'approve')}
                      aria-disabled={busy || undefined}
                    >
                      {t('links.approve')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => void act(link, 'refuse')}
                      aria-disabled={busy || undefined}
                    >
                      {t('links.refuse')}
                    </button>
                  </>
                )}
                {RESENDABLE.includes(link.status) && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void act(link, 'resend')}
                    aria-disabled={busy || undefined}
                  >
                    {t('links.resend')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
