import { describe, expect, it, jest } from '@jest/globals';
import type { ReauthResult } from '@liaison/contracts';
import {
  createRealtime,
  type RealtimeSession,
  type RealtimeSocket,
  type RealtimeTiming,
  type ResyncEvent,
} from './connection';

type Listener = (...args: never[]) => void;
type Options = Parameters<Parameters<typeof createRealtime>[1]>[0];

/** The socket.io-client socket as the connection uses it, driven by the test as the server would be. */
class FakeSocket {
  connected = false;
  active = false;
  connects = 0;
  disconnects = 0;
  readonly emitted: { event: string; body: unknown; ack: (error: Error | null, result: ReauthResult) => void }[] = [];
  private readonly handlers = new Map<string, Set<Listener>>();
  private readonly managerHandlers = new Map<string, Set<Listener>>();

  constructor(readonly options: Options) {}

  readonly io = {
    on: (event: string, listener: Listener) => add(this.managerHandlers, event, listener),
    off: (event?: string) => (event ? this.managerHandlers.delete(event) : this.managerHandlers.clear()),
  };

  on(event: string, listener: Listener) {
    add(this.handlers, event, listener);
    return this;
  }

  off(event?: string, listener?: Listener) {
    if (!event) this.handlers.clear();
    else if (!listener) this.handlers.delete(event);
    else this.handlers.get(event)?.delete(listener);
    return this;
  }

  connect() {
    this.active = true;
    this.connects += 1;
    return this;
  }

  disconnect() {
    const was = this.connected;
    this.connected = false;
    this.active = false;
    this.disconnects += 1;
    if (was) this.fire('disconnect', 'io client disconnect');
    return this;
  }

  timeout(_ms: number) {
    return {
      emit: (event: string, body: unknown, ack: FakeSocket['emitted'][number]['ack']) =>
        this.emitted.push({ event, body, ack }),
    };
  }

  fire(event: string, ...args: unknown[]) {
    for (const listener of [...(this.handlers.get(event) ?? [])]) (listener as (...a: unknown[]) => void)(...args);
  }

  fireManager(event: string) {
    for (const listener of [...(this.managerHandlers.get(event) ?? [])]) (listener as () => void)();
  }

  // --- The server's side ---

  /** What the `auth` callback gives for the handshake. */
  handshake(): Promise<object | undefined> {
    const auth = this.options.auth;
    if (typeof auth !== 'function') throw new Error('auth is not a callback');
    return new Promise((resolve) => auth(resolve as (data: object) => void));
  }

  async accept(): Promise<object | undefined> {
    const auth = await this.handshake();
    this.connected = true;
    this.fire('connect');
    return auth;
  }

  /** A middleware refusal: socket.io leaves the socket inactive. */
  async refuse(code: string): Promise<object | undefined> {
    const auth = await this.handshake();
    this.active = false;
    this.fire('connect_error', new Error(code));
    return auth;
  }

  /** The server cannot be reached: socket.io retries by itself. */
  unreachable() {
    this.fire('connect_error', new Error('websocket error'));
  }

  drop(reason: 'io server disconnect' | 'transport close') {
    this.connected = false;
    if (reason === 'io server disconnect') this.active = false;
    this.fire('disconnect', reason);
  }
}

function add(map: Map<string, Set<Listener>>, event: string, listener: Listener) {
  let set = map.get(event);
  if (!set) map.set(event, (set = new Set()));
  set.add(listener);
}

/** The session store, as far as the connection sees it. */
function fakeSession() {
  let user: string | null = null;
  let token: string | null = null;
  let counter = 0;
  const listeners = new Set<() => void>();
  const tokenListeners = new Set<(token: string) => void>();
  const newToken = () => {
    token = `token-${++counter}`;
    for (const listener of tokenListeners) listener(token);
  };
  const signOut = () => {
    user = null;
    token = null;
    for (const listener of listeners) listener();
  };
  const port = {
    userId: () => user,
    subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)),
    onToken: (listener: (token: string) => void) => (
      tokenListeners.add(listener),
      () => tokenListeners.delete(listener)
    ),
    token: () => Promise.resolve(token),
    refresh: jest.fn(async () => {
      if (!user) return false;
      newToken();
      return true;
    }),
    end: jest.fn(signOut),
  } satisfies RealtimeSession;
  return {
    port,
    signIn(id: string) {
      user = id;
      for (const listener of listeners) listener();
      newToken();
    },
    newToken,
    signOut,
    get token() {
      return token;
    },
  };
}

const TIMING: RealtimeTiming = {
  reconnectionDelay: 500,
  reconnectionDelayMax: 10_000,
  randomizationFactor: 0.5,
  ackTimeoutMs: 1_000,
  retryDelay: () => 0,
  maxRetries: 3,
  stableMs: 60_000,
};

/** Lets timers of 0 ms and promise callbacks run. */
async function settle() {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

function setUp() {
  const session = fakeSession();
  const sockets: FakeSocket[] = [];
  const realtime = createRealtime(
    session.port,
    (options) => {
      const socket = new FakeSocket(options);
      sockets.push(socket);
      return socket as unknown as RealtimeSocket;
    },
    TIMING,
  );
  const resyncs: ResyncEvent[] = [];
  realtime.onResync((event) => resyncs.push(event));
  realtime.start();
  const last = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket');
    return socket;
  };
  const state = () => realtime.getSnapshot().state;
  return { session, sockets, realtime, resyncs, last, state };
}

async function signedInAndOnline() {
  const setup = setUp();
  setup.session.signIn('user-1');
  await setup.last().accept();
  return setup;
}

describe('the realtime connection', () => {
  it('opens a socket only while signed in, presenting the access token, and closes it on sign-out', async () => {
    const { session, sockets, realtime, last, state } = setUp();
    expect(sockets).toHaveLength(0);
    expect(state()).toBe('offline');

    session.signIn('user-1');
    expect(sockets).toHaveLength(1);
    expect(last().options).toMatchObject({
      autoConnect: false,
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    expect(last().connects).toBe(1);
    expect(realtime.getSnapshot()).toEqual({ state: 'reconnecting', connectedOnce: false });

    await expect(last().accept()).resolves.toEqual({ token: 'token-1' });
    expect(realtime.getSnapshot()).toEqual({ state: 'online', connectedOnce: true });
    expect(realtime.socket).toBe(last());

    session.signOut();
    expect(last().disconnects).toBe(1);
    expect(state()).toBe('offline');
    expect(realtime.socket).toBeNull();
  });

  it('sends every new token on the open socket, and reconnects with it when the server refuses it', async () => {
    const { session, sockets, last, state } = await signedInAndOnline();
    session.newToken();
    expect(last().emitted).toHaveLength(1);
    expect(last().emitted[0]).toMatchObject({ event: 'auth.refresh', body: { token: 'token-2' } });
    last().emitted[0].ack(null, { ok: true, expiresAt: new Date().toISOString() });
    expect(last().disconnects).toBe(0);

    session.newToken();
    last().emitted[1].ack(null, { ok: false, code: 'token-invalid' });
    expect(last().disconnects).toBe(1);
    expect(last().connects).toBe(2);
    await expect(last().accept()).resolves.toEqual({ token: 'token-3' });
    expect(state()).toBe('online');
    expect(sockets).toHaveLength(1);
  });

  it('signs out locally when the server answers that the session has ended', async () => {
    const { session, last, state } = await signedInAndOnline();
    session.newToken();
    last().emitted[0].ack(null, { ok: false, code: 'session-ended' });
    expect(session.port.end).toHaveBeenCalledTimes(1);
    expect(state()).toBe('offline');
  });

  it('ignores an unanswered auth.refresh', async () => {
    const { session, last, state } = await signedInAndOnline();
    session.newToken();
    last().emitted[0].ack(new Error('operation has timed out'), undefined as unknown as ReauthResult);
    expect(last().disconnects).toBe(0);
    expect(state()).toBe('online');
  });

  it('sends a token that arrived during the handshake once connected', async () => {
    const { session, last } = setUp();
    session.signIn('user-1');
    const handshake = last().handshake();
    await expect(handshake).resolves.toEqual({ token: 'token-1' });
    session.newToken();
    expect(last().emitted).toHaveLength(0);
    last().connected = true;
    last().fire('connect');
    expect(last().emitted[0]).toMatchObject({ event: 'auth.refresh', body: { token: 'token-2' } });
  });

  it('refreshes the session and connects again when the handshake is refused for the token', async () => {
    const { session, last, state } = setUp();
    session.signIn('user-1');
    await expect(last().refuse('token-expired')).resolves.toEqual({ token: 'token-1' });
    expect(state()).toBe('reconnecting');
    await settle();
    expect(session.port.refresh).toHaveBeenCalledTimes(1);
    expect(last().connects).toBe(2);
    await expect(last().accept()).resolves.toEqual({ token: 'token-2' });
    expect(state()).toBe('online');
  });

  it('does not refresh again when a newer token than the refused one is already there', async () => {
    const { session, last } = setUp();
    session.signIn('user-1');
    const handshake = last().handshake();
    await handshake;
    session.newToken();
    last().active = false;
    last().fire('connect_error', new Error('token-expired'));
    await settle();
    expect(session.port.refresh).not.toHaveBeenCalled();
    expect(last().connects).toBe(2);
    await expect(last().accept()).resolves.toEqual({ token: 'token-2' });
  });

  it('signs out locally when the handshake is refused because the session ended', async () => {
    const { session, last, state, realtime } = setUp();
    session.signIn('user-1');
    await last().refuse('session-ended');
    expect(session.port.end).toHaveBeenCalledTimes(1);
    expect(state()).toBe('offline');
    expect(realtime.socket).toBeNull();
  });

  it('stays offline when the origin is refused', async () => {
    const { session, last, state } = setUp();
    session.signIn('user-1');
    await last().refuse('origin-refused');
    await settle();
    expect(state()).toBe('offline');
    expect(last().connects).toBe(1);
    session.newToken();
    expect(last().connects).toBe(1);
  });

  it('leaves a lost connection to socket.io, and asks for a resync once back', async () => {
    const { last, state, resyncs } = await signedInAndOnline();
    last().drop('transport close');
    expect(state()).toBe('reconnecting');
    last().unreachable();
    last().unreachable();
    await settle();
    expect(state()).toBe('reconnecting');
    expect(last().connects).toBe(1);
    expect(resyncs).toEqual([]);
    await last().accept();
    expect(state()).toBe('online');
    expect(resyncs).toEqual([{ reason: 'reconnected' }]);
  });

  it('connects again after the server disconnected the socket, and refreshes if the handshake says the token expired', async () => {
    const { session, last, state } = await signedInAndOnline();
    last().drop('io server disconnect');
    expect(state()).toBe('reconnecting');
    await settle();
    // The session store gives a fresh token to the handshake (the real one refreshes a token about to expire).
    expect(session.port.refresh).not.toHaveBeenCalled();
    expect(last().connects).toBe(2);
    await expect(last().refuse('token-expired')).resolves.toEqual({ token: 'token-1' });
    await settle();
    expect(session.port.refresh).toHaveBeenCalledTimes(1);
    await expect(last().accept()).resolves.toEqual({ token: 'token-2' });
    expect(state()).toBe('online');
  });

  it('signs out locally when the server disconnected the socket because the session was revoked', async () => {
    const { session, last, state, realtime } = await signedInAndOnline();
    last().drop('io server disconnect');
    await settle();
    await last().refuse('session-ended');
    expect(session.port.refresh).not.toHaveBeenCalled();
    expect(session.port.end).toHaveBeenCalledTimes(1);
    expect(state()).toBe('offline');
    expect(realtime.socket).toBeNull();
  });

  it('gives up after refusals in a row, and tries again with the next new token', async () => {
    const { session, last, state } = setUp();
    session.signIn('user-1');
    for (let attempt = 0; attempt <= TIMING.maxRetries; attempt += 1) {
      await last().refuse('token-invalid');
      await settle();
    }
    expect(state()).toBe('offline');
    expect(last().connects).toBe(TIMING.maxRetries + 1);
    session.newToken();
    expect(state()).toBe('reconnecting');
    expect(last().connects).toBe(TIMING.maxRetries + 2);
    await last().accept();
    expect(state()).toBe('online');
  });

  it('does not stop counting refusals when the server drops each connection at once', async () => {
    const { session, last, state } = setUp();
    session.signIn('user-1');
    for (let attempt = 0; attempt <= TIMING.maxRetries; attempt += 1) {
      await last().accept();
      last().drop('io server disconnect');
      await settle();
    }
    expect(state()).toBe('offline');
    expect(last().connects).toBe(TIMING.maxRetries + 1);
  });

  it('is offline when socket.io gives up reconnecting', async () => {
    const { last, state } = await signedInAndOnline();
    last().drop('transport close');
    last().fireManager('reconnect_failed');
    expect(state()).toBe('offline');
  });

  it('relays the server resync, and keeps event listeners across sign-ins', async () => {
    const { session, sockets, realtime, resyncs, last } = await signedInAndOnline();
    last().fire('resync', { reason: 'redis-reconnected' });
    expect(resyncs).toEqual([{ reason: 'redis-reconnected' }]);

    const received: unknown[] = [];
    const off = realtime.on('resync', (signal) => received.push(signal));
    last().fire('resync', { reason: 'redis-reconnected' });
    session.signOut();
    session.signIn('user-2');
    expect(sockets).toHaveLength(2);
    await last().accept();
    last().fire('resync', { reason: 'redis-reconnected' });
    expect(received).toHaveLength(2);
    off();
    last().fire('resync', { reason: 'redis-reconnected' });
    expect(received).toHaveLength(2);
    // A new sign-in is a first connection, not a reconnection.
    expect(resyncs).toHaveLength(4);
  });

  it('ignores a socket it has closed', async () => {
    const { session, sockets, state } = await signedInAndOnline();
    const old = sockets[0];
    session.signOut();
    session.signIn('user-2');
    old.fire('connect_error', new Error('token-expired'));
    old.fire('disconnect', 'io server disconnect');
    await settle();
    expect(session.port.refresh).not.toHaveBeenCalled();
    expect(state()).toBe('reconnecting');
  });
});
