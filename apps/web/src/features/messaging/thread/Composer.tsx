import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mentionsIn } from '../store/timeline';
import { realtime } from '../../../realtime';
import { BODY_MAX, bodyMax, type Person, TYPING_EVERY_MS } from './shared';

export function Composer({
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
