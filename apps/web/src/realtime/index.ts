/**
 * The realtime connection of the page: a socket.io socket to the API's own origin while a user is signed
 * in (see `./connection.ts` for what it does when refused, disconnected or given a new token).
 *
 * - `startRealtime()` once at start (main.tsx): from then on the socket follows the session.
 * - `useConnectionState()`: `online`, `reconnecting` or `offline`, for the shell's indicator.
 * - `onResync(listener)`: fetch again what the page shows, because events may have been missed.
 * - `realtime.on(event, listener)`: a server event, on this socket and those of later sign-ins;
 *   `realtime.socket` is the current socket, typed with the server's event map.
 */
import { useSyncExternalStore } from 'react';
import { io } from 'socket.io-client';
import { SOCKET_PATH } from '@liaison/contracts';
import { currentAccessToken, getSession, onAccessToken, refreshSession, sessionEnded, subscribe } from '../session';
import { type ConnectionSnapshot, type ConnectionState, createRealtime, type ResyncEvent } from './connection';

export type { ConnectionSnapshot, ConnectionState, RealtimeSocket, ResyncEvent } from './connection';

export const realtime = createRealtime(
  {
    userId: () => {
      const session = getSession();
      return session.status === 'signed-in' ? session.user.id : null;
    },
    subscribe,
    onToken: onAccessToken,
    token: currentAccessToken,
    refresh: refreshSession,
    end: sessionEnded,
  },
  // The page's own origin; WebSocket only (no long-polling, so no sticky sessions are needed).
  (options) => io({ ...options, path: SOCKET_PATH, transports: ['websocket'] }),
);

/** Once, at start: connect while a user is signed in, from now on. */
export function startRealtime(): void {
  realtime.start();
}

export function getConnectionState(): ConnectionState {
  return realtime.getSnapshot().state;
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(realtime.subscribe, getConnectionState);
}

/** The state and whether the socket has connected since sign-in (for the indicator's wording). */
export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(realtime.subscribe, realtime.getSnapshot);
}

// --- What the indicator shows ------------------------------------------------------------------------------

/** A drop shorter than this is not shown: a refused token reconnects at once, and a blip is no news. */
const GRACE_MS = 1_500;
let shown: ConnectionSnapshot = realtime.getSnapshot();
let graceTimer: number | undefined;
const shownListeners = new Set<() => void>();

function show(next: ConnectionSnapshot): void {
  if (next === shown) return;
  shown = next;
  for (const listener of shownListeners) listener();
}

realtime.subscribe(() => {
  const next = realtime.getSnapshot();
  if (graceTimer !== undefined) window.clearTimeout(graceTimer);
  graceTimer = undefined;
  if (next.state === 'reconnecting' && shown.state === 'online') {
    graceTimer = window.setTimeout(() => {
      graceTimer = undefined;
      show(realtime.getSnapshot());
    }, GRACE_MS);
  } else {
    show(next);
  }
});

function subscribeShown(listener: () => void): () => void {
  shownListeners.add(listener);
  return () => shownListeners.delete(listener);
}

/** The connection as the indicator shows it: like useConnection(), but a drop shows only once it lasts. */
export function useShownConnection(): ConnectionSnapshot {
  return useSyncExternalStore(subscribeShown, () => shown);
}

/** Calls back when what the page shows may be stale; returns the unsubscribe function. */
export function onResync(listener: (event: ResyncEvent) => void): () => void {
  return realtime.onResync(listener);
}
