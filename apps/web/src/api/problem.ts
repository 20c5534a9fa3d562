/**
 * API errors: every failed call becomes an ApiError carrying the RFC 9457 problem the API answered
 * (`{ type, title, status, detail?, errors?: [{ field, message }] }`), or a synthetic one when there was no
 * answer at all (status 0) or no problem document.
 */
import { i18next } from '../i18n';

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

/** Status 0: the request never got an answer (offline, DNS, reset connection). */
export const NETWORK_ERROR = 0;

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** The field problems, when the API named fields (a 400 from DTO validation). */
  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }

  /**
   * What to tell the user. A generic problem (`about:blank`) has the HTTP status as its title, so its detail
   * says more; a problem type of the API's own has a meaningful title, which the detail completes.
   */
  get userMessage(): string {
    const { type, title, detail, status } = this.problem;
    if (status === NETWORK_ERROR) return i18next.t('errors.network');
    if (status === 403) return i18next.t('errors.forbidden');
    if (!detail) return title;
    if (type === 'about:blank' || detail.startsWith(title)) return detail;
    return `${title}${/[.!?…]$/.test(title) ? '' : '.'} ${detail}`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problem a failed response carries, whatever its body was. */
export function toProblem(status: number, statusText: string, body: unknown): Problem {
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
  return { type: 'about:blank', title: statusText || i18next.t('errors.unexpected'), status };
}

export function networkError(): ApiError {
  return new ApiError({ type: 'about:blank', title: 'Network error', status: NETWORK_ERROR });
}

/** Any thrown value as something to show the user. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.userMessage;
  return i18next.t('errors.unexpected');
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
