import type { MessageView, SyncResult } from '../events';
import { SendRefused, ThreadSync } from './thread-sync';

const THREAD = '11111111-1111-4111-8111-111111111111';

function message(seq: number, body = `m${seq}`): MessageView {
  return {
    id: `id-${seq}`,
    threadId: THREAD,
    seq,
    clientId: `c-${seq}`,
    author: { id: 'u', displayName: 'U' },
    body,
    unreadable: false,
    createdAt: new Date(0).toISOString(),
    editedAt: null,
    deletedAt: null,
  };
}

/** A socket double whose server holds `stored` and answers sync and send like the real one. */
class FakeSocket {
  connected = true;
  stored: MessageView[] = [];
  syncCalls: number[] = [];
  sendCalls: string[] = [];
  /** Acks to drop before answering sends (a lost acknowledgement). */
  dropAcks = 0;
  private readonly listeners = new Map<string, ((...args: never[]) => void)[]>();

  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  off(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((entry) => entry !== listener),
    );
  }
  fire(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
  timeout() {
    return {
      emitWithAck: async (event: string, body: { threads: { lastSeq: number }[]; clientId: string; body: string }) => {
        if (event === 'thread.sync') {
          const after = body.threads[0].lastSeq;
          this.syncCalls.push(after);
          const page = this.stored.filter((entry) => entry.seq > after).slice(0, 2);
          const result: SyncResult = {
            threadId: THREAD,
            ok: true,
            messages: page,
            hasMore: this.stored.some((entry) => entry.seq > (page.at(-1)?.seq ?? after)),
          };
          return { ok: true, results: [result] };
        }
        this.sendCalls.push(body.clientId);
        let stored = this.stored.find((entry) => entry.clientId === body.clientId);
        if (!stored) {
          stored = { ...message(this.stored.length + 1, body.body), clientId: body.clientId };
          this.stored.push(stored);
        }
        if (this.dropAcks > 0) {
          this.dropAcks -= 1;
          throw new Error('operation has timed out');
        }
        return { ok: true, message: stored };
      },
    };
  }
}

describe('ThreadSync', () => {
  it('fetches everything after the last held seq, page after page, in order', async () => {
    const socket = new FakeSocket();
    socket.stored = [1, 2, 3, 4, 5].map((seq) => message(seq));
    const sync = new ThreadSync(socket);
    await sync.watch(THREAD);
    expect(sync.messages(THREAD).map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(socket.syncCalls).toEqual([0, 2, 4]);
  });

  it('holds a live message that arrives ahead of a gap until the gap is fetched, and drops duplicates', async () => {
    const socket = new FakeSocket();
    const sync = new ThreadSync(socket);
    await sync.watch(THREAD);
    socket.stored = [1, 2, 3].map((seq) => message(seq));
    socket.fire('message.created', message(1));
    socket.fire('message.created', message(1));
    // 3 arrives before 2 (another node was faster): it waits, and the gap is fetched.
    socket.fire('message.created', message(3));
    await new Promise((resolve) => setImmediate(resolve));
    socket.fire('message.created', message(2));
    expect(sync.messages(THREAD).map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(sync.lastSeq(THREAD)).toBe(3);
  });

  it('on reconnect asks only for what it missed', async () => {
    const socket = new FakeSocket();
    socket.stored = [message(1)];
    const sync = new ThreadSync(socket);
    await sync.watch(THREAD);
    socket.stored.push(message(2), message(3));
    socket.fire('connect');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(socket.syncCalls.at(-1)).toBe(1);
    expect(sync.messages(THREAD).map((entry) => entry.seq)).toEqual([1, 2, 3]);
  });

  it('retries a send whose acknowledgement was lost with the same client id: stored once', async () => {
    const socket = new FakeSocket();
    const sync = new ThreadSync(socket, { newId: () => 'client-1' });
    await sync.watch(THREAD);
    socket.dropAcks = 2;
    const sent = await sync.send(THREAD, 'hello');
    expect(socket.sendCalls).toEqual(['client-1', 'client-1', 'client-1']);
    expect(socket.stored).toHaveLength(1);
    expect(sent.seq).toBe(1);
    expect(sync.messages(THREAD).map((entry) => entry.body)).toEqual(['hello']);
  });

  it('does not let a late copy of a message undo its edit or its deletion', async () => {
    const socket = new FakeSocket();
    socket.stored = [message(1)];
    const sync = new ThreadSync(socket);
    await sync.watch(THREAD);
    socket.fire('message.deleted', { ...message(1), body: null, deletedAt: new Date(1000).toISOString() });
    socket.fire('message.created', message(1));
    expect(sync.messages(THREAD)[0].body).toBeNull();
  });

  it('gives up on a send the server refuses for good', async () => {
    const socket = new FakeSocket();
    socket.timeout = () => ({
      emitWithAck: async () =>
        ({ ok: false, problem: { status: 404, type: 'about:blank', title: 'Not Found' } }) as never,
    });
    const sync = new ThreadSync(socket);
    await expect(sync.send(THREAD, 'x')).rejects.toBeInstanceOf(SendRefused);
  });
});
