import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, api, unwrap } from '../../api/client';
import { Alert, TextField } from '../../ui/forms';
import { LoadError, Loading } from '../../ui/ui';
import { formatDateTime } from '../../format';
import { useKeysetPages, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Panel } from './shared';
import { queryKeys } from '../../api/query-keys';

type AuditPage = Answer<'/api/audit', 'get'>;
type Entry = AuditPage['items'][number];

interface Filters {
  action: string;
  actorId: string;
  targetType: string;
  targetId: string;
  /** `YYYY-MM-DD`, from the start of that day on this device */
  from: string;
  /** `YYYY-MM-DD`, to the end of that day */
  to: string;
}

const EMPTY: Filters = { action: '', actorId: '', targetType: '', targetId: '', from: '', to: '' };
const PAGE_SIZE = 50;

function instant(day: string, endOfDay: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  if (endOfDay) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

function fetchPage(filters: Filters, cursor: string | null, signal?: AbortSignal): Promise<AuditPage> {
  const query = {
    action: filters.action.trim() || undefined,
    actorId: filters.actorId.trim() || undefined,
    targetType: filters.targetType.trim() || undefined,
    targetId: filters.targetId.trim() || undefined,
    from: instant(filters.from, false),
    to: instant(filters.to, true),
    limit: PAGE_SIZE,
    cursor: cursor ?? undefined,
  };
  return unwrap(api.GET('/api/audit', { params: { query }, signal }));
}

function EntryRow({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const details = Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details, null, 2) : null;
  return (
    <li className="row row--wrap" data-testid="audit-entry">
      <div className="row__main">
        <p className="strong">
          <code>{entry.action}</code> ·{' '}
          <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, language, zone)}</time>
        </p>
        <dl className="inline-facts">
          <div>
            <dt>{t('admin.actor')}</dt>
            <dd className="break">{entry.actorId ?? t('admin.system')}</dd>
          </div>
          <div>
            <dt>{t('admin.targetType')}</dt>
            <dd className="break">{entry.targetType ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('admin.targetId')}</dt>
            <dd className="break">{entry.targetId ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('admin.ip')}</dt>
            <dd dir="ltr">{entry.ip ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('admin.requestId')}</dt>
            <dd className="break">{entry.requestId ?? '—'}</dd>
          </div>
        </dl>
        {details && (
          <details>
            <summary>{t('admin.details')}</summary>
            <pre className="code-block" dir="ltr">
              {details}
            </pre>
          </details>
        )}
      </div>
    </li>
  );
}

function Entries({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const { first, items, nextCursor, loadMore, busy, error } = useKeysetPages<Entry>(
    queryKeys.admin.audit(filters),
    (cursor, signal) => fetchPage(filters, cursor, signal),
  );
  if (first.resource.status === 'loading') return <Loading />;
  if (first.resource.status === 'error') return <LoadError error={first.resource.error} onRetry={first.reload} />;
  return (
    <>
      <p role="status" className="muted">
        {items.length === 0 ? t('admin.noEntries') : t('admin.entries', { count: items.length })}
      </p>
      <ul className="rows" data-testid="audit">
        {items.map((entry) => (
          <EntryRow key={entry.id} entry={entry} />
        ))}
      </ul>
      {error && <Alert>{error}</Alert>}
      {nextCursor && (
        <p>
          <button type="button" className="button" onClick={() => void loadMore()} aria-disabled={busy || undefined}>
            {busy ? t('common.loading') : t('common.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}

export function AuditSection() {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters(draft);
  };
  const field = (name: keyof Filters, label: string, type = 'text') => (
    <TextField
      id={`${id}-${name}`}
      field={name}
      label={label}
      type={type}
      spellCheck={false}
      value={draft[name]}
      onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
    />
  );
  return (
    <Panel title={t('admin.audit')}>
      <form className="filters__grid" role="search" aria-label={t('admin.audit')} onSubmit={submit}>
        {field('action', t('admin.action'))}
        {field('actorId', t('admin.actor'))}
        {field('targetType', t('admin.targetType'))}
        {field('targetId', t('admin.targetId'))}
        {field('from', t('admin.from'), 'date')}
        {field('to', t('admin.to'), 'date')}
        <div className="filters__submit">
          <button type="submit" className="button button--primary">
            {t('admin.filter')}
          </button>
        </div>
      </form>
      <Entries key={JSON.stringify(filters)} filters={filters} />
    </Panel>
  );
}
