import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatTime } from './format';
import { fetchHealth, type ComponentStatus, type HealthResult } from './health';
import { useViewerZone } from './hooks';
import { useLanguage } from './i18n';

type PanelState = { kind: 'loading' } | (HealthResult & { checkedAt: Date });

/** Human-readable names for the components reported by /health/ready. */
function componentLabel(key: string, t: TFunction): string {
  if (key === 'database') return t('status.database');
  if (key === 'redis') return t('status.redis');
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function summary(state: PanelState, t: TFunction): string {
  switch (state.kind) {
    case 'loading':
      return t('status.summaryLoading');
    case 'ok':
      return t('status.summaryOk');
    case 'error':
      return t('status.summaryError');
    case 'unreachable':
      return t('status.summaryUnreachable', { reason: state.reason });
  }
}

function ComponentList({ components }: { components: ComponentStatus[] }) {
  const { t } = useTranslation();
  if (components.length === 0) {
    return <p className="status-empty">{t('status.noComponents')}</p>;
  }
  return (
    <ul className="status-components" aria-label={t('status.components')}>
      {components.map(({ key, state }) => (
        <li
          key={key}
          className={`status-component status-component--${state}`}
          data-testid={`status-${key}`}
          data-state={state}
        >
          <span className="status-component__name">{componentLabel(key, t)}</span>{' '}
          <span className={`status-badge status-badge--${state}`}>{t(`status.${state}`)}</span>
        </li>
      ))}
    </ul>
  );
}

export function StatusPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const zone = useViewerZone();
  const headingId = useId();
  const [state, setState] = useState<PanelState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchHealth(controller.signal).then(
      (result) => setState({ ...result, checkedAt: new Date() }),
      () => {
        // Aborted because the component unmounted or a new check started.
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const loading = state.kind === 'loading';

  const checkAgain = () => {
    if (loading) return;
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  };

  return (
    <section className="panel status-panel" aria-labelledby={headingId} aria-busy={loading}>
      <div className="status-panel__header">
        <h2 id={headingId}>{t('status.heading')}</h2>
        <button type="button" className="button" onClick={checkAgain} aria-disabled={loading}>
          {t('status.checkAgain')}
        </button>
      </div>

      <div className={`status-overall status-overall--${state.kind}`} role="status">
        <p className="status-overall__label">
          <span className="status-overall__icon" aria-hidden="true" />
          <span data-testid="status-overall" data-state={state.kind}>
            {t(`status.${state.kind}`)}
          </span>
        </p>
        <p className="status-overall__summary">{summary(state, t)}</p>
      </div>

      {(state.kind === 'ok' || state.kind === 'error') && <ComponentList components={state.components} />}

      {!loading && (
        <p className="status-checked">
          <time dateTime={state.checkedAt.toISOString()}>
            {t('status.lastChecked', { time: formatTime(state.checkedAt, language, zone) })}
          </time>
        </p>
      )}
    </section>
  );
}
