/**
 * The typed API client: openapi-fetch over the paths of the API's OpenAPI document (`./schema`, generated
 * by `npm run api:types`), so every path, parameter, body and answer is checked against the API.
 *
 * - `api` sends the in-memory access token as `Authorization: Bearer`, refreshes it first when it is about
 *   to expire, and, when the API still answers 401, refreshes once and sends the request again.
 * - `publicApi` sends no token and never refreshes: sign-in, refresh itself, and the link pages.
 *
 * `unwrap()` turns an answer into its data, or throws an ApiError carrying the problem document.
 */
import createClient from 'openapi-fetch';
import { ApiError, isAbort, networkError, toProblem } from './problem';
import type { paths } from './schema';

export type { paths };

interface AuthHooks {
  /** The current access token, or null when signed out. */
  token(): string | null;
  /** Resolves once the token is fresh enough to send (refreshing it first if it is about to expire). */
  ready(): Promise<void>;
  /** Trades the refresh cookie for a new access token; resolves to whether that worked. */
  refresh(): Promise<boolean>;
}

let auth: AuthHooks = {
  token: () => null,
  ready: () => Promise.resolve(),
  refresh: () => Promise.resolve(false),
};

/** The session store tells the client where the token is and how to refresh it. */
export function configureAuth(hooks: AuthHooks): void {
  auth = hooks;
}

function withToken(request: Request, token: string | null): Request {
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

async function authenticatedFetch(request: Request): Promise<Response> {
  // Keep a copy of the request (and its body) for the one retry after a refresh.
  const retry = request.clone();
  await auth.ready();
  const token = auth.token();
  const response = await fetch(withToken(request, token));
  if (response.status !== 401 || !token) return response;
  // The token was refused (expired early, signing key changed): refresh once, then try once more.
  if (!(await auth.refresh())) return response;
  return fetch(withToken(retry, auth.token()));
}

const defaults = {
  // The page's own origin (the API serves the app); absolute, so that the client also runs outside a page.
  baseUrl: typeof location === 'undefined' ? '' : location.origin,
  credentials: 'same-origin',
  cache: 'no-store',
  headers: { Accept: 'application/json, application/problem+json' },
} as const;

export const api = createClient<paths>({ ...defaults, fetch: authenticatedFetch });
export const publicApi = createClient<paths>({ ...defaults, fetch: (request: Request) => fetch(request) });

/** The data of a successful answer; an ApiError (with the problem document) otherwise. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }
  const { response } = result;
  if (!response.ok) throw new ApiError(toProblem(response.status, response.statusText, result.error));
  return result.data as T;
}

// --- Types of the API's answers and bodies, read from the generated paths ---------------------------------

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = paths[P] extends { [K in M]: infer O } ? O : never;
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body of the successful answer of `M P`, for example `Answer<'/api/authorities/{id}', 'get'>`. */
export type Answer<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? { [S in keyof R]: S extends 200 | 201 ? Json<R[S]> : never }[keyof R]
    : never;

/** The JSON request body of `M P`. */
export type Payload<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
