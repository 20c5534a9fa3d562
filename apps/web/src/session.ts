/**
 * The signed-in session, in memory only.
 *
 * The access token lives in a module variable (never in Web Storage, never in React state); the refresh
 * token is an httpOnly cookie the page cannot read. `POST /api/auth/refresh` trades the cookie for a new
 * access token and a new cookie, and a refresh token presented twice revokes the whole session. So every
 * refresh goes through `refreshSession()`, which shares one in-flight promise within the page and holds the
 * `liaison-refresh` Web Lock across the tabs of the browser, so that two refreshes never overlap.
 *
 * Because the cookie is unreadable, a marker in localStorage (the session's end time, nothing secret)
 * remembers that this browser may hold a session: the app only tries to restore a session when it is
 * present, so an anonymous visit does not start with a failing request. Removing it in one tab (signing
 * out) signs the other tabs out too, since they share the session.
 */
import { useSyncExternalStore } from 'react';
import { type Answer, api, configureAuth, publicApi, unwrap } from './api/client';
import { ApiError, NETWORK_ERROR } from './api/problem';

/** What /sign-in/verify, /refresh and the link acceptances answer. */
export type SignedIn = Answer<'/api/auth/refresh', 'post'>;
export type User = SignedIn['user'];
export type Role = User['role'];

/** Why the server ended the session: after the idle limit, at its absolute end, or otherwise (revoked). */
export type SessionEnd = 'idle' | 'expired' | 'ended';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; ended?: SessionEnd }
  | { status: 'signed-in'; user: User; sessionExpiresAt: Date };

const MARKER_KEY = 'liaison.session';
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000;
/** Never schedule refreshes closer together than this (protects against a bogus expiry). */
const MIN_REFRESH_DELAY_MS = 10_000;
/** After a network or server error, try again after this long. */
const RETRY_DELAY_MS = 15_000;
const LOCK_NAME = 'liaison-refresh';

// --- Marker ----------------------------------------------------------------------------------------------

function readMarker(): Date | null {
  try {
    const value = window.localStorage.getItem(MARKER_KEY);
    if (!value) return null;
    const end = new Date(value);
    return Number.isNaN(end.getTime()) ? null : end;
  } catch {
    return null;
  }
}

function writeMarker(sessionExpiresAt: string | null): void {
  try {
    if (sessionExpiresAt) window.localStorage.setItem(MARKER_KEY, sessionExpiresAt);
    else window.localStorage.removeItem(MARKER_KEY);
  } catch {
    // Storage disabled: sessions are then not restored on reload, nothing worse.
  }
}

function mayHaveSession(): boolean {
  const end = readMarker();
  return end !== null && end.getTime() > Date.now();
}

// --- Store -----------------------------------------------------------------------------------------------

let state: SessionState = mayHaveSession() ? { status: 'restoring' } : { status: 'anonymous' };
let accessToken: string | null = null;
/** When the access token expires, on this machine's clock. */
let accessTokenDeadline = 0;
/** Bumped whenever the session ends, so that answers to older requests are ignored. */
let epoch = 0;
let refreshTimer: number | undefined;
/**
 * Whether the person did something (a key, a click, a touch, loading the page) since the last refresh. The
 * API ends a session after its idle limit; a refresh that carries no activity does not hold it open.
 */
let activeSinceRefresh = true;
const listeners = new Set<() => void>();
const tokenListeners = new Set<(token: string) => void>();

configureAuth({
  token: () => accessToken,
  ready: () => freshToken(),
  refresh: () => refreshSession(),
});

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** Calls back whenever the session changes (sign-in, sign-out, new user details). */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls back with every new access token (sign-in, enrolment, each refresh): the realtime socket sends it on. */
export function onAccessToken(listener: (token: string) => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

export function getSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession);
}

function clearTimer(): void {
  if (refreshTimer !== undefined) window.clearTimeout(refreshTimer);
  refreshTimer = undefined;
}

function schedule(delayMs: number): void {
  clearTimer();
  refreshTimer = window.setTimeout(
    () => {
      refreshTimer = undefined;
      void refreshSession();
    },
    Math.max(MIN_REFRESH_DELAY_MS, delayMs),
  );
}

/**
 * The access token's lifetime in ms, from its own claims (exp - iat, both on the server's clock) so that a
 * wrong clock on this machine does not matter; falls back to the expiry date against the local clock.
 */
function lifetimeMs(signedIn: SignedIn): number {
  try {
    const payload: unknown = JSON.parse(atob(signedIn.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    if (typeof payload === 'object' && payload !== null) {
      const { iat, exp } = payload as { iat?: unknown; exp?: unknown };
      if (typeof iat === 'number' && typeof exp === 'number' && exp > iat) return (exp - iat) * 1000;
    }
  } catch {
    // Not a JWT we can read: use the date.
  }
  return new Date(signedIn.accessTokenExpiresAt).getTime() - Date.now();
}

/** Starts the session the API has just issued (after sign-in, enrolment or refresh). */
export function establishSession(signedIn: SignedIn): void {
  const lifetime = lifetimeMs(signedIn);
  accessToken = signedIn.accessToken;
  accessTokenDeadline = Date.now() + lifetime;
  writeMarker(signedIn.sessionExpiresAt);
  setState({ status: 'signed-in', user: signedIn.user, sessionExpiresAt: new Date(signedIn.sessionExpiresAt) });
  schedule(lifetime - REFRESH_AHEAD_MS);
  for (const listener of tokenListeners) listener(signedIn.accessToken);
}

/** Forgets the session in this page (and tells the other tabs through the marker). */
function endSession(ended?: SessionEnd): void {
  epoch += 1;
  accessToken = null;
  accessTokenDeadline = 0;
  clearTimer();
  writeMarker(null);
  setState(ended ? { status: 'anonymous', ended } : { status: 'anonymous' });
}

// --- Refresh ---------------------------------------------------------------------------------------------

let refreshing: Promise<boolean> | null = null;

function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? (navigator as Partial<Navigator>).locks : undefined;
  if (locks && typeof locks.request === 'function') return locks.request(LOCK_NAME, task);
  return task();
}

async function performRefresh(): Promise<boolean> {
  const started = epoch;
  try {
    const active = activeSinceRefresh;
    activeSinceRefresh = false;
    const signedIn = await unwrap(
      publicApi.POST('/api/auth/refresh', active ? { headers: { 'X-Liaison-Activity': 'user' } } : {}),
    ).catch((error: unknown) => {
      if (!(error instanceof ApiError) || error.status === NETWORK_ERROR) activeSinceRefresh ||= active;
      throw error;
    });
    if (started !== epoch) return false;
    establishSession(signedIn);
    return true;
  } catch (error) {
    if (started !== epoch) return false;
    const status = error instanceof ApiError ? error.status : NETWORK_ERROR;
    if (status === 401 || status === 403) {
      // The session is over (idle, expired, revoked, signed out elsewhere): the sign-in page says which.
      const reason = error instanceof ApiError ? error.problem.reason : undefined;
      endSession(
        reason === 'idle' || reason === 'expired' ? reason : state.status === 'signed-in' ? 'ended' : undefined,
      );
      return false;
    }
    // Offline or server trouble: keep the session and try again shortly.
    if (state.status === 'restoring') setState({ status: 'anonymous' });
    else if (state.status === 'signed-in') schedule(RETRY_DELAY_MS);
    return false;
  }
}

/**
 * Trades the refresh cookie for a new access token. Concurrent callers in this page share one request;
 * other tabs wait for the lock. Resolves to whether the page is signed in afterwards.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= withRefreshLock(performRefresh).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

let restoring: Promise<boolean> | null = null;

/** Once, when the app starts: restores the session this browser may still hold. */
export function restoreSession(): Promise<boolean> {
  restoring ??= state.status === 'restoring' ? refreshSession() : Promise.resolve(state.status === 'signed-in');
  return restoring;
}

/** The access token, refreshed first if it is about to expire. */
async function freshToken(): Promise<void> {
  if (refreshing) await refreshing;
  if (state.status === 'signed-in' && accessTokenDeadline - Date.now() < REFRESH_AHEAD_MS) await refreshSession();
}

/** The access token to present in a socket handshake (refreshed first if it is about to expire), or null. */
export async function currentAccessToken(): Promise<string | null> {
  await freshToken();
  return accessToken;
}

// --- Sign-in and sign-out --------------------------------------------------------------------------------

export function startSignIn(email: string, password: string) {
  return unwrap(publicApi.POST('/api/auth/sign-in', { body: { email, password } }));
}

export async function completeSignIn(
  mfaToken: string,
  factor: { code: string } | { recoveryCode: string },
): Promise<void> {
  const signedIn = await unwrap(publicApi.POST('/api/auth/sign-in/verify', { body: { mfaToken, ...factor } }));
  establishSession(signedIn);
}

/** The account changed (profile saved): the session now shows the new details. */
export function updateUser(user: User): void {
  if (state.status === 'signed-in') setState({ ...state, user });
}

/** The server says the session is over (revoked, ended elsewhere): forget it here, without asking the API. */
export function sessionEnded(): void {
  if (state.status !== 'anonymous') endSession();
}

/** Ends the session on the server (best effort) and in this browser. */
export async function signOut(): Promise<void> {
  try {
    await freshToken();
    if (accessToken) await unwrap(api.POST('/api/auth/sign-out'));
  } catch {
    // Already ended on the server, or unreachable: forget it here all the same.
  } finally {
    endSession();
  }
}

// --- Browser events --------------------------------------------------------------------------------------

if (typeof window !== 'undefined') {
  // What the person does, as opposed to the page's own timers, keeps the session from going idle.
  for (const event of ['pointerdown', 'keydown'] as const) {
    window.addEventListener(event, () => (activeSinceRefresh = true), { capture: true, passive: true });
  }
  // Timers are throttled in background tabs: check again when the tab comes back.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || state.status !== 'signed-in') return;
    if (accessTokenDeadline - Date.now() < REFRESH_AHEAD_MS) void refreshSession();
  });
  // Another tab signed out (or found the session over): the session is shared, so it is over here too.
  window.addEventListener('storage', (event) => {
    if ((event.key === MARKER_KEY || event.key === null) && !mayHaveSession() && state.status === 'signed-in') {
      endSession();
    }
  });
}
