/**
 * Client for the API readiness endpoint (`GET /health/ready`).
 *
 * The API answers with a @nestjs/terminus health report:
 *   200 {"status":"ok","info":{...},"error":{},"details":{...}}
 *   503 {"status":"error","info":{...},"error":{...},"details":{...}}
 * where each component entry looks like {"status":"up"} or
 * {"status":"down","message":"..."}.
 */

export const HEALTH_READY_URL = '/health/ready';

/** How long to wait for the API before declaring it unreachable. */
const TIMEOUT_MS = 10_000;

export type ComponentState = 'up' | 'down' | 'unknown';

export interface ComponentStatus {
  /** Key from the report, e.g. "database" or "redis". */
  key: string;
  state: ComponentState;
}

export type HealthResult =
  | { kind: 'ok'; components: ComponentStatus[] }
  | { kind: 'error'; components: ComponentStatus[] }
  | { kind: 'unreachable'; reason: string };

type Entries = Record<string, unknown>;

function isRecord(value: unknown): value is Entries {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toState(entry: unknown): ComponentState {
  if (isRecord(entry)) {
    if (entry.status === 'up') return 'up';
    if (entry.status === 'down') return 'down';
  }
  return 'unknown';
}

/**
 * Component list from a health report. `details` is authoritative; if it is
 * missing we fall back to `info` and `error` (error wins on duplicate keys).
 */
export function componentsFromReport(report: Entries): ComponentStatus[] {
  const source: Entries = isRecord(report.details)
    ? report.details
    : {
        ...(isRecord(report.info) ? report.info : {}),
        ...(isRecord(report.error) ? report.error : {}),
      };
  return Object.entries(source).map(([key, entry]) => ({ key, state: toState(entry) }));
}

/** Turn an HTTP response into a HealthResult. Never throws. */
export async function interpretResponse(response: Response): Promise<HealthResult> {
  if (response.status !== 200 && response.status !== 503) {
    return { kind: 'unreachable', reason: `HTTP ${response.status}` };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'unreachable', reason: 'invalid response' };
  }
  if (!isRecord(body) || typeof body.status !== 'string') {
    return { kind: 'unreachable', reason: 'invalid response' };
  }
  const components = componentsFromReport(body);
  const healthy =
    response.status === 200 && body.status === 'ok' && components.every((component) => component.state === 'up');
  return { kind: healthy ? 'ok' : 'error', components };
}

/**
 * Fetch the readiness report. Resolves to a HealthResult (never rejects),
 * except when `signal` is aborted by the caller, in which case it rejects
 * with the abort reason so the caller can ignore the result.
 */
export async function fetchHealth(signal: AbortSignal): Promise<HealthResult> {
  const controller = new AbortController();
  const abort = () => controller.abort(signal.reason);
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  const timer = window.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);

  try {
    const response = await fetch(HEALTH_READY_URL, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin',
      signal: controller.signal,
    });
    return await interpretResponse(response);
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'unreachable', reason: timedOut ? 'timeout' : 'network error' };
  } finally {
    window.clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}
