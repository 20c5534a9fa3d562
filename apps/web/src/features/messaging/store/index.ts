/**
 * Messaging in the page: the inbox store (`./inbox.ts`) and the shared client sync module
 * (`@liaison/contracts`, one per realtime socket through `./sync-holder.ts`), wired to the API, the
 * session and the realtime connection.
 *
 * - `startMessaging()` once at start (main.tsx, after startRealtime).
 * - `useInbox()`: the open threads and their unread total (the "Messages" badge), and `revision`.
 * - `useThreadMessages(threadId)`: the messages the sync module holds for a watched thread.
 * - `threadSync.watch/unwatch/send`.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { SendRefused, type SyncSocket, ThreadSync } from '@liaison/contracts';
import type { AckProblem, MessageView, SyncResult, ThreadView } from '@liaison/contracts';
import { api, unwrap } from '../../../api/client';
import { onResync, realtime } from '../../../realtime';
import { getSession, subscribe } from '../../../session';
import { createInbox, type InboxSnapshot } from './inbox';
import { createSyncHolder } from './sync-holder';
import { myNetworksQuery } from '../../../api/queries';
import { queryClient } from '../../../api/query-client';

export type { AckProblem, MessageView, ThreadView };
export type { InboxSnapshot } from './inbox';

/** How long to wait for the server to acknowledge a room join or a sync. */
const ACK_MS = 10_000;
/** Threads one `thread.sync` may name. */
const SYNC_BATCH = 100;

export const threadSync = createSyncHolder(
  { socket: () => realtime.socket, subscribe: (listener) => realtime.subscribe(listener) },
  (socket, onChange) => new ThreadSync(socket as unknown as SyncSocket, { onChange }),
);

function userId(): string | null {
  const session = getSession();
  return session.status === 'signed-in' ? session.user.id : null;
}

function onOnline(listener: () => void): () => void {
  let state = realtime.getSnapshot().state;
  return realtime.subscribe(() => {
    const next = realtime.getSnapshot().state;
    if (next === 'online' && state !== 'online') listener();
    state = next;
  });
}

export const inbox = createInbox(
  {
    threads: async () =>
      (await unwrap(api.GET('/api/threads', { params: { query: { archived: false, limit: 100 } } }))).items,
    networks: async () => (await queryClient.fetchQuery(myNetworksQuery())).map((network) => network.id),
  },
  {
    userId,
    subscribeSession: subscribe,
    onEvent: (listener) => {
      const unsubscribers = [
        realtime.on('message.created', (message) => listener({ type: 'message', threadId: message.threadId })),
        realtime.on('message.deleted', (message) => listener({ type: 'message', threadId: message.threadId })),
        realtime.on('thread.updated', ({ threadId }) => listener({ type: 'thread', threadId })),
        realtime.on('thread.participant-added', ({ threadId }) => listener({ type: 'thread', threadId })),
        realtime.on('thread.participant-removed', ({ threadId }) => listener({ type: 'thread', threadId })),
        realtime.on('thread.read', ({ threadId, userId: reader }) =>
          listener({ type: 'read', threadId, userId: reader }),
        ),
      ];
      return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
    },
    onResync: (listener) => onResync(() => listener()),
    onOnline,
    joinThreads: async (threads) => {
      const socket = realtime.socket;
      if (!socket) return false;
      let missed = false;
      for (let start = 0; start < threads.length; start += SYNC_BATCH) {
        const answer = (await socket
          .timeout(ACK_MS)
          .emitWithAck('thread.sync', { threads: threads.slice(start, start + SYNC_BATCH) })) as {
          results: SyncResult[];
        };
        missed ||= answer.results.some((result) => result.ok && result.messages.length > 0);
      }
      return missed;
    },
    joinNetworks: (networkIds) => {
      const socket = realtime.socket;
      for (const id of networkIds)
        socket?.timeout(ACK_MS).emit('room.join', { room: `network:${id}` }, () => undefined);
    },
  },
);

/** Once, at start (after startRealtime): follow the session and the socket from now on. */
export function startMessaging(): void {
  threadSync.start();
  inbox.start();
}

export function useInbox(): InboxSnapshot {
  return useSyncExternalStore(inbox.subscribe, inbox.getSnapshot);
}

/** The messages held for a watched thread, in seq order. */
export function useThreadMessages(threadId: string): readonly MessageView[] {
  const subscribeThread = useCallback(
    (listener: () => void) =>
      threadSync.subscribe((changed) => {
        if (changed === null || changed === threadId) listener();
      }),
    [threadId],
  );
  return useSyncExternalStore(subscribeThread, () => threadSync.messages(threadId));
}

/** The problem of a send the server refused for good, if that is what `error` is. */
export function refusalOf(error: unknown): AckProblem | null {
  return error instanceof SendRefused ? error.problem : null;
}

/** A new client id for a message (reused on every retry of it). */
export function newClientId(): string {
  return crypto.randomUUID();
}
