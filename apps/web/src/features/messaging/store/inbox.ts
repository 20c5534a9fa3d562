/**
 * The signed-in user's threads as the shell needs them: the open (not archived) threads they read, with the
 * total of their unread messages for the "Messages" badge, kept up to date live.
 *
 * To hear of new messages in every thread (not only the one open), the store joins each thread's room with
 * `thread.sync` at its last seq (what that answers is ignored: the list is fetched again) and each of the
 * user's networks' `network:` rooms (new forum threads). Any event that can change the list — a message
 * created or deleted, a thread created or moderated, the user's own read position, a participant added or
 * removed — fetches it again, once for a burst of events. `revision` goes up after each fetch, for the
 * pages that show lists of threads to fetch theirs again.
 *
 * Rooms are per connection: they are joined again after every reconnection (and the list fetched again).
 */
import type { ThreadView } from '@liaison/contracts';

export interface InboxSnapshot {
  /** The open threads (newest activity first, pinned ones first), null until fetched. */
  threads: readonly ThreadView[] | null;
  /** Unread messages in them, in all. */
  unread: number | null;
  /** The last fetch failed (what was shown stays). */
  failed: boolean;
  /** Goes up after every fetch. */
  revision: number;
}

export interface InboxApi {
  /** The open threads the user reads (one page: the newest). */
  threads(): Promise<ThreadView[]>;
  /** The ids of the user's networks. */
  networks(): Promise<string[]>;
}

/** What changes the list; only the user's own reads do. */
export type InboxEvent =
  | { type: 'message'; threadId: string }
  | { type: 'thread'; threadId: string }
  | { type: 'read'; threadId: string; userId: string };

export interface InboxSources {
  userId(): string | null;
  subscribeSession(listener: () => void): () => void;
  onEvent(listener: (event: InboxEvent) => void): () => void;
  /** The server lost events: fetch again. */
  onResync(listener: () => void): () => void;
  /** The realtime connection is (again) online: its rooms are to be joined again. */
  onOnline(listener: () => void): () => void;
  /**
   * Joins the rooms of these threads (on the current connection); resolves to whether messages came after
   * the seqs given (sent between the fetch and the joining: the list is then fetched again).
   */
  joinThreads(threads: { threadId: string; lastSeq: number }[]): Promise<boolean>;
  joinNetworks(networkIds: string[]): void;
}

export interface Inbox {
  getSnapshot(): InboxSnapshot;
  subscribe(listener: () => void): () => void;
  /** Fetches the list again (calls made meanwhile share it, and one more fetch follows). */
  refresh(): Promise<void>;
  start(): void;
  stop(): void;
}

const EMPTY: InboxSnapshot = { threads: null, unread: null, failed: false, revision: 0 };

export function createInbox(api: InboxApi, sources: InboxSources, options: { delayMs?: number } = {}): Inbox {
  const delayMs = options.delayMs ?? 250;
  let snapshot: InboxSnapshot = EMPTY;
  let user: string | null = null;
  /** Bumped at every change of user (answers for an earlier one are dropped). */
  let epoch = 0;
  /** Rooms joined on the current connection. */
  let joined = new Set<string>();
  let fetching: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribers: (() => void)[] = [];
  const listeners = new Set<() => void>();

  function set(patch: Partial<InboxSnapshot>): void {
    snapshot = { ...snapshot, ...patch };
    for (const listener of listeners) listener();
  }

  function join(threads: readonly ThreadView[]): void {
    const fresh = threads.filter((thread) => !joined.has(thread.id));
    if (fresh.length === 0) return;
    for (const thread of fresh) joined.add(thread.id);
    const mine = epoch;
    sources.joinThreads(fresh.map((thread) => ({ threadId: thread.id, lastSeq: thread.lastSeq }))).then(
      (missed) => {
        if (missed && mine === epoch) later();
      },
      () => undefined,
    );
  }

  async function fetchLoop(): Promise<void> {
    const mine = epoch;
    do {
      again = false;
      let threads: ThreadView[];
      try {
        threads = await api.threads();
      } catch {
        if (mine === epoch) set({ failed: true });
        return;
      }
      if (mine !== epoch) return;
      if (again) continue;
      set({
        threads,
        unread: threads.reduce((sum, thread) => sum + thread.unread, 0),
        failed: false,
        revision: snapshot.revision + 1,
      });
      join(threads);
    } while (again && mine === epoch);
  }

  function refresh(): Promise<void> {
    if (user === null) return Promise.resolve();
    if (fetching) {
      again = true;
      return fetching;
    }
    const running = fetchLoop().finally(() => {
      if (fetching === running) fetching = null;
    });
    fetching = running;
    return running;
  }

  /** A burst of events makes one fetch. */
  function later(): void {
    if (user === null || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, delayMs);
  }

  function joinNetworks(): void {
    const mine = epoch;
    api.networks().then(
      (ids) => {
        if (mine !== epoch) return;
        const fresh = ids.filter((id) => !joined.has(`network:${id}`));
        for (const id of fresh) joined.add(`network:${id}`);
        if (fresh.length > 0) sources.joinNetworks(fresh);
      },
      () => undefined,
    );
  }

  function onEvent(event: InboxEvent): void {
    if (user === null) return;
    if (event.type === 'read' && event.userId !== user) return;
    later();
  }

  /** A new connection: no room is joined on it yet. */
  function online(): void {
    joined = new Set();
    if (user === null) return;
    joinNetworks();
    void refresh();
  }

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function follow(): void {
    const next = sources.userId();
    if (next === user) return;
    user = next;
    epoch += 1;
    again = false;
    fetching = null;
    joined = new Set();
    clearTimer();
    set({ ...EMPTY, revision: snapshot.revision + 1 });
    if (user !== null) {
      joinNetworks();
      void refresh();
    }
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    start() {
      if (unsubscribers.length > 0) return;
      unsubscribers = [
        sources.subscribeSession(follow),
        sources.onEvent(onEvent),
        sources.onResync(() => void refresh()),
        sources.onOnline(online),
      ];
      follow();
    },
    stop() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers = [];
      user = null;
      epoch += 1;
      clearTimer();
      set({ ...EMPTY, revision: snapshot.revision + 1 });
    },
  };
}
