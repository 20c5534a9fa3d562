/**
 * The page's cache of server state (TanStack Query). What keeps it true:
 *  - a screen's parts share one request per key (`./query-keys.ts`): a fetch counts as fresh for a few
 *    seconds, and an entry nobody shows is dropped as soon, so moving to a page fetches what it shows;
 *  - socket events mark the entries they change stale (`startQueryCache`), and active ones refetch;
 *  - on every resync (the realtime connection came back, or the server lost events), every entry is stale:
 *    what is on screen refetches, the rest on its next use;
 *  - another user (or none) signed in: the cache is emptied, so nobody sees what the previous user saw.
 */
import { QueryClient } from '@tanstack/react-query';
import { onResync, realtime } from '../realtime';
import type { Realtime } from '../realtime/connection';
import { getSession, subscribe } from '../session';
import { queryKeys } from './query-keys';

/** How long a fetch serves the parts of a screen that mount after it (a screen renders in cascade). */
const FRESH_MS = 3_000;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: FRESH_MS,
        // A page left behind is forgotten as soon: coming back to it shows "loading" and fresh data, as the
        // app always did, never a copy that changed since.
        gcTime: FRESH_MS,
        // A refusal or a failure is shown with a "try again" button, as it always was: no silent retries.
        retry: false,
        refetchOnWindowFocus: false,
      },
    },
  });
}

export const queryClient = createQueryClient();

interface CacheSources {
  userId(): string | null;
  subscribeSession(listener: () => void): () => void;
  on: Realtime['on'];
  /** Events may have been missed: the connection came back, or the server lost some. */
  onResync(listener: () => void): () => void;
}

/** Keeps `client` in step with the session and the socket; returns the function that stops it. */
export function connectQueryCache(client: QueryClient, sources: CacheSources): () => void {
  let user = sources.userId();
  const refreshAll = () => void client.invalidateQueries();
  const unsubscribers = [
    sources.subscribeSession(() => {
      const next = sources.userId();
      if (next !== user) client.clear();
      user = next;
    }),
    sources.onResync(refreshAll),
    sources.on('thread.updated', ({ threadId }) => {
      void client.invalidateQueries({ queryKey: queryKeys.threads.one(threadId) });
      void client.invalidateQueries({ queryKey: queryKeys.threads.lists() });
    }),
    sources.on('thread.participant-added', ({ threadId }) =>
      client.invalidateQueries({ queryKey: queryKeys.threads.one(threadId) }),
    ),
    sources.on('thread.participant-removed', ({ threadId }) =>
      client.invalidateQueries({ queryKey: queryKeys.threads.one(threadId) }),
    ),
    // The triage queue's room (the secretariat): a ticket was filed or changed.
    sources.on('helpdesk.ticket-changed', ({ ticketId }) => {
      void client.invalidateQueries({ queryKey: queryKeys.helpdesk.lists() });
      void client.invalidateQueries({ queryKey: queryKeys.helpdesk.one(ticketId) });
    }),
    sources.on('notification.created', ({ notification }) => {
      // Added to a network: the networks one belongs to (and their forums) changed.
      if (notification.kind === 'network.member-added') {
        void client.invalidateQueries({ queryKey: queryKeys.networks.all() });
      }
    }),
  ];
  return () => unsubscribers.forEach((unsubscribe) => void unsubscribe());
}

let stop: (() => void) | null = null;

/** Once, at start (after startRealtime). */
export function startQueryCache(): void {
  stop ??= connectQueryCache(queryClient, {
    userId: () => {
      const session = getSession();
      return session.status === 'signed-in' ? session.user.id : null;
    },
    subscribeSession: subscribe,
    on: realtime.on,
    onResync: (listener) => onResync(() => listener()),
  });
}
