/**
 * `/statistics`: statistics on the blocked cases brought to the helpdesk, for the secretariat (every case)
 * and coordinators (the networks they coordinate; the API enforces it, the network filter only offers
 * those). The filters live in the address, so a view can be bookmarked or shared; the CSV export gives the
 * same figures for the same filters.
 */
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/problem';
import { myNetworksQuery, networksQuery, statesQuery, statisticsQuery } from '../../api/queries';
import { isolate } from '../../format';
import { useQueryResource } from '../../hooks';
import { useLanguage } from '../../i18n';
import { navigate, useSearch } from '../../router';
import { useSession } from '../../session';
import { Alert, type Option, SelectField, TextField } from '../../ui/forms';
import { LoadError, Loading, PageHeading } from '../../ui/ui';
import { BarFigure, TrendFigure } from './charts';
import {
  type Filters,
  filterOptions,
  filtersOf,
  formatCount,
  formatHours,
  formatShare,
  NO_FILTERS,
  queryOf,
  shape,
  type Statistics,
  urlOf,
} from './shape';

/** The networks the viewer may filter by: every one for the secretariat, the ones they coordinate otherwise. */
function useNetworkOptions(): Option[] {
  const session = useSession();
  const user = session.status === 'signed-in' ? session.user : null;
  const secretariat = user?.role === 'secretariat';
  const all = useQueryResource(secretariat ? networksQuery() : null).resource;
  const mine = useQueryResource(secretariat ? null : myNetworksQuery()).resource;
  if (secretariat) return all.status === 'ready' ? all.data.map(({ id, name }) => ({ value: id, label: name })) : [];
  if (mine.status !== 'ready' || !user) return [];
  return mine.data
    .filter((network) => network.coordinators.some((coordinator) => coordinator.id === user.id))
    .map(({ id, name }) => ({ value: id, label: name }));
}

function FilterForm({ initial }: { initial: Filters }) {
  const { t } = useTranslation();
  const id = useId();
  const session = useSession();
  const [filters, setFilters] = useState(initial);
  const networkOptions = useNetworkOptions();
  const states = useQueryResource(statesQuery()).resource;
  const stateOptions =
    states.status === 'ready' ? states.data.map((state) => ({ value: state.code, label: state.name })) : [];
  const coordinator = session.status === 'signed-in' && session.user.role === 'coordinator';

  const set = (key: keyof Filters, value: string) => setFilters((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(urlOf(filters));
  };
  const clear = () => {
    setFilters(NO_FILTERS);
    navigate(urlOf(NO_FILTERS));
  };
  const choices = filterOptions(t);

  return (
    <form className="panel" onSubmit={submit} aria-label={t('statistics.filters')} data-testid="statistics-filters">
      <fieldset className="filters">
        <legend className="filters__legend">{t('statistics.filters')}</legend>
        <div className="filters__grid">
          <TextField
            id={`${id}-from`}
            field="from"
            type="date"
            label={t('statistics.from')}
            value={filters.from}
            onChange={(event) => set('from', event.target.value)}
            testId="statistics-from"
          />
          <TextField
            id={`${id}-to`}
            field="to"
            type="date"
            label={t('statistics.to')}
            value={filters.to}
            onChange={(event) => set('to', event.target.value)}
            testId="statistics-to"
          />
          <SelectField
            id={`${id}-network`}
            field="networkId"
            label={t('statistics.network')}
            placeholder={coordinator ? t('statistics.myNetworks') : t('statistics.allNetworks')}
            options={networkOptions}
            value={filters.networkId}
            onChange={(event) => set('networkId', event.target.value)}
            testId="statistics-network"
          />
          <SelectField
            id={`${id}-state`}
            field="stateCode"
            label={t('statistics.state')}
            placeholder={t('statistics.allStates')}
            options={stateOptions}
            value={filters.stateCode}
            onChange={(event) => set('stateCode', event.target.value)}
            testId="statistics-state"
          />
          <SelectField
            id={`${id}-cooperation`}
            field="cooperationType"
            label={t('statistics.cooperationType')}
            placeholder={t('statistics.any')}
            options={choices.cooperationType}
            value={filters.cooperationType}
            onChange={(event) => set('cooperationType', event.target.value)}
            testId="statistics-cooperation"
          />
          <SelectField
            id={`${id}-offence`}
            field="offenceCategory"
            label={t('statistics.offenceCategory')}
            placeholder={t('statistics.any')}
            options={choices.offenceCategory}
            value={filters.offenceCategory}
            onChange={(event) => set('offenceCategory', event.target.value)}
            testId="statistics-offence"
          />
          <SelectField
            id={`${id}-basis`}
            field="legalBasis"
            label={t('statistics.legalBasis')}
            placeholder={t('statistics.any')}
            options={choices.legalBasis}
            value={filters.legalBasis}
            onChange={(event) => set('legalBasis', event.target.value)}
            testId="statistics-basis"
          />
        </div>
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="statistics-apply">
          {t('statistics.apply')}
        </button>
        <button type="button" className="button" onClick={clear}>
          {t('statistics.clear')}
        </button>
      </div>
    </form>
  );
}

/** Fetches the CSV with the session's token and hands it to the browser as a download. */
function DownloadButton({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const blob = await unwrap(
        api.GET('/api/helpdesk/statistics/export.csv', { params: { query: queryOf(filters) }, parseAs: 'blob' }),
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'helpdesk-statistics.csv';
      document.body.append(link);
      link.click();
      link.remove();
      // Released once the browser has taken the download.
      window.setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (failure) {
      setError(t('statistics.downloadFailed', { message: messageOf(failure) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack-sm">
      <p>
        <button
          type="button"
          className="button"
          onClick={() => void download()}
          aria-disabled={busy || undefined}
          data-testid="statistics-download"
        >
          {busy ? t('statistics.downloading') : t('statistics.download')}
        </button>
      </p>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

function Durations({ statistics }: { statistics: Statistics }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const hours = (value: number | null) =>
    value === null ? t('statistics.noDuration') : t('statistics.hours', { value: formatHours(value, language) });
  const clocks = [
    { key: 'first-response', title: t('statistics.firstResponse'), stats: statistics.firstResponse },
    { key: 'resolution', title: t('statistics.resolution'), stats: statistics.resolution },
  ];
  return (
    <section className="panel" aria-labelledby="statistics-durations" data-testid="statistics-durations">
      <h2 id="statistics-durations">{t('statistics.durations')}</h2>
      <p className="muted">{t('statistics.durationsNote')}</p>
      <div className="statistics__clocks">
        {clocks.map((clock) => (
          <div key={clock.key} data-testid={`statistics-${clock.key}`}>
            <h3>{clock.title}</h3>
            <dl className="facts">
              <div>
                <dt>{t('statistics.median')}</dt>
                <dd>{hours(clock.stats.medianHours)}</dd>
              </div>
              <div>
                <dt>{t('statistics.p90')}</dt>
                <dd>{hours(clock.stats.p90Hours)}</dd>
              </div>
              <div>
                <dt>{t('statistics.counted')}</dt>
                <dd>{formatCount(clock.stats.count, language)}</dd>
              </div>
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}

function Figures({ statistics }: { statistics: Statistics }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const states = useQueryResource(statesQuery()).resource;
  const stateNames = useMemo(
    () => new Map(states.status === 'ready' ? states.data.map((state) => [state.code, state.name] as const) : []),
    [states],
  );
  const shaped = useMemo(() => shape(statistics, t, stateNames), [statistics, t, stateNames]);

  if (statistics.total === 0)
    return (
      <p className="muted" role="status" data-testid="statistics-empty">
        {t('statistics.noCases')}
      </p>
    );

  const charts = [
    ['byStatus', shaped.byStatus],
    ['byOutcome', shaped.byOutcome],
    ['byCooperationType', shaped.byCooperationType],
    ['byOffenceCategory', shaped.byOffenceCategory],
    ['byLegalBasis', shaped.byLegalBasis],
    ['byLegalInstrument', shaped.byLegalInstrument],
    ['byBlockageReason', shaped.byBlockageReason],
    ['byRefusalGround', shaped.byRefusalGround],
    ['byStatePair', shaped.byStatePair],
  ] as const;

  return (
    <>
      <section className="panel" aria-labelledby="statistics-summary" data-testid="statistics-summary">
        <h2 id="statistics-summary" data-testid="statistics-total">
          {t('statistics.total', { total: formatCount(statistics.total, language) })}
        </h2>
        <dl className="facts">
          <div>
            <dt>{t('statistics.conventionShare')}</dt>
            <dd data-testid="statistics-convention">
              {t('statistics.conventionValue', {
                share: formatShare(statistics.conventionBasis.share, language),
                cases: formatCount(statistics.conventionBasis.count, language),
              })}
            </dd>
          </div>
        </dl>
        <p className="muted">{t('statistics.zone', { zone: isolate(statistics.timeZone) })}</p>
      </section>
      <Durations statistics={statistics} />
      <div className="statistics__charts">
        {statistics.trend.length > 0 && (
          <TrendFigure title={t('statistics.charts.trend')} trend={statistics.trend} testId="chart-trend" />
        )}
        {charts.map(
          ([key, rows]) =>
            rows.length > 0 && (
              <BarFigure key={key} title={t(`statistics.charts.${key}`)} rows={rows} testId={`chart-${key}`} />
            ),
        )}
      </div>
    </>
  );
}

export function StatisticsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const search = useSearch();
  const filters = filtersOf(search);
  const { resource, reload } = useQueryResource(statisticsQuery(queryOf(filters)));
  const coordinator = session.status === 'signed-in' && session.user.role === 'coordinator';
  return (
    <>
      <PageHeading title={t('statistics.title')}>
        <p className="page-lead">{t('statistics.intro')}</p>
        {coordinator && <p className="muted">{t('statistics.coordinatorIntro')}</p>}
      </PageHeading>
      <div className="stack statistics">
        <FilterForm key={search} initial={filters} />
        <DownloadButton filters={filters} />
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
        {resource.status === 'ready' && <Figures statistics={resource.data} />}
      </div>
    </>
  );
}
