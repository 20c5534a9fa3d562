import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { formatDateTime } from '../../format';
import { useResource, useViewerZone } from '../../hooks';
import { useLanguage } from '../../i18n';
import { Link } from '../../router';
import { SelectField } from '../../ui/forms';
import { isNotFound, LoadError, Loading, NotFoundPage, PageHeading } from '../../ui/ui';
import { DiffTable, fieldLabel } from './editing';

/** Two versions of a record, field by field. */
function Comparison({ id, from, to }: { id: string; from: number; to: number }) {
  const { t } = useTranslation();
  const { resource, reload } = useResource(['directory', 'versions', id, from, to], (signal) =>
    unwrap(
      api.GET('/api/authorities/{id}/versions/compare', { params: { path: { id }, query: { from, to } }, signal }),
    ),
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <LoadError error={resource.error} onRetry={reload} />;
  if (resource.data.changes.length === 0) return <p className="muted">{t('editing.noDifference')}</p>;
  return (
    <DiffTable
      testId="version-diff"
      columns={[t('editing.version', { version: from }), t('editing.version', { version: to })]}
      rows={resource.data.changes.map((change) => ({ field: change.field, values: [change.from, change.to] }))}
    />
  );
}

/** A record's versions, newest first, and any two compared. */
export function HistoryPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const formId = useId();
  const record = useResource(queryKeys.authorities.one(id), (signal) =>
    unwrap(api.GET('/api/authorities/{id}', { params: { path: { id } }, signal })),
  );
  const versions = useResource(['directory', 'versions', id], (signal) =>
    unwrap(api.GET('/api/authorities/{id}/versions', { params: { path: { id } }, signal })),
  );
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  if (record.resource.status === 'loading' || versions.resource.status === 'loading') return <Loading />;
  if (record.resource.status === 'error') {
    if (isNotFound(record.resource.error)) return <NotFoundPage />;
    return <LoadError error={record.resource.error} onRetry={record.reload} />;
  }
  if (versions.resource.status === 'error')
    return <LoadError error={versions.resource.error} onRetry={versions.reload} />;
  const list = versions.resource.data;
  const newest = list[0]?.version ?? 1;
  const chosen = pair ?? { from: list[1]?.version ?? newest, to: newest };
  const options = list.map((version) => ({
    value: String(version.version),
    label: t('editing.version', { version: version.version }),
  }));
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/directory/${id}`}>{record.resource.data.name}</Link>
      </p>
      <PageHeading title={t('editing.historyTitle', { name: record.resource.data.name })} />
      <ol className="plain-list cards" data-testid="versions">
        {list.map((version) => (
          <li key={version.version} className="panel">
            <span className="strong">{t('editing.version', { version: version.version })}</span> ·{' '}
            {t(`editing.source_${version.source}`)} · {formatDateTime(version.createdAt, language, zone)}
            {version.actor && <> · {version.actor.displayName}</>}
            {version.changedFields.length > 0 && (
              <>
                <br />
                <span className="muted">
                  {t('editing.changedFields', {
                    fields: version.changedFields.map((field) => fieldLabel(field, t)).join(', '),
                  })}
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
      {list.length > 1 && (
        <section className="panel" aria-labelledby={`${formId}-compare`}>
          <h2 id={`${formId}-compare`}>{t('editing.compare')}</h2>
          <div className="inline-form">
            <SelectField
              id={`${formId}-from`}
              field="from"
              label={t('editing.compareFrom')}
              options={options}
              value={String(chosen.from)}
              onChange={(event) => setPair({ ...chosen, from: Number(event.target.value) })}
            />
            <SelectField
              id={`${formId}-to`}
              field="to"
              label={t('editing.compareTo')}
              options={options}
              value={String(chosen.to)}
              onChange={(event) => setPair({ ...chosen, to: Number(event.target.value) })}
            />
          </div>
          <Comparison id={id} from={chosen.from} to={chosen.to} />
        </section>
      )}
    </>
  );
}
