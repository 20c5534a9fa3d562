import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { messageOf } from '../../../api/problem';
import { Alert } from '../../../ui/forms';
import { MessageMarkdown } from '../../../ui/Markdown';
import { When } from '../components';
import { LoadError, Loading } from '../../../ui/ui';
import { useBusy, useNow, useResource } from '../../../hooks';
import { type MessageView } from '../store';
import { type PendingMessage } from '../store/timeline';
import { queryKeys } from '../../../api/query-keys';
import { BODY_MAX, bodyMax } from './shared';

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

export function MessageItem({
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

export function PendingItem({
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
