/**
 * The signed-in user's notifications as the page knows them, apart from the page (the API calls, the
 * session and the realtime events are given to it, so that it can be tested with fakes). `./index.ts`
 * wires it to the page.
 *
 * - While a user is signed in: their unread count and their newest notifications (for the bell), fetched
 *   at sign-in, whenever the realtime connection comes (back) online and on every resync signal, so that
 *   a page that was disconnected catches up with what it missed.
 * - `notification.created` adds the new one at once, with the count the server sent along.
 * - `notification.read` (this or another tab read something) takes the server's count; when it does not
 *   match what this page expects, the lists are fetched again.
 * - Reading here is shown at once (`readIds`, `allReadUpTo`) and confirmed by the API's answer.
 * - `revision` goes up when a fetch found something the page had missed: the notifications page fetches
 *   its list again then. `arrived` holds what came live since, for that page to show above its list.
 *
 * This file imports types only.
 */
import type { NotificationView } from '@liaison/contracts';

export type { NotificationView };

export interface NotificationsSnapshot {
  /** The unread count; null until it is known (and while signed out). */
  unread: number | null;
  /** The newest notifications, newest first (for the bell); null until fetched. */
  latest: readonly NotificationView[] | null;
  /** The last fetch failed (what was shown stays). */
  failed: boolean;
  /** Notifications that arrived live, newest first. */
  arrived: readonly NotificationView[];
  /** Read since they were fetched (here, or known from another tab). */
  readIds: ReadonlySet<string>;
  /** Every notification created up to this instant is read ("mark all read"). */
  allReadUpTo: string | null;
  /** Goes up when the lists shown elsewhere should be fetched again. */
  revision: number;
}

/** What the store needs from the API. */
export interface NotificationsApi {
  latest(limit: number): Promise<{ items: NotificationView[] }>;
  unreadCount(): Promise<number>;
  /** Each resolves to the unread count after it. */
  markRead(id: string): Promise<number>;
  markAllRead(): Promise<number>;
}

/** What the store listens to: the session and the realtime connection. Each returns its unsubscribe function. */
export interface NotificationsSources {
  userId(): string | null;
  subscribeSession(listener: () => void): () => void;
  onCreated(listener: (event: { notification: NotificationView; unread: number }) => void): () => void;
  onRead(listener: (event: { unread: number }) => void): () => void;
  /** The server lost events, or the page was disconnected: fetch again. */
  onResync(listener: () => void): () => void;
  /** The realtime connection is (again) online. */
  onOnline(listener: () => void): () => void;
}

export interface Notifications {
  getSnapshot(): NotificationsSnapshot;
  subscribe(listener: () => void): () => void;
  /** Fetches the count and the newest notifications again (calls made meanwhile share it). */
  refresh(): Promise<void>;
  /** Marks one read (shown at once); rejects, after undoing it, if the API refused. */
  markRead(notification: NotificationView): Promise<void>;
  /** Marks every notification read; `newestShown` is the newest one the caller shows. */
  markAllRead(newestShown?: string | null): Promise<void>;
  /** Follows the session from now on (idempotent). */
  start(): void;
  stop(): void;
}

/** How many the bell shows. */
export const LATEST = 10;
/** How many live arrivals are kept for the notifications page. */
const ARRIVED_MAX = 100;
/** A fetch that overlapped a live event is made again, this many times at most. */
const ROUNDS = 3;

const EMPTY: NotificationsSnapshot = {
  unread: null,
  latest: null,
  failed: false,
  arrived: [],
  readIds: new Set(),
  allReadUpTo: null,
  revision: 0,
};

/** Whether a notification is read, as far as this page knows. */
export function isRead(
  snapshot: Pick<NotificationsSnapshot, 'readIds' | 'allReadUpTo'>,
  notification: NotificationView,
): boolean {
  return (
    notification.readAt !== null ||
    snapshot.readIds.has(notification.id) ||
    (snapshot.allReadUpTo !== null && notification.createdAt <= snapshot.allReadUpTo)
  );
}

/** The list without later repeats of an id. */
function unique(list: readonly NotificationView[]): NotificationView[] {
  const seen = new Set<string>();
  return list.filter((entry) => {
    if (seen.has(entry.id)) return false;
    seen.add(entry.id);
    return true;
  });
}

function newest(...instants: (string | null | undefined)[]): string | null {
  return instants.reduce<string | null>(
    (max, instant) => (instant && (max === null || instant > max) ? instant : max),
    null,
  );
}

/** What the bell shows, to tell whether a fetch found anything new. */
function signature(snapshot: NotificationsSnapshot): string {
  return `${snapshot.unread}|${(snapshot.latest ?? []).map((entry) => `${entry.id}:${isRead(snapshot, entry) ? 'r' : 'u'}`).join(',')}`;
}

export function createNotifications(api: NotificationsApi, sources: NotificationsSources): Notifications {
  let snapshot: NotificationsSnapshot = EMPTY;
  /** The user the state is for. */
  let user: string | null = null;
  /** Bumped at every change of user: answers for an earlier one are dropped. */
  let epoch = 0;
  /** Live events seen: a fetch that overlapped one may be stale, and is made again. */
  let events = 0;
  let fetching: Promise<void> | null = null;
  let again = false;
  let unsubscribers: (() => void)[] = [];
  const listeners = new Set<() => void>();

  function set(patch: Partial<NotificationsSnapshot>): void {
    snapshot = { ...snapshot, ...patch };
    for (const listener of listeners) listener();
  }

  /** The newest instant this page knows a notification of. */
  function newestKnown(): string | null {
    return newest(snapshot.latest?.[0]?.createdAt, snapshot.arrived[0]?.createdAt);
  }

  function apply(unread: number, items: NotificationView[]): void {
    const top = items[0]?.createdAt ?? null;
    // Arrived during the fetch, after what it returned.
    const later = snapshot.arrived.filter((entry) => top === null || entry.createdAt > top);
    const next: NotificationsSnapshot = {
      ...snapshot,
      unread,
      latest: unique([...later, ...items]).slice(0, LATEST),
      failed: false,
    };
    const missed = snapshot.latest !== null && signature(next) !== signature(snapshot);
    set(missed ? { ...next, revision: snapshot.revision + 1 } : next);
  }

  async function fetchRounds(): Promise<void> {
    const mine = epoch;
    for (let round = 1; round <= ROUNDS; round++) {
      again = false;
      const seen = events;
      let result: [number, { items: NotificationView[] }];
      try {
        result = await Promise.all([api.unreadCount(), api.latest(LATEST)]);
      } catch {
        if (mine === epoch) set({ failed: true });
        return;
      }
      if (mine !== epoch) return;
      // Something happened while the answers travelled: they may be older than it. Ask again.
      if ((events !== seen || again) && round < ROUNDS) continue;
      apply(result[0], result[1].items);
      return;
    }
  }

  function refresh(): Promise<void> {
    if (user === null) return Promise.resolve();
    if (fetching) {
      again = true;
      return fetching;
    }
    const running = fetchRounds().finally(() => {
      if (fetching === running) fetching = null;
    });
    fetching = running;
    return running;
  }

  function onCreated({ notification, unread }: { notification: NotificationView; unread: number }): void {
    events += 1;
    if (user === null) return;
    set({
      unread,
      latest: snapshot.latest && unique([notification, ...snapshot.latest]).slice(0, LATEST),
      arrived: unique([notification, ...snapshot.arrived]).slice(0, ARRIVED_MAX),
    });
  }

  function onRead({ unread }: { unread: number }): void {
    events += 1;
    if (user === null || unread === snapshot.unread) return;
    if (unread === 0) {
      // Everything is read: no need to ask which.
      set({ unread, allReadUpTo: newest(snapshot.allReadUpTo, newestKnown()) });
      return;
    }
    // Read elsewhere, and not what this page expected: which ones is in the lists.
    set({ unread });
    void refresh();
  }

  async function markRead(notification: NotificationView): Promise<void> {
    if (isRead(snapshot, notification)) return;
    const mine = epoch;
    set({
      readIds: new Set(snapshot.readIds).add(notification.id),
      unread: snapshot.unread === null ? null : Math.max(0, snapshot.unread - 1),
    });
    try {
      const unread = await api.markRead(notification.id);
      if (mine === epoch) set({ unread });
    } catch (error) {
      if (mine === epoch) {
        const readIds = new Set(snapshot.readIds);
        readIds.delete(notification.id);
        set({ readIds });
        void refresh();
      }
      throw error;
    }
  }

  async function markAllRead(newestShown: string | null = null): Promise<void> {
    const mine = epoch;
    const before = snapshot.allReadUpTo;
    const unreadBefore = snapshot.unread;
    set({ unread: 0, allReadUpTo: newest(before, newestKnown(), newestShown) });
    try {
      const unread = await api.markAllRead();
      if (mine === epoch) set({ unread });
    } catch (error) {
      if (mine === epoch) {
        set({ allReadUpTo: before, unread: unreadBefore });
        void refresh();
      }
      throw error;
    }
  }

  /** Follows the session: a fresh state for each user, none while signed out. */
  function follow(): void {
    const next = sources.userId();
    if (next === user) return;
    user = next;
    epoch += 1;
    again = false;
    fetching = null;
    set({ ...EMPTY, revision: snapshot.revision + 1 });
    if (user !== null) void refresh();
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    markRead,
    markAllRead,
    start() {
      if (unsubscribers.length > 0) return;
      const refreshNow = () => void refresh();
      unsubscribers = [
        sources.subscribeSession(follow),
        sources.onCreated(onCreated),
        sources.onRead(onRead),
        sources.onResync(refreshNow),
        sources.onOnline(refreshNow),
      ];
      follow();
    },
    stop() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers = [];
      user = null;
      epoch += 1;
      set({ ...EMPTY, revision: snapshot.revision + 1 });
    },
  };
}
