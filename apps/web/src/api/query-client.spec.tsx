/**
 * @jest-environment jsdom
 */
import { describe, expect, it } from '@jest/globals';
import type { ServerEvents } from '@liaison/contracts';
import { connectQueryCache, createQueryClient } from './query-client';
import { queryKeys } from './query-keys';

/** The session and the socket, as fakes the test drives. */
function sources() {
  let user: string | null = 'u1';
  const sessionListeners = new Set<() => void>();
  const resyncListeners = new Set<() => void>();
  const eventListeners = new Map<string, Set<(...args: never[]) => void>>();
  return {
    fake: {
      userId: () => user,
      subscribeSession: (listener: () => void) => {
        sessionListeners.add(listener);
        return () => sessionListeners.delete(listener);
      },
      onResync: (listener: () => void) => {
        resyncListeners.add(listener);
        return () => resyncListeners.delete(listener);
      },
      on: <E extends keyof ServerEvents>(event: E, listener: ServerEvents[E]) => {
        const set = eventListeners.get(event) ?? new Set();
        eventListeners.set(event, set);
        set.add(listener as (...args: never[]) => void);
        return () => set.delete(listener as (...args: never[]) => void);
      },
    },
    signIn(next: string | null) {
      user = next;
      sessionListeners.forEach((listener) => listener());
    },
    resync: () => resyncListeners.forEach((listener) => listener()),
    emit<E extends keyof ServerEvents>(event: E, ...args: Parameters<ServerEvents[E]>) {
      eventListeners.get(event)?.forEach((listener) => (listener as (...a: unknown[]) => void)(...args));
    },
  };
}

function seeded() {
  const client = createQueryClient();
  client.setQueryData(queryKeys.states(), ['MU']);
  client.setQueryData(queryKeys.networks.mine(), ['n1']);
  client.setQueryData(queryKeys.threads.one('t1'), { id: 't1' });
  client.setQueryData(queryKeys.threads.one('t2'), { id: 't2' });
  client.setQueryData(queryKeys.threads.list({ archived: false }), { pages: [] });
  return client;
}

const stale = (client: ReturnType<typeof createQueryClient>, key: readonly unknown[]) =>
  client.getQueryState(key)?.isInvalidated ?? false;

describe('connectQueryCache', () => {
  it('marks everything stale on a resync (a reconnection, or events the server lost)', () => {
    const client = seeded();
    const s = sources();
    connectQueryCache(client, s.fake);
    expect(stale(client, queryKeys.states())).toBe(false);
    s.resync();
    expect(stale(client, queryKeys.states())).toBe(true);
    expect(stale(client, queryKeys.networks.mine())).toBe(true);
  });

  it('empties the cache when another user (or nobody) is signed in, not when the same user is updated', () => {
    const client = seeded();
    const s = sources();
    connectQueryCache(client, s.fake);
    s.signIn('u1');
    expect(client.getQueryData(queryKeys.states())).toEqual(['MU']);
    s.signIn(null);
    expect(client.getQueryData(queryKeys.states())).toBeUndefined();
  });

  it('refetches the thread a socket event changed, and the thread lists, not other threads', () => {
    const client = seeded();
    const s = sources();
    connectQueryCache(client, s.fake);
    s.emit('thread.updated', { threadId: 't1' });
    expect(stale(client, queryKeys.threads.one('t1'))).toBe(true);
    expect(stale(client, queryKeys.threads.list({ archived: false }))).toBe(true);
    expect(stale(client, queryKeys.threads.one('t2'))).toBe(false);
    expect(stale(client, queryKeys.states())).toBe(false);
  });

  it('refetches the networks one belongs to when added to one', () => {
    const client = seeded();
    const s = sources();
    connectQueryCache(client, s.fake);
    const notification = {
      id: 'x',
      kind: 'message.mention',
      network: null,
      actor: null,
      reference: null,
      link: '/threads',
      createdAt: '2026-01-01T00:00:00Z',
      readAt: null,
    };
    s.emit('notification.created', { notification, unread: 1 });
    expect(stale(client, queryKeys.networks.mine())).toBe(false);
    s.emit('notification.created', { notification: { ...notification, kind: 'network.member-added' }, unread: 2 });
    expect(stale(client, queryKeys.networks.mine())).toBe(true);
  });

  it('stops listening when stopped', () => {
    const client = seeded();
    const s = sources();
    const stop = connectQueryCache(client, s.fake);
    stop();
    s.resync();
    expect(stale(client, queryKeys.states())).toBe(false);
  });
});
