/**
 * One shared client sync module (`ThreadSync`, libs/messaging/src/client) per realtime socket. The socket
 * changes at every sign-in: the holder then closes the old module, makes one for the new socket and watches
 * the open threads again from where their views started, so that nothing is lost or shown twice.
 *
 * Views read a thread's held messages through `messages(threadId)`, a snapshot that stays the same object
 * until the thread changes (for useSyncExternalStore), and hear of changes through `subscribe`.
 */
import type { ThreadSync } from '@liaison/contracts';
import type { MessageView } from '@liaison/contracts';

export type SyncLike = Pick<ThreadSync, 'watch' | 'unwatch' | 'messages' | 'lastSeq' | 'send' | 'close'>;

export interface SyncHolderSources<S> {
  /** The current socket (null when signed out). */
  socket(): S | null;
  /** Calls back whenever the socket may have changed. */
  subscribe(listener: () => void): () => void;
}

export interface SyncHolder {
  /** Follows the socket from now on (idempotent). */
  start(): void;
  stop(): void;
  /** Holds a thread's messages after `fromSeq` (kept across socket changes until `unwatch`); resolves once fetched. */
  watch(threadId: string, fromSeq: number): Promise<void>;
  unwatch(threadId: string): void;
  /** The held messages in seq order: the same array until the thread changes. */
  messages(threadId: string): readonly MessageView[];
  /** The last seq held (or the starting point while nothing is). */
  lastSeq(threadId: string): number;
  /** Sends through the current socket's module; rejects when there is none. */
  send(threadId: string, body: string, options: { clientId: string; mentions?: string[] }): Promise<MessageView>;
  /** Calls back when a thread's held messages changed (or the module was replaced). */
  subscribe(listener: (threadId: string | null) => void): () => void;
}

const EMPTY: readonly MessageView[] = [];

export class NotConnected extends Error {
  constructor() {
    super('no realtime connection');
    this.name = 'NotConnected';
  }
}

export function createSyncHolder<S>(
  sources: SyncHolderSources<S>,
  make: (socket: S, onChange: (threadId: string) => void) => SyncLike,
): SyncHolder {
  let socket: S | null = null;
  let sync: SyncLike | null = null;
  let unsubscribe: (() => void) | null = null;
  /** The watched threads and where their views started. */
  const watched = new Map<string, number>();
  const snapshots = new Map<string, readonly MessageView[]>();
  const listeners = new Set<(threadId: string | null) => void>();

  function changed(threadId: string | null): void {
    if (threadId === null) snapshots.clear();
    else snapshots.delete(threadId);
    for (const listener of listeners) listener(threadId);
  }

  /** Makes sure the module is the current socket's. */
  function follow(): void {
    const next = sources.socket();
    if (next === socket) return;
    sync?.close();
    socket = next;
    const made =
      next === null
        ? null
        : make(next, (threadId) => {
            if (sync === made) changed(threadId);
          });
    sync = made;
    if (made) for (const [threadId, fromSeq] of watched) void made.watch(threadId, fromSeq);
    changed(null);
  }

  return {
    start() {
      if (unsubscribe) return;
      unsubscribe = sources.subscribe(follow);
      follow();
    },
    stop() {
      unsubscribe?.();
      unsubscribe = null;
      sync?.close();
      sync = null;
      socket = null;
      changed(null);
    },
    watch(threadId, fromSeq) {
      follow();
      if (!watched.has(threadId)) watched.set(threadId, fromSeq);
      return sync ? sync.watch(threadId, watched.get(threadId)) : Promise.resolve();
    },
    unwatch(threadId) {
      watched.delete(threadId);
      sync?.unwatch(threadId);
      snapshots.delete(threadId);
    },
    messages(threadId) {
      let snapshot = snapshots.get(threadId);
      if (!snapshot) {
        snapshot = sync && watched.has(threadId) ? sync.messages(threadId) : EMPTY;
        snapshots.set(threadId, snapshot);
      }
      return snapshot;
    },
    lastSeq(threadId) {
      return sync && watched.has(threadId) ? sync.lastSeq(threadId) : (watched.get(threadId) ?? 0);
    },
    send(threadId, body, options) {
      follow();
      if (!sync) return Promise.reject(new NotConnected());
      return sync.send(threadId, body, options);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
