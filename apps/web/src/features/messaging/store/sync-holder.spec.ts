import { describe, expect, it } from '@jest/globals';
import type { MessageView } from '@liaison/contracts';
import { createSyncHolder, NotConnected, type SyncLike } from './sync-holder';

function message(seq: number): MessageView {
  return {
    id: `m${seq}`,
    threadId: 't',
    seq,
    clientId: `c${seq}`,
    author: { id: 'u', displayName: 'U' },
    body: `m${seq}`,
    unreadable: false,
    createdAt: new Date(0).toISOString(),
    editedAt: null,
    deletedAt: null,
  };
}

/** A sync module double: records what it is asked, holds what the test gives it. */
class FakeSync implements SyncLike {
  watched: [string, number | undefined][] = [];
  held = new Map<string, MessageView[]>();
  closed = false;
  constructor(
    readonly socket: string,
    readonly onChange: (threadId: string) => void,
  ) {}
  async watch(threadId: string, lastSeq?: number) {
    this.watched.push([threadId, lastSeq]);
  }
  unwatch(threadId: string) {
    this.held.delete(threadId);
  }
  messages(threadId: string) {
    return [...(this.held.get(threadId) ?? [])];
  }
  lastSeq(threadId: string) {
    return this.held.get(threadId)?.at(-1)?.seq ?? 0;
  }
  async send(): Promise<MessageView> {
    return message(99);
  }
  close() {
    this.closed = true;
  }
  deliver(threadId: string, ...messages: MessageView[]) {
    this.held.set(threadId, [...(this.held.get(threadId) ?? []), ...messages]);
    this.onChange(threadId);
  }
}

describe('sync holder', () => {
  it('keeps one module per socket and watches the open threads again on a new one', async () => {
    let socket: string | null = 'socket-1';
    const listeners = new Set<() => void>();
    const made: FakeSync[] = [];
    const holder = createSyncHolder<string>(
      { socket: () => socket, subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)) },
      (s, onChange) => {
        const sync = new FakeSync(s, onChange);
        made.push(sync);
        return sync;
      },
    );
    holder.start();
    await holder.watch('t', 10);
    expect(made).toHaveLength(1);
    expect(made[0].watched).toEqual([['t', 10]]);

    // Snapshots stay the same object until the thread changes, and listeners hear of the change.
    const heard: (string | null)[] = [];
    holder.subscribe((threadId) => heard.push(threadId));
    const first = holder.messages('t');
    expect(holder.messages('t')).toBe(first);
    made[0].deliver('t', message(11));
    expect(heard).toEqual(['t']);
    const second = holder.messages('t');
    expect(second).not.toBe(first);
    expect(second.map((entry) => entry.seq)).toEqual([11]);

    // A new sign-in: a new socket, a new module watching from the same starting point; the old one is closed.
    socket = 'socket-2';
    for (const listener of listeners) listener();
    expect(made).toHaveLength(2);
    expect(made[0].closed).toBe(true);
    expect(made[1].watched).toEqual([['t', 10]]);
    expect(heard.at(-1)).toBeNull();
    expect(holder.messages('t')).toEqual([]);
    // A late change from the old module is ignored.
    made[0].deliver('t', message(12));
    expect(heard.at(-1)).toBeNull();

    // Unwatched threads are not watched again.
    holder.unwatch('t');
    socket = 'socket-3';
    for (const listener of listeners) listener();
    expect(made[2].watched).toEqual([]);

    // Signed out: no module, and sending says so.
    socket = null;
    for (const listener of listeners) listener();
    await expect(holder.send('t', 'x', { clientId: 'c' })).rejects.toBeInstanceOf(NotConnected);
    holder.stop();
  });
});
