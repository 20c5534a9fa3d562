import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { messageOf } from '../../../api/problem';
import { isolate } from '../../../format';
import { useBusy, useNow } from '../../../hooks';
import { navigate, useHash } from '../../../router';
import { Alert } from '../../../ui/forms';
import { LoadError, Loading } from '../../../ui/ui';
import { type MessageView, newClientId, refusalOf, threadSync } from '../store';
import { type PendingMessage, timeline } from '../store/timeline';
import { Composer } from './Composer';
import { MessageItem, PendingItem } from './MessageItem';
import { PAGE, seqOf, type Thread } from './shared';
import { ThreadSearch } from './ThreadSearch';
import { useReadPosition } from './use-read-position';
import { useScrollAnchor } from './use-scroll-anchor';
import { useFallbackMessages, useThreadSync } from './use-thread-sync';
import { useTyping } from './use-typing';

/**
 * A thread's messages and composer: the latest messages live (the sync module), older ones page by page, a
 * message to show (from a search or a link) fetched up to and focused, and what is being sent.
 */
export function Conversation({
  thread,
  meId,
  embedded = false,
}: {
  thread: Thread;
  meId: string | null;
  /** Shown inside another page (a helpdesk ticket): no search, which would move to the thread's own page. */
  embedded?: boolean;
}) {
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
  const { held, changed, change } = useThreadSync(id, start.fromSeq);
  const [older, setOlder] = useState<MessageView[]>([]);
  const [sent, setSent] = useState<MessageView[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [loadingOlder, runOlder] = useBusy();
  const [jump, setJump] = useState<{ seq: number; n: number } | null>(null);
  const typers = useTyping(id, meId);
  const revealed = useRef<string | null>(null);

  const entries = timeline([...older, ...sent], held, changed, pending);
  const messages = entries.flatMap((entry) => (entry.kind === 'message' ? [entry.message] : []));
  const lastShown = messages.at(-1)?.seq ?? start.fromSeq;
  const ready = lastShown >= start.lastSeq;
  const firstSeq = messages[0]?.seq ?? start.fromSeq + 1;
  const hashSeq = seqOf(hash);
  const target = jump ?? (hashSeq === null ? null : { seq: hashSeq, n: 0 });

  const fallbackError = useFallbackMessages(id, start.fromSeq, ready, (items) =>
    setOlder((current) => [...current, ...items]),
  );

  // The newest message in sight while following the end (at first, and as messages come), but not while a
  // message to show is on its way: that one is shown instead.
  const targetKey = target ? `${target.seq}:${target.n}` : null;
  const { boxRef, onScroll, keepPlace, stick } = useScrollAnchor({
    older,
    count: entries.length,
    ready,
    targetKey,
    revealed,
  });
  useReadPosition(id, ready, lastShown, start.readSeq);

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
      if (until === undefined) keepPlace();
      setOlder((current) => [...loaded, ...current]);
    });

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
    stick(false);
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
    // loadOlder is remade at every render; what it reads is in the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, targetKey, firstSeq]);

  const send = (body: string, mentions: string[], clientId: string = newClientId()) => {
    stick(true);
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
                  onChanged={change}
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
      {!embedded && (
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
      )}
    </section>
  );
}
