import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { Alert, CheckboxField, SelectField } from '../../ui/forms';
import { Badge, DemoBadge, LoadError, Loading, PageHeading } from '../../ui/ui';
import { languageName } from '../../format';
import { useKeysetPages, useQueryResource } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Link, navigate, useSearch, withQuery } from '../../router';
import {
  categoryLabel,
  categoryOptions,
  channelLabel,
  channelOptions,
  isCategory,
  isChannel,
  languageOptions,
} from '../../vocabulary';
import { networksQuery, statesQuery } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';

type AuthorityPage = Answer<'/api/authorities', 'get'>;
type AuthoritySummary = AuthorityPage['items'][number];

const PAGE_SIZE = 20;

/** The search, as the URL holds it (so that it can be shared or bookmarked). */
interface Filters {
  q: string;
  state: string;
  network: string;
  category: string;
  language: string;
  channel: string;
  acceptsInterpol: boolean;
}

function filtersOf(search: string): Filters {
  const params = new URLSearchParams(search);
  return {
    q: params.get('q') ?? '',
    state: params.get('state') ?? '',
    network: params.get('network') ?? '',
    category: params.get('category') ?? '',
    language: params.get('language') ?? '',
    channel: params.get('channel') ?? '',
    acceptsInterpol: params.get('acceptsInterpol') === 'true',
  };
}

function urlOf(filters: Filters): string {
  return withQuery('/directory', {
    q: filters.q.trim(),
    state: filters.state,
    network: filters.network,
    category: filters.category,
    language: filters.language,
    channel: filters.channel,
    acceptsInterpol: filters.acceptsInterpol ? 'true' : '',
  });
}

function fetchPage(filters: Filters, cursor: string | null, signal?: AbortSignal): Promise<AuthorityPage> {
  const query = {
    q: filters.q.trim() || undefined,
    state: filters.state || undefined,
    network: filters.network || undefined,
    category: isCategory(filters.category) ? filters.category : undefined,
    language: filters.language || undefined,
    channel: isChannel(filters.channel) ? filters.channel : undefined,
    acceptsInterpol: filters.acceptsInterpol ? true : undefined,
    limit: PAGE_SIZE,
    cursor: cursor ?? undefined,
  };
  return unwrap(api.GET('/api/authorities', { params: { query }, signal }));
}

function SearchForm({ initial }: { initial: Filters }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const [filters, setFilters] = useState(initial);
  const states = useQueryResource(statesQuery()).resource;
  const networks = useQueryResource(networksQuery()).resource;

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(urlOf(filters));
  };
  const clear = () => {
    const cleared = { ...filtersOf(''), q: filters.q };
    setFilters(cleared);
    navigate(urlOf(cleared));
  };

  const stateOptions =
    states.status === 'ready' ? states.data.map((state) => ({ value: state.code, label: state.name })) : [];
  const networkOptions =
    networks.status === 'ready' ? networks.data.map((network) => ({ value: network.id, label: network.name })) : [];

  return (
    <form className="panel search-form" role="search" onSubmit={submit} aria-label={t('directory.search')}>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-q`}>
          {t('directory.search')}
        </label>
        <p className="field__hint" id={`${id}-q-hint`}>
          {t('directory.searchHint')}
        </p>
        <div className="inline-form">
          <input
            id={`${id}-q`}
            className="input inline-form__grow"
            type="search"
            name="q"
            value={filters.q}
            aria-describedby={`${id}-q-hint`}
            onChange={(event) => set('q', event.target.value)}
            data-testid="directory-q"
          />
          <button type="submit" className="button button--primary" data-testid="directory-submit">
            {t('directory.submit')}
          </button>
        </div>
      </div>
      <fieldset className="filters">
        <legend className="filters__legend">{t('directory.filters')}</legend>
        <div className="filters__grid">
          <SelectField
            id={`${id}-state`}
            field="state"
            label={t('directory.state')}
            placeholder={t('directory.anyState')}
            options={stateOptions}
            value={filters.state}
            onChange={(event) => set('state', event.target.value)}
            testId="directory-state"
          />
          <SelectField
            id={`${id}-network`}
            field="network"
            label={t('directory.network')}
            placeholder={t('directory.anyNetwork')}
            options={networkOptions}
            value={filters.network}
            onChange={(event) => set('network', event.target.value)}
            testId="directory-network"
          />
          <SelectField
            id={`${id}-category`}
            field="category"
            label={t('directory.category')}
            placeholder={t('directory.anyCategory')}
            options={categoryOptions(t)}
            value={filters.category}
            onChange={(event) => set('category', event.target.value)}
            testId="directory-category"
          />
          <SelectField
            id={`${id}-language`}
            field="language"
            label={t('directory.language')}
            placeholder={t('directory.anyLanguage')}
            options={languageOptions(language, filters.language ? [filters.language] : [])}
            value={filters.language}
            onChange={(event) => set('language', event.target.value)}
            testId="directory-language"
          />
          <SelectField
            id={`${id}-channel`}
            field="channel"
            label={t('directory.channel')}
            placeholder={t('directory.anyChannel')}
            options={channelOptions(t)}
            value={filters.channel}
            onChange={(event) => set('channel', event.target.value)}
            testId="directory-channel"
          />
        </div>
        <CheckboxField
          id={`${id}-interpol`}
          field="acceptsInterpol"
          label={t('directory.acceptsInterpol')}
          checked={filters.acceptsInterpol}
          onChange={(event) => set('acceptsInterpol', event.target.checked)}
          testId="directory-interpol"
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            {t('directory.submit')}
          </button>
          <button type="button" className="button" onClick={clear}>
            {t('directory.clear')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function ResultCard({ authority }: { authority: AuthoritySummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const headingId = useId();
  return (
    <li className="card" aria-labelledby={headingId} data-testid="authority-result">
      <div className="card__head">
        <h3 id={headingId} className="card__title">
          <Link href={`/directory/${encodeURIComponent(authority.id)}`}>{authority.name}</Link>
        </h3>
        {authority.demo && <DemoBadge />}
      </div>
      <p className="card__subtitle">{authority.state.name}</p>
      <ul className="chips" aria-label={t('authority.handles')}>
        {authority.categories.map((category) => (
          <li key={category} className="chip">
            {categoryLabel(category, t)}
          </li>
        ))}
      </ul>
      <dl className="card__facts">
        <div>
          <dt>{t('directory.languages')}</dt>
          <dd>{authority.languages.map((code) => languageName(code, language)).join(', ') || t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('directory.channels')}</dt>
          <dd>{authority.channels.map((channel) => channelLabel(channel, t)).join(', ') || t('common.none')}</dd>
        </div>
      </dl>
      {authority.acceptsInterpol && <Badge tone="ok">{t('directory.interpol')}</Badge>}
    </li>
  );
}

function Results({ filters, search }: { filters: Filters; search: string }) {
  const { t } = useTranslation();
  const {
    first,
    items,
    nextCursor,
    loadMore,
    busy,
    error: moreError,
  } = useKeysetPages<AuthoritySummary>(queryKeys.authorities.directory(search), (cursor, signal) =>
    fetchPage(filters, cursor, signal),
  );

  if (first.resource.status === 'loading') return <Loading />;
  if (first.resource.status === 'error') return <LoadError error={first.resource.error} onRetry={first.reload} />;

  return (
    <>
      <p role="status" className="muted" data-testid="directory-count">
        {items.length === 0 ? t('directory.noResults') : t('directory.shown', { count: items.length })}
      </p>
      {items.length > 0 && (
        <ul className="cards" data-testid="directory-results">
          {items.map((authority) => (
            <ResultCard key={authority.id} authority={authority} />
          ))}
        </ul>
      )}
      {moreError && <Alert>{moreError}</Alert>}
      {nextCursor && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => void loadMore()}
            aria-disabled={busy || undefined}
            data-testid="directory-more"
          >
            {busy ? t('common.loading') : t('common.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}

export function DirectoryPage() {
  const { t } = useTranslation();
  const search = useSearch();
  const filters = filtersOf(search);
  return (
    <>
      <PageHeading title={t('directory.title')}>
        <p className="page-lead">{t('directory.intro')}</p>
      </PageHeading>
      <div className="directory">
        <SearchForm key={search} initial={filters} />
        <section className="directory__results" aria-labelledby="directory-results-heading">
          <h2 id="directory-results-heading">{t('directory.results')}</h2>
          <Results key={search} filters={filters} search={search} />
        </section>
      </div>
    </>
  );
}
