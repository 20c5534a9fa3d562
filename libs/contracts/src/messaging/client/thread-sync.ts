/**
 * The client side of "nothing lost, nothing twice", shared by the web app and the tests. It holds, per
 * watched thread, the messages it has in seq order with no gap, and:
 *  - on every (re)connect and resync signal, asks the server for everything after the last seq it holds
 *    (the server joins the thread's room first, so nothing falls between the answer and live traffic);
 *  - applies a live message only when it is the next seq; a later one waits in a buffer while the gap is
 *    fetched; one it already holds is dropped;
 *  - sends with a client id made once per message and retried until acknowledged, so a retry can never
 *    store the message twice.
 * It imports nothing at run time: give it a socket.io client socket (or anything shaped like one).
 */
import type { AckProblem, MessageView, SendAck, SyncResult } from '../events';

/** The part of a socket.io client socket this module uses. */
export interface SyncSocket {
  readonly connected: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
}

export interface ThreadSyncOptions {
  /** Called after a thread's held messages changed (new, edited or deleted). */
  onChange?: (threadId: string) => void;
  /** How long to wait for an acknowledgement before trying again. */
  ackTimeoutMs?: number;
  /** Makes client ids; crypto.randomUUID by default. */
  newId?: () => string;
}

/** A send the server refused for good (validation, access, a locked thread): retrying would not help. */
export class SendRefused extends Error {
  constructor(readonly problem: AckProblem) {
    super(problem.detail ?? problem.title);
    this.name = 'SendRefused';
  }
}

interface ThreadState {
  /** Held messages, contiguous from the first held seq up to `lastSeq`. */
  messages: Map<number, MessageView>;
  lastSeq: number;
  /** Live messages ahead of `lastSeq + 1`, waiting for the gap to be filled. */
  ahead: Map<number, MessageView>;
  syncing: boolean;
  syncAgain: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ThreadSync {
  private readonly threads = new Map<string, ThreadState>();
  private readonly ackTimeoutMs: number;
  private readonly newId: () => string;
  private closed = false;

  private readonly onConnect = () => void this.syncAll();
  private readonly onCreated = (message: MessageView) => this.receive(message);
  private readonly onChanged = (message: MessageView) => this.replace(message);

  constructor(
    private readonly socket: SyncSocket,
    private readonly options: ThreadSyncOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
    socket.on('connect', this.onConnect);
    socket.on('resync', this.onConnect);
    socket.on('message.created', this.onCreated);
    socket.on('message.edited', this.onChanged);
    socket.on('message.deleted', this.onChanged);
  }

  /** Starts holding a thread's messages after `lastSeq` (0: from the first), and fetches them. */
  watch(threadId: string, lastSeq = 0): Promise<void> {
    if (!this.threads.has(threadId)) {
      this.threads.set(threadId, { messages: new Map(), lastSeq, ahead: new Map(), syncing: false, syncAgain: false });
    }
    return this.socket.connected ? this.sync(threadId) : Promise.resolve();
  }

  unwatch(threadId: string): void {
    this.threads.delete(threadId);
  }

  /** The held messages of a thread, in seq order. */
  messages(threadId: string): MessageView[] {
    const state = this.threads.get(threadId);
    return state ? [...state.messages.values()].sort((a, b) => a.seq - b.seq) : [];
  }

  lastSeq(threadId: string): number {
    return this.threads.get(threadId)?.lastSeq ?? 0;
  }

  /**
   * Sends until the server acknowledges, reusing one client id, and resolves with the stored message.
   * Rejects with SendRefused when the server refuses for good; waits and retries when rate-limited or
   * disconnected. Pass `clientId` to resume a send the page began before a reload.
   */
  async send(
    threadId: string,
    body: string,
    options: { clientId?: string; mentions?: string[] } = {},
  ): Promise<MessageView> {
    const clientId = options.clientId ?? this.newId();
    for (let attempt = 0; !this.closed; attempt += 1) {
      if (!this.socket.connected) {
        await sleep(Math.min(200 * 2 ** attempt, 2000));
        continue;
      }
      let ack: SendAck;
      try {
        ack = (await this.socket
          .timeout(this.ackTimeoutMs)
          .emitWithAck('message.send', { threadId, clientId, body, mentions: options.mentions })) as SendAck;
      } catch {
        // No acknowledgement: it may or may not be stored. The same client id makes the retry safe.
        continue;
      }
      if (ack.ok) {
        this.receive(ack.message);
        return ack.message;
      }
      if (ack.problem.status === 429 || ack.problem.status >= 500) {
        await sleep(ack.problem.retryAfterMs ?? Math.min(200 * 2 ** attempt, 2000));
        continue;
      }
      throw new SendRefused(ack.problem);
    }
    throw new Error('the sync module was closed');
  }

  close(): void {
    this.closed = true;
    this.socket.off('connect', this.onConnect);
    this.socket.off('resync', this.onConnect);
    this.socket.off('message.created', this.onCreated);
    this.socket.off('message.edited', this.onChanged);
    this.socket.off('message.deleted', this.onChanged);
  }

  private async syncAll(): Promise<void> {
    await Promise.all([...this.threads.keys()].map((threadId) => this.sync(threadId)));
  }

  /** Fetches everything after the last held seq, page after page; coalesces concurrent requests. */
  private async sync(threadId: string): Promise<void> {
    const state = this.threads.get(threadId);
    if (!state) return;
    if (state.syncing) {
      state.syncAgain = true;
      return;
    }
    state.syncing = true;
    try {
      do {
        state.syncAgain = false;
        let result: SyncResult | undefined;
        try {
          const answer = (await this.socket
            .timeout(this.ackTimeoutMs)
            .emitWithAck('thread.sync', { threads: [{ threadId, lastSeq: state.lastSeq }] })) as {
            results: SyncResult[];
          };
          result = answer.results[0];
        } catch {
          // Disconnected or no answer: the next connect syncs again.
          return;
        }
        if (!result?.ok) return;
        for (const message of result.messages) this.apply(threadId, state, message);
        if (result.hasMore) state.syncAgain = true;
      } while (state.syncAgain && this.threads.get(threadId) === state && this.socket.connected);
    } finally {
      state.syncing = false;
    }
  }

  private receive(message: MessageView): void {
    const state = this.threads.get(message.threadId);
    if (!state) return;
    if (message.seq <= state.lastSeq) {
      this.replace(message);
      return;
    }
    if (message.seq === state.lastSeq + 1) {
      this.apply(message.threadId, state, message);
      return;
    }
    // Ahead of what we hold: keep it and fetch the gap.
    state.ahead.set(message.seq, message);
    void this.sync(message.threadId);
  }

  /** Appends the next message, then whatever was waiting right after it. */
  private apply(threadId: string, state: ThreadState, message: MessageView): void {
    if (message.seq <= state.lastSeq) return;
    if (message.seq !== state.lastSeq + 1) {
      state.ahead.set(message.seq, message);
      return;
    }
    state.messages.set(message.seq, message);
    state.lastSeq = message.seq;
    for (let next = state.ahead.get(state.lastSeq + 1); next; next = state.ahead.get(state.lastSeq + 1)) {
      state.ahead.delete(next.seq);
      state.messages.set(next.seq, next);
      state.lastSeq = next.seq;
    }
    for (const seq of state.ahead.keys()) if (seq <= state.lastSeq) state.ahead.delete(seq);
    this.options.onChange?.(threadId);
  }

  /** An edit or a deletion of a message already held (one not yet held arrives in its new form later). */
  private replace(message: MessageView): void {
    const state = this.threads.get(message.threadId);
    if (!state?.messages.has(message.seq)) return;
    const held = state.messages.get(message.seq) as MessageView;
    // Never let a stale copy (a late live event) overwrite a newer one.
    const older =
      (held.deletedAt && !message.deletedAt) ||
      (held.editedAt && (!message.editedAt || held.editedAt > message.editedAt));
    if (older) return;
    state.messages.set(message.seq, message);
    this.options.onChange?.(message.threadId);
  }
}
