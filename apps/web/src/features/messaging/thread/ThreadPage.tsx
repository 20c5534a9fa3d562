import { type FormEvent, type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../../api/client';
import { messageOf } from '../../../api/problem';
import { intlLocale, isolate } from '../../../format';
import { currentLanguage } from '../../../i18n';
import { Alert, Notice, SelectField } from '../../../ui/forms';
import { MessageMarkdown } from '../../../ui/Markdown';
import { Snippet, ThreadMarkers, threadWhere, usePeople, When } from '../components';
import { isNotFound, LoadError, Loading, NotFoundPage, PageHeading } from '../../../ui/ui';
import { useBusy, useNow, useResource } from '../../../hooks';
import { type MessageView, newClientId, refusalOf, threadSync, useThreadMessages } from '../store';
import { queryWords } from '../store/highlight';
import { mentionsIn, type PendingMessage, timeline, withLatest } from '../store/timeline';
import { realtime } from '../../../realtime';
import { Link, navigate, useHash } from '../../../router';
import { useSession } from '../../../session';
import { queryKeys } from '../../../api/query-keys';

type Thread = Answer<'/api/threads/{id}', 'get'>;
type Person = Thread['participants'][number];
type SearchPage = Answer<'/api/search/messages', 'get'>;

/** Messages shown at first (the latest), and fetched per "older messages". */
const PAGE = 50;
/** The API's limit on a message. */
const BODY_MAX = 20_000;
/** "X is typing…" is sent at most this often while typing, and shown this long after the last one. */
const TYPING_EVERY_MS = 2_000;
const TYPING_SHOWN_MS = 5_000;
/** Without the latest messages from the sync module by then, they are fetched from the API. */
const FALLBACK_AFTER_MS = 3_000;
/** The read position is sent once the newest message has been shown this long. */
const READ_AFTER_MS = 800;

/** The limit as the reader writes numbers. */
function bodyMax(): string {
  return new Intl.NumberFormat(intlLocale(currentLanguage())).format(BODY_MAX);
}

/** `#seq-12` → 12. */
function seqOf(hash: string): number | null {
  const match = /^#seq-(\d+)$/.exec(hash);
  return match ? Number(match[1]) : null;
}

// --- Header: moderation and participants ------------------------------------------------------------------

function Moderation({ thread, onChange }: { thread: Thread; onChange: (thread: Thread) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, run] = useBusy();

  const set = (change: { pinned?: boolean; locked?: boolean; archived?: boolean }, done: string) =>
    run(async () => {
      setError(null);
      setNotice('');
      try {
        onChange(await unwrap(api.PATCH('/api/threads/{id}', { params: { path: { id: thread.id } }, body: change })));
        setNotice(done);
      } catch (caught) {
        setError(messageOf(caught));
      }
    });

  const buttons = [
    {
      key: 'pinned',
      on: thread.pinned,
      label: thread.pinned ? t('messaging.unpin') : t('messaging.pin'),
      done: thread.pinned ? t('messaging.unpinned') : t('messaging.pinnedDone'),
    },
    {
      key: 'locked',
      on: thread.locked,
      label: thread.locked ? t('messaging.unlock') : t('messaging.lock'),
      done: thread.locked ? t('messaging.unlocked') : t('messaging.lockedDone'),
    },
    {
      key: 'archived',
      on: thread.archived,
      label: thread.archived ? t('messaging.unarchive') : t('messaging.archive'),
      done: thread.archived ? t('messaging.unarchived') : t('messaging.archivedDone'),
    },
  ] as const;

  return (
    <div className="stack-sm" data-testid="moderation">
      <p className="muted">{t('messaging.moderationIntro')}</p>
      <div className="button-row">
        {buttons.map((button) => (
          <button
            key={button.key}
            type="button"
            className="button"
            onClick={() => void set({ [button.key]: !button.on }, button.done)}
            aria-disabled={busy || undefined}
            data-testid={`thread-${button.key}`}
          >
            {button.label}
          </button>
        ))}
      </div>
      {error && <Alert>{error}</Alert>}
      <Notice>{notice}</Notice>
    </div>
  );
}

function Participants({
  thread,
  meId,
  onChange,
}: {
  thread: Thread;
  meId: string | null;
  onChange: (thread: Thread) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, run] = useBusy();
  const people = usePeople().resource;
  const manage = thread.canManageParticipants;

  const act = (task: () => Promise<void>) =>
    run(async () => {
      setError(null);
      setNotice('');
      try {
        await task();
      } catch (caught) {
        setError(messageOf(caught));
      }
    });

  const remove = (person: Person) =>
    act(async () => {
      await unwrap(
        api.DELETE('/api/threads/{id}/participants/{userId}', {
          params: { path: { id: thread.id, userId: person.id } },
        }),
      );
      onChange({ ...thread, participants: thread.participants.filter((entry) => entry.id !== person.id) });
      setNotice(t('messaging.participantRemoved', { name: person.displayName }));
    });

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!adding) return;
    void act(async () => {
      const updated = await unwrap(
        api.POST('/api/threads/{id}/participants', { params: { path: { id: thread.id } }, body: { userId: adding } }),
      );
      const added = updated.participants.find((entry) => entry.id === adding);
      onChange(updated);
      setAdding('');
      setNotice(t('messaging.participantAdded', { name: added?.displayName ?? '' }));
    });
  };

  const present = new Set(thread.participants.map((person) => person.id));
  const candidates = people.status === 'ready' ? people.data.filter((person) => !present.has(person.id)) : [];

  return (
    <div className="stack-sm" data-testid="participants">
      <ul className="plain-list participants">
        {thread.participants.map((person) => (
          <li key={person.id} className="participants__item" data-testid="participant">
            <span>
              {person.displayName}
              {person.id === thread.createdBy.id && <span className="muted"> ({t('messaging.creator')})</span>}
              {person.id === meId && <span className="muted"> ({t('messaging.you')})</span>}
            </span>
            {manage && person.id !== thread.createdBy.id && (
              <button
                type="button"
                className="link-button"
                onClick={() => void remove(person)}
                aria-disabled={busy || undefined}
                data-testid="participant-remove"
              >
                {t('common.remove')}
                <span className="visually-hidden">: {person.displayName}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {manage && (
        <form className="inline-form" onSubmit={add} aria-label={t('messaging.addParticipant')}>
          <div className="inline-form__grow">
            <SelectField
              id={`${id}-add`}
              field="userId"
              label={t('messaging.addParticipant')}
              placeholder={people.status === 'loading' ? t('common.loading') : t('messaging.choosePerson')}
              options={candidates.map((person) => ({
                value: person.id,
                label: person.detail ? `${person.displayName} — ${person.detail}` : person.displayName,
              }))}
              value={adding}
              onChange={(event) => setAdding(event.target.value)}
              testId="participant-add-select"
            />
          </div>
          <button
            type="submit"
            className="button"
            aria-disabled={busy || !adding || undefined}
            data-testid="participant-add"
          >
            {t('common.add')}
          </button>
        </form>
      )}
      {error && <Alert>{error}</Alert>}
      <Notice>{notice}</Notice>
    </div>
  );
}

// --- Search inside the thread -----------------------------------------------------------------------------

function ThreadSearch({ threadId, onJump }: { threadId: string; onJump: (seq: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const now = useNow();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ q: string; page: SearchPage } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = q.trim();
    if (queryWords(query).length === 0) {
      setError(t('search.tooShort'));
      setResult(null);
      return;
    }
    void run(async () => {
      setError(null);
      try {
        setResult({
          q: query,
          page: await unwrap(api.GET('/api/search/messages', { params: { query: { q: query, threadId, limit: 20 } } })),
        });
      } catch (caught) {
        setError(messageOf(caught));
      }
    });
  };

  const words = result ? queryWords(result.q) : [];
  return (
    <div className="stack-sm">
      <form className="inline-form" role="search" aria-label={t('messaging.searchThread')} onSubmit={submit}>
        <div className="field inline-form__grow">
          <label className="field__label" htmlFor={`${id}-q`}>
            {t('messaging.searchThreadLabel')}
          </label>
          <input
            id={`${id}-q`}
            className="input"
            type="search"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            data-testid="thread-search-q"
          />
        </div>
        <button type="submit" className="button" aria-disabled={busy || undefined} data-testid="thread-search-submit">
          {t('search.submit')}
        </button>
      </form>
      {error && <Alert>{error}</Alert>}
      <p role="status" className="muted" data-testid="thread-search-total">
        {result ? t('search.total', { count: result.page.total }) : ''}
      </p>
      {result && result.page.items.length > 0 && (
        <ul className="rows">
          {result.page.items.map((hit) => (
            <li key={hit.message.id} className="row" data-testid="thread-search-result">
              <button type="button" className="link-button search-hit" onClick={() => onJump(hit.message.seq)}>
                <span className="search-hit__meta">
                  {hit.message.author.displayName} · <When at={hit.message.createdAt} now={now} />
                </span>
                {hit.message.body !== null && <Snippet text={hit.message.body} words={words} />}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// --- Messages -----------------------------------------------------------------------------------------------

function Versions({ threadId, message }: { threadId: string; message: MessageView }) {
  const { t } = useTranslation();
  const now = useNow();
  const { resource, reload } = useResource(
    queryKeys.threads.versions(threadId, message.id, message.editedAt),
    (signal) =>
      unwrap(
        api.GET('/api/threads/{id}/messages/{messageId}/versions', {
          params: { path: { id: threadId, messageId: message.id } },
          signal,
        }),
      ),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  if (resource.data.length === 0) return <p className="muted">{t('messaging.noVersions')}</p>;
  return (
    <ol className="versions" data-testid="message-versions">
      {resource.data.map((version) => (
        <li key={version.replacedAt} className="versions__item">
          <p className="muted versions__when">
            {t('messaging.replaced')} <When at={version.replacedAt} now={now} />
          </p>
          {version.body === null ? (
            <p className="placeholder-text">{t('messaging.unreadable')}</p>
          ) : (
            <MessageMarkdown body={version.body} />
          )}
        </li>
      ))}
    </ol>
  );
}

function History({ threadId, message }: { threadId: string; message: MessageView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="history" onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="message-history">
      <summary>{t('messaging.history')}</summary>
      {open && <Versions threadId={threadId} message={message} />}
    </details>
  );
}

function MessageItem({
  message,
  threadId,
  meId,
  canModerate,
  canEdit,
  target,
  now,
  onChanged,
}: {
  message: MessageView;
  threadId: string;
  meId: string | null;
  canModerate: boolean;
  canEdit: boolean;
  target: boolean;
  now: Date;
  onChanged: (message: MessageView) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  const mine = message.author.id === meId;
  const deleted = message.deletedAt !== null;
  const editable = mine && canEdit && !deleted && !message.unreadable;
  const deletable = (mine || canModerate) && !deleted;

  const act = (task: () => Promise<MessageView>) =>
    run(async () => {
      setError(null);
      try {
        onChanged(await task());
        setEditing(null);
        setConfirming(false);
      } catch (caught) {
        setError(messageOf(caught));
      }
    });

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = editing ?? '';
    if (!body.trim()) {
      setError(t('messaging.bodyRequired'));
      return;
    }
    if (body.length > BODY_MAX) {
      setError(t('messaging.bodyTooLong', { max: bodyMax() }));
      return;
    }
    void act(() =>
      unwrap(
        api.PATCH('/api/threads/{id}/messages/{messageId}', {
          params: { path: { id: threadId, messageId: message.id } },
          body: { body },
        }),
      ),
    );
  };

  const remove = () =>
    act(() =>
      unwrap(
        api.DELETE('/api/threads/{id}/messages/{messageId}', {
          params: { path: { id: threadId, messageId: message.id } },
        }),
      ),
    );

  const classes = [
    'message',
    mine ? 'message--mine' : '',
    target ? 'message--target' : '',
    deleted ? 'message--deleted' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li
      id={`seq-${message.seq}`}
      className={classes}
      tabIndex={-1}
      aria-labelledby={`${id}-meta`}
      data-testid="message"
      data-seq={message.seq}
    >
      <p className="message__meta" id={`${id}-meta`}>
        <span className="message__author">{mine ? t('messaging.you') : message.author.displayName}</span>
        <span className="message__time">
          <When at={message.createdAt} now={now} />
        </span>
        {message.editedAt && !deleted && (
          <span className="message__edited" data-testid="message-edited">
            {t('messaging.edited')}
          </span>
        )}
      </p>
      {deleted ? (
        <p className="placeholder-text" data-testid="message-deleted">
          {t('messaging.deleted')}
        </p>
      ) : message.unreadable ? (
        <p className="placeholder-text" data-testid="message-unreadable">
          {t('messaging.unreadable')}
        </p>
      ) : editing !== null ? (
        <form className="stack-sm" onSubmit={save} aria-busy={busy}>
          <label className="visually-hidden" htmlFor={`${id}-edit`}>
            {t('messaging.editLabel')}
          </label>
          <textarea
            id={`${id}-edit`}
            className="input input--area"
            value={editing}
            onChange={(event) => setEditing(event.target.value)}
            data-testid="message-edit-body"
          />
          <div className="button-row">
            <button
              type="submit"
              className="button button--primary"
              aria-disabled={busy || undefined}
              data-testid="message-save"
            >
              {busy ? t('common.working') : t('common.save')}
            </button>
            <button type="button" className="button" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="message__body" data-testid="message-body">
          <MessageMarkdown body={message.body ?? ''} />
        </div>
      )}
      {message.editedAt && !deleted && !message.unreadable && <History threadId={threadId} message={message} />}
      {(editable || deletable) && editing === null && (
        <div className="message__actions">
          {confirming ? (
            <>
              <span className="strong">{t('messaging.confirmDelete')}</span>
              <button
                type="button"
                className="button button--danger"
                onClick={() => void remove()}
                aria-disabled={busy || undefined}
                data-testid="message-delete-confirm"
              >
                {t('messaging.delete')}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <>
              {editable && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setEditing(message.body ?? '')}
                  data-testid="message-edit"
                >
                  {t('common.edit')}
                </button>
              )}
              {deletable && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setConfirming(true)}
                  data-testid="message-delete"
                >
                  {t('messaging.delete')}
                </button>
              )}
            </>
          )}
        </div>
      )}
      {error && <Alert>{error}</Alert>}
    </li>
  );
}

function PendingItem({
  pending,
  onRetry,
  onDiscard,
}: {
  pending: PendingMessage;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li
      className={`message message--mine message--${pending.status}`}
      data-testid="message-pending"
      data-status={pending.status}
    >
      <p className="message__meta">
        <span className="message__author">{t('messaging.you')}</span>
        <span className="message__status" data-testid="message-status">
          {pending.status === 'sending' ? t('messaging.sending') : t('messaging.notSent')}
        </span>
      </p>
      <div className="message__body">
        <MessageMarkdown body={pending.body} />
      </div>
      {pending.status === 'failed' && (
        <>
          <Alert testId="message-failure">{pending.error ?? t('messaging.sendFailed')}</Alert>
          <div className="button-row">
            <button type="button" className="button" onClick={onRetry} data-testid="message-retry">
              {t('common.retry')}
            </button>
            <button type="button" className="button" onClick={onDiscard} data-testid="message-discard">
              {t('messaging.discard')}
            </button>
          </div>
        </>
      )}
    </li>
  );
}

// --- Composer -----------------------------------------------------------------------------------------------

function Composer({
  threadId,
  mentionable,
  onSend,
}: {
  threadId: string;
  /** Who may be mentioned (private threads: the other participants). */
  mentionable: readonly Person[];
  onSend: (body: string, mentions: string[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [mentioning, setMentioning] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const lastTyping = useRef(0);

  const typed = (value: string) => {
    setBody(value);
    if (error) setError(null);
    const now = Date.now();
    // Only while connected: a typing signal buffered until a reconnection would be stale.
    const socket = realtime.socket;
    if (value && socket?.connected && now - lastTyping.current >= TYPING_EVERY_MS) {
      lastTyping.current = now;
      socket.emit('thread.typing', { threadId });
    }
  };

  const send = () => {
    if (!body.trim()) {
      setError(t('messaging.bodyRequired'));
      textRef.current?.focus();
      return;
    }
    if (body.length > BODY_MAX) {
      setError(t('messaging.bodyTooLong', { max: bodyMax() }));
      textRef.current?.focus();
      return;
    }
    onSend(body, mentionsIn(body, mentionable));
    setBody('');
    setMentioning(false);
    lastTyping.current = 0;
    textRef.current?.focus();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };

  // Enter adds a line; Ctrl+Enter (⌘+Enter) sends.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };

  const mention = (person: Person) => {
    const text = textRef.current;
    const insert = `@${person.displayName} `;
    const start = text?.selectionStart ?? body.length;
    const end = text?.selectionEnd ?? body.length;
    const before = body.slice(0, start);
    const spaced = before && !/\s$/.test(before) ? ` ${insert}` : insert;
    const next = `${before}${spaced}${body.slice(end)}`;
    setBody(next);
    setMentioning(false);
    requestAnimationFrame(() => {
      text?.focus();
      const at = before.length + spaced.length;
      text?.setSelectionRange(at, at);
    });
  };

  return (
    <form className="composer" onSubmit={submit} aria-label={t('messaging.composer')} data-testid="composer">
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-body`}>
          {t('messaging.message')}
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('messaging.composerHint')}
        </p>
        <textarea
          ref={textRef}
          id={`${id}-body`}
          className="input input--area composer__text"
          value={body}
          onChange={(event) => typed(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          data-testid="composer-body"
        />
        {error && (
          <p className="field__error" id={`${id}-error`}>
            <span className="field__error-icon" aria-hidden="true" />
            {error}
          </p>
        )}
      </div>
      <div className="composer__actions">
        {mentionable.length > 0 && (
          <button
            type="button"
            className="button"
            aria-expanded={mentioning}
            aria-controls={`${id}-mentions`}
            onClick={() => setMentioning((open) => !open)}
            data-testid="mention-button"
          >
            {t('messaging.mention')}
          </button>
        )}
        <button type="submit" className="button button--primary" data-testid="composer-send">
          {t('messaging.send')}
        </button>
      </div>
      {mentionable.length > 0 && (
        <ul id={`${id}-mentions`} className="mention-list" hidden={!mentioning} aria-label={t('messaging.mentionWho')}>
          {mentionable.map((person) => (
            <li key={person.id}>
              <button
                type="button"
                className="button mention-list__option"
                onClick={() => mention(person)}
                data-testid="mention-option"
              >
                @{person.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

// --- The conversation ------------------------------------------------------------------------------------

function Conversation({ thread, meId }: { thread: Thread; meId: string | null }) {
  const { t } = useTranslation();
  const id = thread.id;
  const now = useNow();
  const hash = useHash();
  // Where the view starts: the latest messages, through the sync module; earlier ones page by page.
  const [start] = useState(() => ({
    fromSeq: Math.max(0, thread.lastSeq - PAGE),
    lastSeq: thread.lastSeq,
    readSeq: thread.readSeq,
  }));
  const held = useThreadMessages(id);
  const [older, setOlder] = useState<MessageView[]>([]);
  const [sent, setSent] = useState<MessageView[]>([]);
  const [changed, setChanged] = useState<ReadonlyMap<string, MessageView>>(() => new Map());
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [loadingOlder, runOlder] = useBusy();
  const [jump, setJump] = useState<{ seq: number; n: number } | null>(null);
  const [typers, setTypers] = useState<ReadonlyMap<string, number>>(() => new Map());
  const boxRef = useRef<HTMLDivElement>(null);
  /** Follow new messages while the list is scrolled to its end. */
  const stickRef = useRef(true);
  /** Distance from the end of the list to keep while older messages are put above. */
  const anchorRef = useRef<number | null>(null);
  const revealed = useRef<string | null>(null);
  const readSent = useRef(start.readSeq);

  const entries = timeline([...older, ...sent], held, changed, pending);
  const messages = entries.flatMap((entry) => (entry.kind === 'message' ? [entry.message] : []));
  const lastShown = messages.at(-1)?.seq ?? start.fromSeq;
  const ready = lastShown >= start.lastSeq;
  const firstSeq = messages[0]?.seq ?? start.fromSeq + 1;
  const hashSeq = seqOf(hash);
  const target = jump ?? (hashSeq === null ? null : { seq: hashSeq, n: 0 });

  // Held from where the view starts, live, across reconnections and sign-ins.
  useEffect(() => {
    void threadSync.watch(id, start.fromSeq);
    return () => threadSync.unwatch(id);
  }, [id, start.fromSeq]);

  // Without the realtime connection (down, or refused), the latest messages come from the API instead;
  // the sync module catches up once connected, and the two agree by seq.
  const [fallbackError, setFallbackError] = useState<unknown>(null);
  useEffect(() => {
    if (ready) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      unwrap(
        api.GET('/api/threads/{id}/messages', {
          params: { path: { id }, query: { after: start.fromSeq, limit: 200 } },
          signal: controller.signal,
        }),
      ).then(
        (page) => setOlder((current) => [...current, ...page.items]),
        (caught: unknown) => {
          if (!controller.signal.aborted) setFallbackError(caught);
        },
      );
    }, FALLBACK_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [id, ready, start.fromSeq]);

  // Edits and deletions, of older messages too; typing; a message ends its author's typing.
  useEffect(() => {
    const apply = (message: MessageView) => {
      if (message.threadId === id) setChanged((map) => withLatest(map, message));
    };
    const unsubscribers = [
      realtime.on('message.edited', apply),
      realtime.on('message.deleted', apply),
      realtime.on('thread.typing', ({ threadId, userId }) => {
        if (threadId === id && userId !== meId)
          setTypers((map) => new Map(map).set(userId, Date.now() + TYPING_SHOWN_MS));
      }),
      realtime.on('message.created', (message) => {
        if (message.threadId !== id) return;
        setTypers((map) => {
          if (!map.has(message.author.id)) return map;
          const next = new Map(map);
          next.delete(message.author.id);
          return next;
        });
      }),
    ];
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, [id, meId]);

  const typing = typers.size > 0;
  useEffect(() => {
    if (!typing) return;
    const timer = window.setInterval(() => {
      const instant = Date.now();
      setTypers((map) => {
        const next = new Map([...map].filter(([, until]) => until > instant));
        return next.size === map.size ? map : next;
      });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [typing]);

  const loadOlder = (until?: number) =>
    runOlder(async () => {
      setOlderError(null);
      let before = firstSeq;
      const goal = until ?? before - PAGE;
      const loaded: MessageView[] = [];
      try {
        while (before > 1 && before > goal) {
          const limit = Math.min(200, Math.max(PAGE, before - goal));
          const page = await unwrap(
            api.GET('/api/threads/{id}/messages', { params: { path: { id }, query: { before, limit } } }),
          );
          if (page.items.length === 0) break;
          loaded.unshift(...page.items);
          before = page.items[0].seq;
          if (!page.hasMore) break;
        }
      } catch (caught) {
        setOlderError(messageOf(caught));
      }
      if (loaded.length === 0) return;
      const box = boxRef.current;
      if (box && until === undefined) anchorRef.current = box.scrollHeight - box.scrollTop;
      setOlder((current) => [...loaded, ...current]);
    });

  // Older messages put above: the ones on screen stay where they were.
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box || anchorRef.current === null) return;
    box.scrollTop = box.scrollHeight - anchorRef.current;
    anchorRef.current = null;
  }, [older]);

  // The newest message in sight while following the end (at first, and as messages come).
  // (Not while a message to show is on its way: that one is shown instead.)
  const count = entries.length;
  const targetKey = target ? `${target.seq}:${target.n}` : null;
  useEffect(() => {
    const box = boxRef.current;
    if (!box || !ready || !stickRef.current || (targetKey !== null && revealed.current !== targetKey)) return;
    box.scrollTop = box.scrollHeight;
  }, [count, ready, targetKey]);

  // The box resized (the window, the phone turned): still at its end if it was.
  useEffect(() => {
    const box = boxRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stickRef.current) box.scrollTop = box.scrollHeight;
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  // A message to show (from a search, or a link to it): fetch up to it, then scroll to it and focus it.
  useEffect(() => {
    if (!ready || !target || revealed.current === targetKey) return;
    if (target.seq < firstSeq && firstSeq > 1) {
      void loadOlder(target.seq);
      return;
    }
    const element = document.getElementById(`seq-${target.seq}`);
    if (!element) return;
    revealed.current = targetKey;
    stickRef.current = false;
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
    // loadOlder is remade at every render; what it reads is in the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, targetKey, firstSeq]);

  // The read position: once the newest message is shown (and the page seen), a little later.
  useEffect(() => {
    if (!ready || lastShown <= readSent.current) return;
    let timer: number | undefined;
    const send = () => {
      if (document.visibilityState !== 'visible' || timer !== undefined) return;
      timer = window.setTimeout(() => {
        const previous = readSent.current;
        if (lastShown <= previous) return;
        readSent.current = lastShown;
        unwrap(api.POST('/api/threads/{id}/read', { params: { path: { id } }, body: { seq: lastShown } })).catch(() => {
          readSent.current = Math.min(readSent.current, previous);
        });
      }, READ_AFTER_MS);
    };
    send();
    document.addEventListener('visibilitychange', send);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', send);
    };
  }, [id, ready, lastShown]);

  const onScroll = () => {
    const box = boxRef.current;
    if (box) stickRef.current = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  };

  const send = (body: string, mentions: string[], clientId: string = newClientId()) => {
    stickRef.current = true;
    setPending((list) => [
      ...list.filter((entry) => entry.clientId !== clientId),
      { clientId, body, mentions, status: 'sending', error: null },
    ]);
    threadSync.send(id, body, { clientId, mentions }).then(
      (message) => {
        setSent((list) => [...list, message]);
        setPending((list) => list.filter((entry) => entry.clientId !== clientId));
      },
      (caught: unknown) => {
        const problem = refusalOf(caught);
        const error = problem ? (problem.detail ?? problem.title) : null;
        setPending((list) =>
          list.map((entry) => (entry.clientId === clientId ? { ...entry, status: 'failed', error } : entry)),
        );
      },
    );
  };

  const names = new Map<string, string>();
  for (const person of thread.participants) names.set(person.id, person.displayName);
  for (const message of messages) names.set(message.author.id, message.author.displayName);
  const typingNames = [...typers.keys()].map((userId) => isolate(names.get(userId) ?? t('messaging.someone')));
  const closed = thread.locked || thread.archived;
  const mentionable = thread.kind === 'private' ? thread.participants.filter((person) => person.id !== meId) : [];

  return (
    <section className="conversation" aria-labelledby={`${id}-messages`}>
      <h2 id={`${id}-messages`} className="visually-hidden">
        {t('messaging.messages')}
      </h2>
      <div
        ref={boxRef}
        className="messages"
        onScroll={onScroll}
        tabIndex={0}
        role="log"
        aria-labelledby={`${id}-messages`}
        data-testid="messages"
      >
        {ready && firstSeq > 1 && (
          <p className="messages__older">
            <button
              type="button"
              className="button"
              onClick={() => void loadOlder()}
              aria-disabled={loadingOlder || undefined}
              data-testid="messages-older"
            >
              {loadingOlder ? t('common.loading') : t('messaging.older')}
            </button>
          </p>
        )}
        {olderError && <Alert>{olderError}</Alert>}
        {!ready ? (
          fallbackError ? (
            <LoadError error={fallbackError} />
          ) : (
            <Loading />
          )
        ) : entries.length === 0 ? (
          <p className="muted" data-testid="messages-empty">
            {t('messaging.noMessages')}
          </p>
        ) : (
          <ol className="messages__list">
            {entries.map((entry) =>
              entry.kind === 'message' ? (
                <MessageItem
                  key={entry.message.id}
                  message={entry.message}
                  threadId={id}
                  meId={meId}
                  canModerate={thread.canModerate}
                  canEdit={!closed}
                  target={target?.seq === entry.message.seq}
                  now={now}
                  onChanged={(message) => setChanged((map) => withLatest(map, message))}
                />
              ) : (
                <PendingItem
                  key={entry.pending.clientId}
                  pending={entry.pending}
                  onRetry={() => send(entry.pending.body, entry.pending.mentions, entry.pending.clientId)}
                  onDiscard={() =>
                    setPending((list) => list.filter((item) => item.clientId !== entry.pending.clientId))
                  }
                />
              ),
            )}
          </ol>
        )}
      </div>
      <p className="typing muted" role="status" data-testid="typing-indicator">
        {typingNames.length === 0
          ? ''
          : typingNames.length === 1
            ? t('messaging.typingOne', { name: typingNames[0] })
            : t('messaging.typingMany', { names: typingNames.join(', ') })}
      </p>
      {closed ? (
        <p className="notice-ok notice-ok--info" data-testid="thread-closed">
          {thread.archived ? t('messaging.archivedNotice') : t('messaging.lockedNotice')}
        </p>
      ) : (
        <Composer threadId={id} mentionable={mentionable} onSend={(body, mentions) => send(body, mentions)} />
      )}
      <details className="panel thread-tools">
        <summary className="thread-tools__summary">{t('messaging.searchThread')}</summary>
        <ThreadSearch
          threadId={id}
          onJump={(seq) => {
            setJump((current) => ({ seq, n: (current?.n ?? 0) + 1 }));
            navigate(`/threads/${id}#seq-${seq}`, { replace: true });
          }}
        />
      </details>
    </section>
  );
}

// --- The page ----------------------------------------------------------------------------------------------

export function ThreadPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const meId = session.status === 'signed-in' ? session.user.id : null;
  const { resource, reload, update } = useResource(queryKeys.threads.one(id), (signal) =>
    unwrap(api.GET('/api/threads/{id}', { params: { path: { id } }, signal })),
  );

  // Moderated, participants changed: the socket events refetch it (api/query-client.ts).
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    if (isNotFound(resource.error)) return <NotFoundPage />;
    return <LoadError error={resource.error} onRetry={reload} />;
  }
  const thread = resource.data;
  const title = thread.subject ?? t('messaging.unreadableSubject');
  const onChange = (next: Thread) => update(() => next);

  return (
    <div className="thread-page">
      <p className="breadcrumb">
        <Link href="/threads" data-testid="back-to-threads">
          {t('messaging.back')}
        </Link>
      </p>
      <PageHeading title={title} testId="thread-subject">
        <p className="page-lead thread-page__where" data-testid="thread-where">
          {threadWhere(thread, t, meId)} <ThreadMarkers thread={thread} />
        </p>
      </PageHeading>
      {(thread.canModerate || thread.kind === 'private') && (
        <div className="thread-page__tools">
          {thread.canModerate && (
            <details className="panel thread-tools">
              <summary className="thread-tools__summary">{t('messaging.moderation')}</summary>
              <Moderation thread={thread} onChange={onChange} />
            </details>
          )}
          {thread.kind === 'private' && (
            <details className="panel thread-tools" data-testid="participants-panel">
              <summary className="thread-tools__summary">
                {t('messaging.participantsCount', { count: thread.participants.length })}
              </summary>
              <Participants thread={thread} meId={meId} onChange={onChange} />
            </details>
          )}
        </div>
      )}
      <Conversation key={thread.id} thread={thread} meId={meId} />
    </div>
  );
}
