import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { Alert } from '../../ui/forms';
import { Snippet, ThreadSubject, When } from './components';
import { isolate } from '../../format';
import { LoadError, Loading, PageHeading } from '../../ui/ui';
import { useKeysetPages, useNow } from '../../hooks';
import { queryWords } from './store/highlight';
import { Link, navigate, useSearch, withQuery } from '../../router';
import { queryKeys } from '../../api/query-keys';

type SearchPage = Answer<'/api/search/messages', 'get'>;
type Hit = SearchPage['items'][number];

const PAGE_SIZE = 20;

function fetchPage(q: string, cursor: string | null, signal?: AbortSignal): Promise<SearchPage> {
  return unwrap(
    api.GET('/api/search/messages', {
      params: { query: { q, limit: PAGE_SIZE, cursor: cursor ?? undefined } },
      signal,
    }),
  );
}

function HitRow({ hit, words, now }: { hit: Hit; words: readonly string[]; now: Date }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { message, thread } = hit;
  return (
    <li className="row search-result" aria-labelledby={headingId} data-testid="search-result">
      <div className="row__main">
        <h3 id={headingId} className="search-result__title">
          <Link href={`/threads/${thread.id}#seq-${message.seq}`} data-testid="search-result-link">
            <ThreadSubject thread={thread} />
          </Link>
        </h3>
        <p className="muted search-result__meta">
          {thread.kind === 'forum'
            ? t('messaging.forumOf', { network: isolate(thread.network?.name ?? '') })
            : t('messaging.private')}{' '}
          · {t('search.by', { name: isolate(message.author.displayName) })} · <When at={message.createdAt} now={now} />
        </p>
        <p className="search-result__text">
          {message.body === null ? (
            <span className="placeholder-text">{t('messaging.unreadable')}</span>
          ) : (
            <Snippet text={message.body} words={words} />
          )}
        </p>
      </div>
    </li>
  );
}

function Results({ q }: { q: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const words = queryWords(q);
  const { first, items, nextCursor, loadMore, busy, error } = useKeysetPages<Hit>(
    queryKeys.search(q),
    (cursor, signal) => fetchPage(q, cursor, signal),
  );

  if (first.resource.status === 'loading') return <Loading />;
  if (first.resource.status === 'error') return <LoadError error={first.resource.error} onRetry={first.reload} />;
  // The first page says how many there are in all.
  const total = (first.resource.data as SearchPage).total;

  return (
    <>
      <p role="status" className="muted" data-testid="search-total">
        {total === 0
          ? t('search.none')
          : `${t('search.total', { count: total })} · ${t('search.shown', { count: items.length })}`}
      </p>
      {items.length > 0 && (
        <ul className="rows" data-testid="search-results">
          {items.map((hit) => (
            <HitRow key={hit.message.id} hit={hit} words={words} now={now} />
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
            data-testid="search-more"
          >
            {busy ? t('common.loading') : t('common.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}

function SearchForm({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (queryWords(q).length === 0) {
      setError(t('search.tooShort'));
      return;
    }
    setError(null);
    navigate(withQuery('/search', { q: q.trim() }));
  };

  return (
    <form className="panel search-form" role="search" aria-label={t('search.title')} onSubmit={submit} noValidate>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-q`}>
          {t('search.label')}
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('search.hint')}
        </p>
        <div className="inline-form">
          <input
            id={`${id}-q`}
            className="input inline-form__grow"
            type="search"
            name="q"
            value={q}
            maxLength={200}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setQ(event.target.value)}
            data-testid="search-q"
          />
          <button type="submit" className="button button--primary" data-testid="search-submit">
            {t('search.submit')}
          </button>
        </div>
        {error && (
          <p className="field__error" id={`${id}-error`} data-testid="error-q">
            <span className="field__error-icon" aria-hidden="true" />
            {error}
          </p>
        )}
      </div>
    </form>
  );
}

export function SearchPage() {
  const { t } = useTranslation();
  const q = (new URLSearchParams(useSearch()).get('q') ?? '').trim();
  const searchable = queryWords(q).length > 0;
  return (
    <>
      <PageHeading title={t('search.title')}>
        <p className="page-lead">{t('search.intro')}</p>
      </PageHeading>
      <div className="stack">
        <SearchForm key={q} initial={q} />
        {q && (
          <section className="panel" aria-labelledby="search-results-heading">
            <h2 id="search-results-heading">{t('search.results')}</h2>
            {searchable ? <Results key={q} q={q} /> : <Alert>{t('search.tooShort')}</Alert>}
          </section>
        )}
        <p>
          <Link href="/threads">{t('messaging.back')}</Link>
        </p>
      </div>
    </>
  );
}
