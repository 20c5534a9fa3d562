import { describe, expect, it } from '@jest/globals';
import type { ThreadView } from '@liaison/contracts';
import { createInbox, type InboxApi, type InboxEvent, type InboxSources } from './inbox';

function thread(id: string, overrides: Partial<ThreadView> = {}): ThreadView {
  return {
    id,
    kind: 'private',
    network: null,
    subject: `Subject ${id}`,
    unreadable: false,
    createdBy: { id: 'me', displayName: 'Me' },
    participants: [],
    pinned: false,
    locked: false,
    archived: false,
    lastSeq: 1,
    lastActivityAt: new Date(0).toISOString(),
    readSeq: 0,
    unread: 0,
    canModerate: false,
    canManageParticipants: true,
    ...overrides,
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class FakeApi implements InboxApi {
  server: ThreadView[] = [];
  fetches = 0;
  async threads() {
    this.fetches += 1;
    return this.server.map((entry) => ({ ...entry }));
  }
  async networks() {
    return ['net-1'];
  }
}

class FakeSources implements InboxSources {
  user: string | null = 'me';
  joinedThreads: { threadId: string; lastSeq: number }[][] = [];
  joinedNetworks: string[][] = [];
  missed = false;
  private session = new Set<() => void>();
  private events = new Set<(event: InboxEvent) => void>();
  private online = new Set<() => void>();

  userId = () => this.user;
  subscribeSession = (listener: () => void) => (this.session.add(listener), () => this.session.delete(listener));
  onEvent = (listener: (event: InboxEvent) => void) => (this.events.add(listener), () => this.events.delete(listener));
  onResync = () => () => undefined;
  onOnline = (listener: () => void) => (this.online.add(listener), () => this.online.delete(listener));
  joinThreads = async (threads: { threadId: string; lastSeq: number }[]) => {
    this.joinedThreads.push(threads);
    return this.missed;
  };
  joinNetworks = (ids: string[]) => void this.joinedNetworks.push(ids);

  fire(event: InboxEvent) {
    for (const listener of this.events) listener(event);
  }
  reconnect() {
    for (const listener of this.online) listener();
  }
  signIn(user: string | null) {
    this.user = user;
    for (const listener of this.session) listener();
  }
}

describe('inbox store', () => {
  it('sums the unread messages of the open threads and joins their rooms and the networks’ once', async () => {
    const api = new FakeApi();
    api.server = [thread('a', { unread: 2, lastSeq: 5 }), thread('b', { unread: 3, lastSeq: 7 })];
    const sources = new FakeSources();
    const inbox = createInbox(api, sources, { delayMs: 5 });
    inbox.start();
    await wait(0);
    expect(inbox.getSnapshot().unread).toBe(5);
    expect(sources.joinedThreads).toEqual([
      [
        { threadId: 'a', lastSeq: 5 },
        { threadId: 'b', lastSeq: 7 },
      ],
    ]);
    expect(sources.joinedNetworks).toEqual([['net-1']]);

    // Again after a fetch: only new threads are joined.
    api.server.push(thread('c', { unread: 1, lastSeq: 1 }));
    await inbox.refresh();
    expect(inbox.getSnapshot().unread).toBe(6);
    expect(sources.joinedThreads.at(-1)).toEqual([{ threadId: 'c', lastSeq: 1 }]);
    inbox.stop();
  });

  it('fetches once for a burst of events, and ignores other people’s reads', async () => {
    const api = new FakeApi();
    api.server = [thread('a', { unread: 1 })];
    const sources = new FakeSources();
    const inbox = createInbox(api, sources, { delayMs: 5 });
    inbox.start();
    await wait(0);
    const before = api.fetches;
    const revision = inbox.getSnapshot().revision;
    sources.fire({ type: 'read', threadId: 'a', userId: 'someone-else' });
    await wait(20);
    expect(api.fetches).toBe(before);

    api.server = [thread('a', { unread: 4 })];
    sources.fire({ type: 'message', threadId: 'a' });
    sources.fire({ type: 'message', threadId: 'a' });
    sources.fire({ type: 'thread', threadId: 'a' });
    await wait(20);
    expect(api.fetches).toBe(before + 1);
    expect(inbox.getSnapshot().unread).toBe(4);
    expect(inbox.getSnapshot().revision).toBeGreaterThan(revision);

    api.server = [thread('a', { unread: 0 })];
    sources.fire({ type: 'read', threadId: 'a', userId: 'me' });
    await wait(20);
    expect(inbox.getSnapshot().unread).toBe(0);
    inbox.stop();
  });

  it('joins every room again on a new connection, and starts over for another user', async () => {
    const api = new FakeApi();
    api.server = [thread('a')];
    const sources = new FakeSources();
    const inbox = createInbox(api, sources, { delayMs: 5 });
    inbox.start();
    await wait(0);
    sources.reconnect();
    await wait(0);
    expect(sources.joinedThreads).toHaveLength(2);
    expect(sources.joinedNetworks).toHaveLength(2);

    sources.signIn(null);
    expect(inbox.getSnapshot().threads).toBeNull();
    expect(inbox.getSnapshot().unread).toBeNull();
    api.server = [thread('x', { unread: 9 })];
    sources.signIn('other');
    await wait(0);
    expect(inbox.getSnapshot().unread).toBe(9);
    inbox.stop();
  });

  it('fetches again when joining a room shows messages the fetch did not count', async () => {
    const api = new FakeApi();
    api.server = [thread('a')];
    const sources = new FakeSources();
    sources.missed = true;
    const inbox = createInbox(api, sources, { delayMs: 5 });
    inbox.start();
    await wait(20);
    expect(api.fetches).toBe(2);
    inbox.stop();
  });
});
