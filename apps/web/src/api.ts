/**
 * The one way the web app calls the API: same origin, JSON in and out, the access token (kept in memory
 * only) as `Authorization: Bearer`, and every error turned into an ApiError carrying the RFC 9457 problem.
 */
import { strings } from './strings';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  retryAfterSeconds?: number;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /**
   * What to tell the user. A generic problem (`about:blank`) has the HTTP status as its title, so its detail
   * says more; a problem type of the API's own has a meaningful title, which the detail completes.
   */
  get userMessage(): string {
    const { type, title, detail } = this.problem;
    if (!detail) return title;
    if (type === 'about:blank' || detail.startsWith(title)) return detail;
    return `${title}${/[.!?…]$/.test(title) ? '' : '.'} ${detail}`;
  }
}

/** Status 0: the request never got an answer (offline, DNS, reset connection). */
export const NETWORK_ERROR = 0;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Send the access token. */
  auth?: boolean;
  signal?: AbortSignal;
}

let accessTokenSource: () => string | null = () => null;

/** The session store tells the wrapper where the current access token is. */
export function setAccessTokenSource(source: () => string | null): void {
  accessTokenSource = source;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toProblem(status: number, statusText: string, body: unknown): Problem {
  if (isRecord(body) && typeof body.title === 'string') {
    const errors = Array.isArray(body.errors)
      ? body.errors.filter(
          (entry): entry is FieldProblem =>
            isRecord(entry) && typeof entry.field === 'string' && typeof entry.message === 'string',
        )
      : undefined;
    return {
      ...body,
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: body.title,
      status,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      errors,
    };
  }
  return { type: 'about:blank', title: statusText || strings.errors.unexpected, status };
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.auth) {
    const token = accessTokenSource();
    if (token) headers.Authorization = `Bearer ${token}`;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError({ type: 'about:blank', title: strings.errors.network, status: NETWORK_ERROR });
  }

  const text = await response.text().catch(() => '');
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) throw new ApiError(toProblem(response.status, response.statusText, body));
  return body as T;
}

export function apiPost<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body' | 'method'> = {}): Promise<T> {
  return apiRequest<T>(path, { ...options, method: 'POST', body });
}

/** Any thrown value as something to show the user. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.userMessage;
  return strings.errors.unexpected;
}
