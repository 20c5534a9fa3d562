import { describe, expect, it } from '@jest/globals';
import type { NotificationView } from '@liaison/contracts';
import { createNotifications, isRead, type NotificationsApi, type NotificationsSources } from './store';

type Created = { notification: NotificationView; unread: number };

let sequence = 0;
function notification(overrides: Partial<NotificationView> = {}): NotificationView {
  sequence += 1;
  return {
    id: `n${sequence}`,
    kind: 'network.member-added',
    network: { id: 'net', name: 'Ocean network' },
    actor: { id: 'admin', displayName: 'Amina' },
    reference: null,
    link: '/profile',
    createdAt: new Date(Date.UTC(2026, 10, 1, 12, 0, sequence)).toISOString(),
    readAt: null,
    ...overrides,
  };
}

/** A promise the test settles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The API as a list of notifications on the server, answering at once unless `hold` is set. */
class FakeApi implements NotificationsApi {
  server: NotificationView[] = [];
  calls: string[] = [];
  hold: ReturnType<typeof deferred<void>> | null = null;
  fail = false;

  private unreadNow() {
    return this.server.filter((entry) => entry.readAt === null).length;
  }

  private async gate() {
    if (this.hold) await this.hold.promise;
    if (this.fail) throw new Error('offline');
  }

  async latest(limit: number) {
    this.calls.push('latest');
    const items = this.server.slice(0, limit).map((entry) => ({ ...entry }));
    await this.gate();
    return { items };
  }

  async unreadCount() {
    this.calls.push('count');
    const unread = this.unreadNow();
    await this.gate();
    return unread;
  }

  async markRead(id: string) {
    this.calls.push(`read ${id}`);
    await this.gate();
    for (const entry of this.server) if (entry.id === id) entry.readAt ??= '2026-11-02T00:00:00.000Z';
    return this.unreadNow();
  }

  async markAllRead() {
    this.calls.push('read all');
    await this.gate();
    for (const entry of this.server) entry.readAt ??= '2026-11-02T00:00:00.000Z';
    return this.unreadNow();
  }

  /** A new notification on the server; returns the event the realtime connection would carry. */
  create(overrides: Partial<NotificationView> = {}): Created {
    const created = notification(overrides);
    this.server.unshift(created);
    return { notification: created, unread: this.unreadNow() };
  }
}

/** The session and the realtime connection, driven by the test. */
class FakeSources implements NotificationsSources {
  user: string | null = 'u1';
  private readonly session = new Set<() => void>();
  private readonly created = new Set<(event: Created) => void>();
  private readonly read = new Set<(event: { unread: number }) => void>();
  private readonly resync = new Set<() => void>();
  private readonly online = new Set<() => void>();

  userId = () => this.user;
  subscribeSession = (listener: () => void) => add(this.session, listener);
  onCreated = (listener: (event: Created) => void) => add(this.created, listener);
  onRead = (listener: (event: { unread: number }) => void) => add(this.read, listener);
  onResync = (listener: () => void) => add(this.resync, listener);
  onOnline = (listener: () => void) => add(this.online, listener);

  signIn(user: string | null) {
    this.user = user;
    for (const listener of this.session) listener();
  }
  emitCreated(event: Created) {
    for (const listener of this.created) listener(event);
  }
  emitRead(unread: number) {
    for (const listener of this.read) listener({ unread });
  }
  emitResync() {
    for (const listener of this.resync) listener();
  }
  emitOnline() {
    for (const listener of this.online) listener();
  }
  get listeners() {
    return this.session.size + this.created.size + this.read.size + this.resync.size + this.online.size;
  }
}

function add<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

async function setup(existing = 0) {
  const api = new FakeApi();
  for (let i = 0; i < existing; i++) api.create();
  const sources = new FakeSources();
  const store = createNotifications(api, sources);
  store.start();
  await flush();
  return { api, sources, store };
}

describe('notifications store', () => {
  it('fetches the count and the newest notifications at sign-in, and forgets them at sign-out', async () => {
    const { api, sources, store } = await setup(12);
    expect(store.getSnapshot().unread).toBe(12);
    expect(store.getSnapshot().latest).toHaveLength(10);
    expect(store.getSnapshot().latest?.[0].id).toBe(api.server[0].id);

    sources.signIn(null);
    expect(store.getSnapshot()).toMatchObject({ unread: null, latest: null, arrived: [] });

    const revision = store.getSnapshot().revision;
    sources.signIn('u2');
    await flush();
    expect(store.getSnapshot().unread).toBe(12);
    // Another user: the notifications page starts again.
    expect(store.getSnapshot().revision).toBeGreaterThan(revision);
  });

  it('adds a notification that arrives live, with the count the server sent', async () => {
    const { api, sources, store } = await setup(1);
    const event = api.create();
    sources.emitCreated(event);
    const snapshot = store.getSnapshot();
    expect(snapshot.unread).toBe(2);
    expect(snapshot.latest?.map((entry) => entry.id)).toEqual([event.notification.id, api.server[1].id]);
    expect(snapshot.arrived.map((entry) => entry.id)).toEqual([event.notification.id]);
    // The same event twice (two sockets, a replay) shows once.
    sources.emitCreated(event);
    expect(store.getSnapshot().latest).toHaveLength(2);
  });

  it('catches up when the connection comes back: what was missed is fetched, and the page is told', async () => {
    const { api, sources, store } = await setup(1);
    const revision = store.getSnapshot().revision;

    // Nothing missed: nothing for the page to fetch again.
    sources.emitOnline();
    await flush();
    expect(store.getSnapshot().revision).toBe(revision);

    // Created while disconnected: no event came.
    api.create();
    sources.emitOnline();
    sources.emitResync();
    await flush();
    expect(store.getSnapshot().unread).toBe(2);
    expect(store.getSnapshot().latest?.[0].id).toBe(api.server[0].id);
    expect(store.getSnapshot().revision).toBe(revision + 1);
  });

  it('fetches again when an event arrived while its answers were on their way', async () => {
    const { api, sources, store } = await setup(1);
    api.hold = deferred<void>();
    const refreshing = store.refresh();
    // The answers were taken before this notification, and come back after its event.
    const event = api.create();
    sources.emitCreated(event);
    api.hold.resolve();
    api.hold = null;
    await refreshing;
    expect(store.getSnapshot().unread).toBe(2);
    expect(store.getSnapshot().latest?.map((entry) => entry.id)).toContain(event.notification.id);
    expect(api.calls.filter((call) => call === 'count')).toHaveLength(3);
  });

  it('marks one read at once, and takes the API’s count', async () => {
    const { api, sources, store } = await setup(2);
    const [first] = store.getSnapshot().latest ?? [];
    const marking = store.markRead(first);
    expect(isRead(store.getSnapshot(), first)).toBe(true);
    expect(store.getSnapshot().unread).toBe(1);
    await marking;
    expect(api.calls).toContain(`read ${first.id}`);
    // The server tells every tab, this one too: it is what this page expected, so nothing is fetched.
    const fetches = api.calls.length;
    sources.emitRead(1);
    await flush();
    expect(api.calls.length).toBe(fetches);
    // Marking it again asks nothing.
    await store.markRead(first);
    expect(api.calls.length).toBe(fetches);
  });

  it('undoes a mark that the API refused', async () => {
    const { api, store } = await setup(1);
    const [first] = store.getSnapshot().latest ?? [];
    api.fail = true;
    await expect(store.markRead(first)).rejects.toThrow('offline');
    expect(isRead(store.getSnapshot(), first)).toBe(false);
    // And the lists are fetched again (which fails too, here).
    await flush();
    expect(store.getSnapshot().failed).toBe(true);
  });

  it('marks all read, including what the caller shows from further down', async () => {
    const { store } = await setup(3);
    const older = notification({ createdAt: '2026-01-01T00:00:00.000Z' });
    await store.markAllRead();
    const snapshot = store.getSnapshot();
    expect(snapshot.unread).toBe(0);
    expect(snapshot.latest?.every((entry) => isRead(snapshot, entry))).toBe(true);
    expect(isRead(snapshot, older)).toBe(true);
    // One that comes later is unread.
    expect(isRead(snapshot, notification({ createdAt: '2027-01-01T00:00:00.000Z' }))).toBe(false);
  });

  it('follows another tab: all read at once, or a fetch when it read some', async () => {
    const { api, sources, store } = await setup(3);
    // Another tab read one: which one is in the lists.
    const read = api.server[1];
    read.readAt = '2026-11-02T00:00:00.000Z';
    sources.emitRead(2);
    await flush();
    const snapshot = store.getSnapshot();
    expect(snapshot.unread).toBe(2);
    expect(snapshot.latest?.find((entry) => entry.id === read.id)?.readAt).not.toBeNull();
    expect(snapshot.revision).toBeGreaterThan(0);

    // Another tab read them all: no need to ask.
    const calls = api.calls.length;
    sources.emitRead(0);
    expect(api.calls.length).toBe(calls);
    expect(store.getSnapshot().latest?.every((entry) => isRead(store.getSnapshot(), entry))).toBe(true);
  });

  it('keeps what it had when a fetch fails, and stops listening when stopped', async () => {
    const { api, sources, store } = await setup(2);
    api.fail = true;
    await store.refresh();
    expect(store.getSnapshot()).toMatchObject({ unread: 2, failed: true });
    expect(store.getSnapshot().latest).toHaveLength(2);
    api.fail = false;
    await store.refresh();
    expect(store.getSnapshot().failed).toBe(false);

    store.stop();
    expect(sources.listeners).toBe(0);
    expect(store.getSnapshot().unread).toBeNull();
  });
});
