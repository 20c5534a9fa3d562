import { useEffect, useId, useState } from 'react';
import { fetchHealth, type ComponentState, type ComponentStatus, type HealthResult } from './health';

type PanelState = { kind: 'loading' } | (HealthResult & { checkedAt: Date });

/** Human-readable names for the components reported by /health/ready. */
const COMPONENT_LABELS: Readonly<Record<string, string>> = {
  database: 'Database',
  redis: 'Cache and messaging (Redis)',
};

const STATE_LABELS: Readonly<Record<ComponentState, string>> = {
  up: 'Up',
  down: 'Down',
  unknown: 'Unknown',
};

const OVERALL_LABELS: Readonly<Record<PanelState['kind'], string>> = {
  loading: 'Checking…',
  ok: 'Operational',
  error: 'Degraded',
  unreachable: 'Unreachable',
};

function componentLabel(key: string): string {
  const known = COMPONENT_LABELS[key];
  if (known) return known;
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function summary(state: PanelState): string {
  switch (state.kind) {
    case 'loading':
      return 'Contacting the platform.';
    case 'ok':
      return 'All components are responding.';
    case 'error':
      return 'One or more components are down. Some features may be unavailable.';
    case 'unreachable':
      return `The platform could not be reached (${state.reason}). Check your connection and try again.`;
  }
}

function ComponentList({ components }: { components: ComponentStatus[] }) {
  if (components.length === 0) {
    return <p className="status-empty">No components reported.</p>;
  }
  return (
    <ul className="status-components" aria-label="Components">
      {components.map(({ key, state }) => (
        <li
          key={key}
          className={`status-component status-component--${state}`}
          data-testid={`status-${key}`}
          data-state={state}
        >
          <span className="status-component__name">{componentLabel(key)}</span>{' '}
          <span className={`status-badge status-badge--${state}`}>{STATE_LABELS[state]}</span>
        </li>
      ))}
    </ul>
  );
}

export function StatusPanel() {
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
        <h2 id={headingId}>Platform status</h2>
        <button
          type="button"
          className="button"
          onClick={checkAgain}
          aria-disabled={loading}
        >
          Check again
        </button>
      </div>

      <div className={`status-overall status-overall--${state.kind}`} role="status">
        <p className="status-overall__label">
          <span className="status-overall__icon" aria-hidden="true" />
          <span data-testid="status-overall" data-state={state.kind}>
            {OVERALL_LABELS[state.kind]}
          </span>
        </p>
        <p className="status-overall__summary">{summary(state)}</p>
      </div>

      {(state.kind === 'ok' || state.kind === 'error') && (
        <ComponentList components={state.components} />
      )}

      {!loading && (
        <p className="status-checked">
          Last checked at{' '}
          <time dateTime={state.checkedAt.toISOString()}>
            {state.checkedAt.toLocaleTimeString(document.documentElement.lang || undefined)}
          </time>
        </p>
      )}
    </section>
  );
}
