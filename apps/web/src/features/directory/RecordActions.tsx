import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { queryKeys } from '../../api/query-keys';
import { formatCalendarDate, formatDateTime } from '../../format';
import { useBusy, useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { Alert, Notice, SubmitButton, TextField, useFormSubmit } from '../../ui/forms';
import { messageOf } from '../../api/problem';

type AuthorityDetail = Answer<'/api/authorities/{id}', 'get'>;

const STAFF = ['admin', 'secretariat'];

/** Whether the signed-in person may propose on (and verify) this record: the server decides; this hides dead links. */
function useMayPropose(authority: AuthorityDetail): boolean {
  const session = useSession();
  const user = session.status === 'signed-in' ? session.user : null;
  const ownId = user && (user.role === 'focal_point' || user.role === 'coordinator') ? user.authorityId : null;
  const { resource } = useResource(
    ownId && ownId !== authority.id ? queryKeys.authorities.one(ownId) : null,
    (signal) => unwrap(api.GET('/api/authorities/{id}', { params: { path: { id: ownId ?? '' } }, signal })),
  );
  if (!ownId) return false;
  if (ownId === authority.id) return true;
  return (
    resource.status === 'ready' && resource.data.centralAuthority && resource.data.state.code === authority.state.code
  );
}

/** Freshness, proposing and history: shown above the record. */
export function RecordEditing({ authority }: { authority: AuthorityDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  const staff = session.status === 'signed-in' && STAFF.includes(session.user.role);
  const mayPropose = useMayPropose(authority);
  const [verified, setVerified] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  const verify = () =>
    void run(async () => {
      setError(null);
      try {
        const answer = await unwrap(
          api.POST('/api/authorities/{id}/verify', { params: { path: { id: authority.id } } }),
        );
        setVerified(answer.lastVerified);
        void queryClient.invalidateQueries({ queryKey: queryKeys.authorities.all() });
      } catch (caught) {
        setError(messageOf(caught));
      }
    });
  return (
    <div className="record-editing" data-testid="record-editing">
      {authority.verificationDue && !verified && (
        <p className="demo-notice" data-testid="verification-due">
          {t('editing.verificationDueNotice')}
        </p>
      )}
      {error && <Alert>{error}</Alert>}
      <Notice>{verified ? t('editing.verified', { date: formatCalendarDate(verified, language) }) : null}</Notice>
      <p className="actions">
        {mayPropose && (
          <Link
            className="button button--primary"
            href={`/directory/${authority.id}/propose`}
            data-testid="propose-link"
          >
            {t('editing.propose')}
          </Link>
        )}
        {(mayPropose || staff) && (
          <button
            type="button"
            className="button"
            onClick={verify}
            aria-disabled={busy || undefined}
            data-testid="verify"
          >
            {t('editing.verify')}
          </button>
        )}
        <Link className="button" href={`/directory/${authority.id}/history`}>
          {t('editing.history')}
        </Link>
        {staff && (
          <Link className="button" href="/directory/proposals">
            {t('editing.proposals')}
          </Link>
        )}
      </p>
    </div>
  );
}

/** A private thread with the authority's focal points (messaging's own API). */
export function StartThread({ authority }: { authority: AuthorityDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const session = useSession();
  const me = session.status === 'signed-in' ? session.user.id : null;
  const others = authority.focalPoints.filter((person) => person.id !== me).map((person) => person.id);
  const [subject, setSubject] = useState('');
  const { formRef, errors, error, busy, submit, invalid } = useFormSubmit(['subject', 'participantIds'], {
    fixErrors: true,
  });
  if (others.length === 0) return null;
  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!subject.trim()) {
      invalid({ subject: t('editing.subjectRequired') });
      return;
    }
    void submit(async () => {
      const created = await unwrap(
        api.POST('/api/threads', { body: { subject: subject.trim(), participantIds: others } }),
      );
      navigate(`/threads/${created.id}`);
    });
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="start-thread">
      <h2 id={`${id}-title`}>{t('editing.thread')}</h2>
      <form ref={formRef} className="form" onSubmit={send} noValidate aria-busy={busy}>
        {error && <Alert>{error}</Alert>}
        <TextField
          id={`${id}-subject`}
          field="subject"
          label={t('editing.threadSubject')}
          value={subject}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => setSubject(event.target.value)}
          error={errors.subject}
          testId="thread-subject"
        />
        <div className="form__actions">
          <SubmitButton
            busy={busy}
            label={t('editing.threadStart')}
            busyLabel={t('common.working')}
            testId="thread-start"
            secondary
          />
        </div>
      </form>
    </section>
  );
}

/** The coming meetings of the record's networks that the viewer is invited to (meetings' own API). */
export function ComingMeetings({ authority }: { authority: AuthorityDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const id = useId();
  const range = useMemo(() => {
    const from = new Date();
    return { from: from.toISOString(), to: new Date(from.getTime() + 60 * 86_400_000).toISOString() };
  }, []);
  const networkIds = authority.networks.map((network) => network.id);
  const { resource } = useResource(
    networkIds.length ? ['meetings', 'agenda', range.from.slice(0, 10), 'directory'] : null,
    (signal) => unwrap(api.GET('/api/meetings/agenda', { params: { query: range }, signal })),
  );
  if (networkIds.length === 0) return null;
  const items = resource.status === 'ready' ? resource.data.filter((item) => networkIds.includes(item.networkId)) : [];
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="coming-meetings">
      <h2 id={`${id}-title`}>{t('editing.meetings')}</h2>
      {resource.status === 'ready' && items.length === 0 && <p className="muted">{t('editing.noMeetings')}</p>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((item) => (
            <li key={`${item.meetingId}-${item.occurrenceId}`}>
              <Link className="strong" href={`/meetings/${item.meetingId}`}>
                {item.title}
              </Link>
              <br />
              <span className="muted">
                {formatDateTime(item.start, language, zone)} · {item.networkName}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
