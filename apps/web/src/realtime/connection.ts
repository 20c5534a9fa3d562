/**
 * The realtime connection's logic, apart from the page (the session store and socket.io-client are given
 * to it, so that it can be tested with a fake socket). `./index.ts` wires it to the page.
 *
 * - One socket while a user is signed in, none otherwise. Each handshake presents the freshest access
 *   token (the `auth` callback runs before every connection and reconnection).
 * - A refused handshake (`connect_error` whose message is a RefusalCode) leaves the socket inactive:
 *   socket.io does not retry it, so this code does, after refreshing the session for a token refusal,
 *   with its own backoff, and gives up (offline) after a few refusals in a row until the next new token.
 *   `session-ended` forgets the session here; `origin-refused` stays offline.
 * - A lost connection (server down, network) is retried by socket.io's own backoff.
 * - Every new access token is sent on the open socket (`auth.refresh`); a refusal reconnects with it.
 * - The server disconnects a socket whose token expired or whose session was revoked (`io server
 *   disconnect`, not retried by socket.io): connect again with a fresh token, and let the handshake's
 *   answer tell which.
 *
 * This file imports types only from `@liaison/contracts` (the server's event map) and
 * `socket.io-client`.
 */
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { ClientEvents, RefusalCode, ReauthResult, ResyncSignal, ServerEvents } from '@liaison/contracts';

export type RealtimeSocket = Socket<ServerEvents, ClientEvents>;
export type SocketFactory = (options: Partial<ManagerOptions & SocketOptions>) => RealtimeSocket;

/** `online`: connected. `reconnecting`: signed in, (re)connecting. `offline`: signed out, refused or given up. */
export type ConnectionState = 'online' | 'reconnecting' | 'offline';

export interface ConnectionSnapshot {
  state: ConnectionState;
  /** The socket has connected at least once since sign-in (`reconnecting` before that is the first connection). */
  connectedOnce: boolean;
}

/**
 * Why features should fetch what they show again: the server lost events it should have relayed
 * (`redis-reconnected`, its `resync` event), or this page was disconnected and may have missed some
 * (`reconnected`).
 */
export interface ResyncEvent {
  reason: ResyncSignal['reason'] | 'reconnected';
}

/** What the connection needs from the session store. */
export interface RealtimeSession {
  /** The signed-in user's id, or null. */
  userId(): string | null;
  /** Calls back whenever the session changes (sign-in, sign-out, new user details). */
  subscribe(listener: () => void): () => void;
  /** Calls back with every new access token (sign-in and each refresh). */
  onToken(listener: (token: string) => void): () => void;
  /** The access token to present, refreshed first if it is about to expire. */
  token(): Promise<string | null>;
  /** The session store's serialised refresh; resolves to whether a new token was obtained. */
  refresh(): Promise<boolean>;
  /** The server says the session was revoked: forget it in this page (no call to the API). */
  end(): void;
}

export interface RealtimeTiming {
  /** socket.io's own backoff, after a lost connection. */
  reconnectionDelay: number;
  reconnectionDelayMax: number;
  randomizationFactor: number;
  /** How long to wait for the answer to `auth.refresh`. */
  ackTimeoutMs: number;
  /** The delay before the n-th (from 1) reconnection after a refused handshake or a server disconnect. */
  retryDelay(attempt: number): number;
  /** Refusals in a row before giving up (offline) until the next new access token. */
  maxRetries: number;
  /** A connection that lasted this long resets the count of refusals. */
  stableMs: number;
}

export const DEFAULT_TIMING: RealtimeTiming = {
  reconnectionDelay: 500,
  reconnectionDelayMax: 10_000,
  randomizationFactor: 0.5,
  ackTimeoutMs: 10_000,
  // At once the first time (a token that just expired), then 0.5 s, 1 s, 2 s, … up to 10 s, ± 50 %.
  retryDelay: (attempt) => (attempt <= 1 ? 0 : Math.min(10_000, 500 * 2 ** (attempt - 2)) * (0.5 + Math.random())),
  maxRetries: 6,
  stableMs: 30_000,
};

const TOKEN_REFUSALS: ReadonlySet<string> = new Set<RefusalCode>(['token-missing', 'token-invalid', 'token-expired']);

export interface Realtime {
  /** The current socket (null when signed out): listen to ServerEvents, emit ClientEvents. */
  readonly socket: RealtimeSocket | null;
  getSnapshot(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
  /** Listens to a server event on the current socket and on those of later sign-ins. */
  on<E extends keyof ServerEvents>(event: E, listener: ServerEvents[E]): () => void;
  onResync(listener: (event: ResyncEvent) => void): () => void;
  /** Follows the session from now on (idempotent). */
  start(): void;
  /** Disconnects and stops following the session. */
  stop(): void;
}

const OFFLINE: ConnectionSnapshot = { state: 'offline', connectedOnce: false };

export function createRealtime(
  session: RealtimeSession,
  open: SocketFactory,
  timing: RealtimeTiming = DEFAULT_TIMING,
): Realtime {
  let socket: RealtimeSocket | null = null;
  /** The user the socket was opened for. */
  let socketUser: string | null = null;
  let snapshot: ConnectionSnapshot = OFFLINE;
  /** Refused handshakes and server disconnects in a row; only a connection that lasted stableMs ends the run. */
  let retries = 0;
  /** When the socket last connected (null once a retry sequence has started). */
  let connectedAt: number | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The origin was refused: no point trying again until the next sign-in. */
  let refused = false;
  /** The token of the last handshake, and the newest token the session store announced. */
  let handshakeToken: string | null = null;
  let latestToken: string | null = null;
  let unsubscribers: (() => void)[] = [];

  const listeners = new Set<() => void>();
  const resyncListeners = new Set<(event: ResyncEvent) => void>();
  const eventListeners = new Map<keyof ServerEvents, Set<(...args: never[]) => void>>();

  function publish(state: ConnectionState, connectedOnce = snapshot.connectedOnce): void {
    if (snapshot.state === state && snapshot.connectedOnce === connectedOnce) return;
    snapshot = { state, connectedOnce };
    for (const listener of listeners) listener();
  }

  function resync(event: ResyncEvent): void {
    for (const listener of resyncListeners) listener(event);
  }

  function clearRetry(): void {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  /** Refused or disconnected by the server: connect again, after a refresh when the token was refused. */
  function retry(s: RealtimeSocket, refreshFirst: boolean): void {
    clearRetry();
    // A server that accepts the handshake and drops the socket at once must not be retried without a pause.
    if (connectedAt !== null && Date.now() - connectedAt >= timing.stableMs) retries = 0;
    connectedAt = null;
    retries += 1;
    if (retries > timing.maxRetries) {
      // Given up until the session store announces a new token.
      publish('offline');
      return;
    }
    publish('reconnecting');
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      // A newer token than the refused one is already there: no need to refresh.
      const refreshing =
        refreshFirst && (latestToken === null || latestToken === handshakeToken)
          ? session.refresh()
          : Promise.resolve(true);
      void refreshing.then(() => {
        // Signed out meanwhile (the refresh found the session over): the session listener has stopped it.
        if (s === socket && session.userId() === socketUser && !s.active) s.connect();
      });
    }, timing.retryDelay(retries));
  }

  function reauthenticate(s: RealtimeSocket, token: string): void {
    s.timeout(timing.ackTimeoutMs).emit('auth.refresh', { token }, (error: Error | null, result: ReauthResult) => {
      // No answer: if the server did not take the token, it disconnects the socket when the old one
      // expires, and that is handled there.
      if (s !== socket || error || result.ok) return;
      if (result.code === 'session-ended') {
        session.end();
        return;
      }
      // Refused: connect again, presenting the newest token in the handshake.
      s.disconnect();
      s.connect();
    });
  }

  function attach(s: RealtimeSocket): void {
    s.on('connect', () => {
      if (s !== socket) return;
      clearRetry();
      connectedAt = Date.now();
      const reconnected = snapshot.connectedOnce;
      publish('online', true);
      // A token that arrived during the handshake.
      if (latestToken && latestToken !== handshakeToken) {
        handshakeToken = latestToken;
        reauthenticate(s, latestToken);
      }
      if (reconnected) resync({ reason: 'reconnected' });
    });

    s.on('connect_error', (error: Error) => {
      if (s !== socket) return;
      // The connection could not be made (server down, network): socket.io tries again by itself.
      if (s.active) {
        publish('reconnecting');
        return;
      }
      // The server refused the handshake: socket.io leaves it there.
      const code = error.message;
      if (code === 'session-ended') {
        session.end();
      } else if (code === 'origin-refused') {
        refused = true;
        clearRetry();
        publish('offline');
      } else {
        retry(s, TOKEN_REFUSALS.has(code));
      }
    });

    s.on('disconnect', (reason) => {
      if (s !== socket) return;
      if (reason === 'io client disconnect') return;
      if (reason === 'io server disconnect') {
        // The token expired, or the session was revoked (signed out, ended elsewhere, user suspended): the
        // server does not say which, and socket.io does not reconnect by itself. Connect again at once: the
        // handshake presents a fresh token (the session store refreshes one that is about to expire) and its
        // refusal says which (`session-ended`, or a token refusal that refreshes). Refreshing first would
        // present the refresh cookie of a revoked session, for a 401.
        retry(s, false);
      } else {
        publish('reconnecting');
      }
    });

    s.io.on('reconnect_failed', () => {
      if (s === socket) publish('offline');
    });

    s.on('resync', (signal: ResyncSignal) => {
      if (s === socket) resync({ reason: signal.reason });
    });

    for (const [event, set] of eventListeners) for (const listener of set) s.on(event, listener as never);
  }

  function openSocket(user: string): void {
    socketUser = user;
    refused = false;
    retries = 0;
    connectedAt = null;
    handshakeToken = null;
    const s = open({
      autoConnect: false,
      forceNew: true,
      reconnection: true,
      reconnectionDelay: timing.reconnectionDelay,
      reconnectionDelayMax: timing.reconnectionDelayMax,
      randomizationFactor: timing.randomizationFactor,
      // Runs before every handshake, so each reconnection presents the freshest token.
      auth: (cb) => {
        void session
          .token()
          .catch(() => null)
          .then((token) => {
            if (s !== socket) return;
            handshakeToken = token;
            cb(token ? { token } : {});
          });
      },
    });
    socket = s;
    attach(s);
    publish('reconnecting', false);
    s.connect();
  }

  function closeSocket(): void {
    clearRetry();
    const s = socket;
    socket = null;
    socketUser = null;
    handshakeToken = null;
    latestToken = null;
    if (s) {
      s.disconnect();
      s.off();
      s.io.off('reconnect_failed');
    }
    publish('offline', false);
  }

  /** Follows the session: a socket for the signed-in user, none otherwise. */
  function follow(): void {
    const user = session.userId();
    if (user === socketUser) return;
    if (socket) closeSocket();
    if (user) openSocket(user);
  }

  function onToken(token: string): void {
    latestToken = token;
    const s = socket;
    if (!s) return;
    if (s.connected) {
      handshakeToken = token;
      reauthenticate(s, token);
    } else if (!refused && !s.active) {
      // Waiting to retry (or refreshing for a retry), or given up: a new token is a reason to try now. Only
      // giving up starts the count of refusals again.
      if (snapshot.state === 'offline') retries = 0;
      clearRetry();
      publish('reconnecting');
      s.connect();
    }
  }

  return {
    get socket() {
      return socket;
    },
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    on(event, listener) {
      let set = eventListeners.get(event);
      if (!set) eventListeners.set(event, (set = new Set()));
      const entry = listener as (...args: never[]) => void;
      set.add(entry);
      socket?.on(event, entry as never);
      return () => {
        set.delete(entry);
        socket?.off(event, entry as never);
      };
    },
    onResync(listener) {
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
    start() {
      if (unsubscribers.length > 0) return;
      unsubscribers = [session.subscribe(follow), session.onToken(onToken)];
      follow();
    },
    stop() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers = [];
      closeSocket();
    },
  };
}
