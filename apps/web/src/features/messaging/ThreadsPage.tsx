import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { Alert, CheckboxField, SelectField, SubmitButton, TextField, useFormSubmit } from '../../ui/forms';
import { PeoplePicker, ThreadMarkers, ThreadSubject, threadWhere, When } from './components';
import { Badge, LoadError, Loading, PageHeading } from '../../ui/ui';
import { useKeysetPages, useNow, useQueryResource } from '../../hooks';
import { inbox } from './store';
import { Link, navigate, useSearch, withQuery } from '../../router';
import { useSession } from '../../session';
import { myNetworksQuery } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';

type ThreadPage = Answer<'/api/threads', 'get'>;
type Thread = ThreadPage['items'][number];
type Network = Answer<'/api/networks/mine', 'get'>[number];

const PAGE_SIZE = 20;
const SUBJECT_MAX = 200;

/** Which threads the list shows, as the URL holds it: all, private ones, or one network's forum. */
interface Filter {
  view: string;
  archived: boolean;
}

function filterOf(search: string): Filter {
  const params = new URLSearchParams(search);
  return { view: params.get('view') ?? 'all', archived: params.get('archived') === '1' };
}

function urlOf(filter: Filter): string {
  return withQuery('/threads', {
    view: filter.view === 'all' ? null : filter.view,
    archived: filter.archived ? '1' : null,
  });
}

function fetchPage(filter: Filter, cursor: string | null, signal?: AbortSignal): Promise<ThreadPage> {
  const query = {
    kind: filter.view === 'private' ? ('private' as const) : filter.view === 'all' ? undefined : ('forum' as const),
    networkId: filter.view === 'all' || filter.view === 'private' ? undefined : filter.view,
    archived: filter.archived,
    limit: PAGE_SIZE,
    cursor: cursor ?? undefined,
  };
  return unwrap(api.GET('/api/threads', { params: { query }, signal }));
}

function ThreadRow({ thread, now, meId }: { thread: Thread; now: Date; meId: string | null }) {
  const { t } = useTranslation();
  return (
    <li
      className={thread.unread > 0 ? 'row thread-row row--unread' : 'row thread-row'}
      data-testid="thread-row"
      data-unread={thread.unread}
    >
      <div className="row__main">
        <p className="thread-row__subject">
          <Link href={`/threads/${thread.id}`} className="thread-row__link" data-testid="thread-link">
            {thread.unread > 0 && <span className="visually-hidden">{t('messaging.unreadMark')} </span>}
            <ThreadSubject thread={thread} />
          </Link>{' '}
          <ThreadMarkers thread={thread} />
        </p>
        <p className="muted thread-row__where">{threadWhere(thread, t, meId)}</p>
        <p className="muted thread-row__when">
          {t('messaging.lastActivity')} <When at={thread.lastActivityAt} now={now} />
        </p>
      </div>
      {thread.unread > 0 && (
        <Badge tone="ok" testId="thread-unread">
          {t('messaging.unreadCount', { count: thread.unread })}
        </Badge>
      )}
    </li>
  );
}

/** One filter's threads, page by page, fetched again (in place) whenever the inbox hears of a change. */
function ThreadList({ filter, meId }: { filter: Filter; meId: string | null }) {
  const { t } = useTranslation();
  const now = useNow();
  const { first, items, nextCursor, loadMore, busy, error } = useKeysetPages<Thread>(
    queryKeys.threads.list(filter),
    (cursor, signal) => fetchPage(filter, cursor, signal),
  );
  const reload = first.reload;

  // Live: a message, a new thread, a read elsewhere… the list is fetched again, showing the old one meanwhile.
  useEffect(() => {
    let seen = inbox.getSnapshot().revision;
    return inbox.subscribe(() => {
      const { revision } = inbox.getSnapshot();
      if (revision !== seen) reload();
      seen = revision;
    });
  }, [reload]);

  if (first.resource.status === 'loading') return <Loading />;
  if (first.resource.status === 'error') return <LoadError error={first.resource.error} onRetry={first.reload} />;

  return (
    <>
      <p className="muted" role="status" data-testid="threads-count">
        {items.length === 0
          ? filter.archived
            ? t('messaging.noArchived')
            : t('messaging.noThreads')
          : t('messaging.shown', { count: items.length })}
      </p>
      {items.length > 0 && (
        <ul className="rows" data-testid="threads">
          {items.map((thread) => (
            <ThreadRow key={thread.id} thread={thread} now={now} meId={meId} />
          ))}
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
            data-testid="threads-more"
          >
            {busy ? t('common.loading') : t('common.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}

/**
 * A new thread: a private conversation with people chosen from the networks' members, or a thread in the
 * forum of one of the user's networks (its members read it).
 */
function NewThread({
  networks,
  initialWhere,
  meId,
  onCancel,
}: {
  networks: Network[];
  initialWhere: string;
  meId: string | null;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [where, setWhere] = useState(initialWhere);
  const [subject, setSubject] = useState('');
  const [participants, setParticipants] = useState<string[]>([]);
  const {
    formRef,
    errors,
    error,
    busy,
    submit: send,
    invalid,
  } = useFormSubmit(['subject', 'participantIds'], { fixErrors: true });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!subject.trim()) found.subject = t('messaging.subjectRequired');
    else if (subject.trim().length > SUBJECT_MAX) found.subject = t('messaging.subjectTooLong', { max: SUBJECT_MAX });
    if (where === 'private' && participants.length === 0) found.participantIds = t('messaging.participantsRequired');
    if (Object.keys(found).length > 0) {
      invalid(found);
      return;
    }
    void send(async () => {
      const created =
        where === 'private'
          ? await unwrap(api.POST('/api/threads', { body: { subject: subject.trim(), participantIds: participants } }))
          : await unwrap(
              api.POST('/api/networks/{networkId}/threads', {
                params: { path: { networkId: where } },
                body: { subject: subject.trim() },
              }),
            );
      void inbox.refresh();
      navigate(`/threads/${created.id}`);
    });
  };

  const options = [
    { value: 'private', label: t('messaging.newPrivate') },
    ...networks.map((network) => ({ value: network.id, label: t('messaging.newForum', { network: network.name }) })),
  ];

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy} data-testid="new-thread-form">
      {error && <Alert>{error}</Alert>}
      <SelectField
        id={`${id}-where`}
        field="where"
        label={t('messaging.where')}
        options={options}
        value={where}
        onChange={(event) => setWhere(event.target.value)}
        testId="new-thread-where"
      />
      <TextField
        id={`${id}-subject`}
        field="subject"
        label={t('messaging.subject')}
        hint={where === 'private' ? t('messaging.subjectHintPrivate') : t('messaging.subjectHintForum')}
        value={subject}
        maxLength={SUBJECT_MAX}
        autoComplete="off"
        onChange={(event) => setSubject(event.target.value)}
        error={errors.subject}
        testId="new-thread-subject"
      />
      {where === 'private' && (
        <PeoplePicker
          legend={t('messaging.participants')}
          hint={t('messaging.participantsHint')}
          field="participantIds"
          value={participants}
          onChange={setParticipants}
          exclude={meId ? [meId] : []}
          error={errors.participantIds}
        />
      )}
      <div className="form__actions">
        <SubmitButton
          busy={busy}
          label={t('messaging.create')}
          busyLabel={t('common.working')}
          testId="new-thread-submit"
        />
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function MessageSearchBox() {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(withQuery('/search', { q: q.trim() }));
  };
  return (
    <form className="inline-form" role="search" aria-label={t('search.title')} onSubmit={submit}>
      <div className="field inline-form__grow">
        <label className="field__label" htmlFor={`${id}-q`}>
          {t('messaging.searchLabel')}
        </label>
        <input
          id={`${id}-q`}
          className="input"
          type="search"
          name="q"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          data-testid="threads-search"
        />
      </div>
      <button type="submit" className="button" data-testid="threads-search-submit">
        {t('search.submit')}
      </button>
    </form>
  );
}

export function ThreadsPage() {
  const { t } = useTranslation();
  const id = useId();
  const session = useSession();
  const meId = session.status === 'signed-in' ? session.user.id : null;
  const filter = filterOf(useSearch());
  const networks = useQueryResource(myNetworksQuery());
  const [creating, setCreating] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const mine = networks.resource.status === 'ready' ? networks.resource.data : [];

  const tabs = [
    { view: 'all', label: t('messaging.all') },
    { view: 'private', label: t('messaging.privateTab') },
    ...mine.map((network) => ({ view: network.id, label: network.name })),
  ];
  const initialWhere = mine.some((network) => network.id === filter.view) ? filter.view : 'private';

  return (
    <>
      <PageHeading title={t('messaging.title')}>
        <p className="page-lead">{t('messaging.intro')}</p>
      </PageHeading>
      <div className="stack">
        <section className="panel" aria-labelledby={`${id}-new`}>
          <div className="toolbar">
            <h2 id={`${id}-new`}>{t('messaging.newHeading')}</h2>
            <button
              ref={toggleRef}
              type="button"
              className={creating ? 'button' : 'button button--primary'}
              aria-expanded={creating}
              aria-controls={`${id}-new-form`}
              onClick={() => setCreating((open) => !open)}
              data-testid="new-thread-toggle"
            >
              {t('messaging.newThread')}
            </button>
          </div>
          <div id={`${id}-new-form`} hidden={!creating}>
            {creating && (
              <NewThread
                networks={mine}
                initialWhere={initialWhere}
                meId={meId}
                onCancel={() => {
                  setCreating(false);
                  toggleRef.current?.focus();
                }}
              />
            )}
          </div>
        </section>
        <section className="panel" aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`}>{t('messaging.listHeading')}</h2>
          <MessageSearchBox />
          {networks.resource.status === 'error' && (
            <LoadError error={networks.resource.error} onRetry={networks.reload} />
          )}
          <nav className="subnav tabs" aria-label={t('messaging.views')}>
            <ul className="subnav__list">
              {tabs.map((tab) => (
                <li key={tab.view}>
                  <Link
                    className="subnav__link"
                    href={urlOf({ ...filter, view: tab.view })}
                    aria-current={filter.view === tab.view ? 'page' : undefined}
                    data-testid={`threads-view-${tab.view === 'all' || tab.view === 'private' ? tab.view : 'network'}`}
                  >
                    {tab.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <CheckboxField
            id={`${id}-archived`}
            field="archived"
            label={t('messaging.showArchived')}
            checked={filter.archived}
            onChange={(event) => navigate(urlOf({ ...filter, archived: event.target.checked }), { replace: true })}
            testId="threads-archived"
          />
          <ThreadList key={urlOf(filter)} filter={filter} meId={meId} />
        </section>
      </div>
    </>
  );
}
