import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { messageOf } from '../../../api/problem';
import { Alert } from '../../../ui/forms';
import { Snippet, When } from '../components';
import { useBusy, useNow } from '../../../hooks';
import { queryWords } from '../store/highlight';
import { type SearchPage } from './shared';

export function ThreadSearch({ threadId, onJump }: { threadId: string; onJump: (seq: number) => void }) {
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
