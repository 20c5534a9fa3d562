import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AccessPassport, AuthUser, SessionsService } from '@liaison/identity';
import { AppConfig, ClusterEvents, Clock, Metrics, RefusalAudit } from '@liaison/platform';
import { clientAddressOf } from './client-address';
import type { ClientEvents, ReauthResult, RefusalCode, ServerEvents } from '@liaison/contracts';
import { RoomPolicies, sessionRoom, userRoom } from './room-policies.registry';
import { SocketServer } from './socket-server';

/** What other nodes see of a socket (fetchSockets serialises it): plain data only, no timers. */
interface SocketData {
  user: AuthUser;
}

type LiaisonSocket = Socket<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

class Refusal extends Error {
  constructor(readonly code: RefusalCode) {
    super(code);
  }
}

/**
 * Sockets re-checked at once by the periodic re-check; the next batch starts when this one is done. Small,
 * so the re-check of every socket never holds more than a few of the pool's connections at once.
 */
const RECHECK_BATCH = 4;
/** Rooms every socket holds by construction, never re-checked against a policy. */
const ownRoom = (socket: LiaisonSocket, room: string) =>
  room === socket.id || room.startsWith('user:') || room.startsWith('session:');

/**
 * The realtime server: authenticates each handshake with the same passport strategy as HTTP, puts the socket in
 * its user's and its session's rooms, disconnects it when its token expires unless it re-authenticates, and
 * when its session is revoked or its user suspended (cluster events, so on every node).
 *
 * Cluster events can be lost (Redis away, a node cut off), so nothing relies on them alone:
 * - every incoming event first checks that the socket's session is live and its user active (an answer
 *   reused for at most REALTIME_SESSION_CHECK_MS); otherwise the event is dropped and the socket refused;
 * - every socket's session and rooms are checked again against PostgreSQL through the room policies every
 *   REALTIME_RECHECK_INTERVAL_MS, when it presents a refreshed token, and when this node's Redis
 *   connection comes back: a room the user may no longer read is left, an ended session is disconnected.
 */
@WebSocketGateway()
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy
{
  @WebSocketServer()
  server: Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

  private readonly logger = new Logger('Realtime');
  /** Each local socket's token-expiry timer (kept off socket.data, which must stay serialisable). */
  private readonly expiries = new WeakMap<object, NodeJS.Timeout>();
  /** Each session's last "live" answer and until when it may be reused, for the incoming-event check. */
  private readonly liveSessions = new Map<string, { userId: string; live: boolean; until: number }>();
  /** Session checks in flight: the events of one session that arrive meanwhile wait for the same answer. */
  private readonly checking = new Map<string, Promise<boolean>>();
  /** Session checks asked for in this turn of the event loop: answered together, by one query. */
  private queuedChecks: {
    sessionId: string;
    userId: string;
    settle: (live: boolean) => void;
    fail: (error: Error) => void;
  }[] = [];
  private recheckTimer?: NodeJS.Timeout;
  private rechecking = false;
  private recheckAgain = false;

  constructor(
    private readonly passport: AccessPassport,
    private readonly cluster: ClusterEvents,
    private readonly rooms: RoomPolicies,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly refusals: RefusalAudit,
    private readonly metrics: Metrics,
    private readonly sockets: SocketServer,
  ) {}

  /**
   * Checks every local socket's session and rooms against PostgreSQL again, in batches: those whose session
   * ended are refused, rooms their user may no longer read are left. Run periodically, and when this node's
   * Redis connection comes back (it may have missed revocations and removals meanwhile).
   */
  async recheckAll(): Promise<void> {
    if (!this.server) return;
    if (this.rechecking) {
      // One more pass once the running one ends: it may have looked at a socket before what changed.
      this.recheckAgain = true;
      return;
    }
    this.rechecking = true;
    try {
      const sockets = [...this.server.sockets.sockets.values()] as LiaisonSocket[];
      for (let start = 0; start < sockets.length; start += RECHECK_BATCH) {
        await Promise.all(sockets.slice(start, start + RECHECK_BATCH).map((socket) => this.recheck(socket)));
      }
      const now = Date.now();
      for (const [sessionId, entry] of this.liveSessions) if (entry.until <= now) this.liveSessions.delete(sessionId);
    } finally {
      this.rechecking = false;
    }
    if (this.recheckAgain) {
      this.recheckAgain = false;
      await this.recheckAll();
    }
  }

  /** One socket: its session, then each room it holds, through the room policies. */
  private async recheck(socket: LiaisonSocket): Promise<void> {
    const { user } = socket.data;
    if (!user || socket.disconnected) return;
    try {
      if (!(await this.sessionLive(user, true))) return this.refuse(socket, 'session-ended');
      for (const room of [...socket.rooms]) {
        if (ownRoom(socket, room)) continue;
        if (!(await this.rooms.allows(user, room))) {
          this.logger.log(`socket ${socket.id} left ${room}: no longer allowed`);
          await socket.leave(room);
        }
      }
    } catch (error) {
      this.logger.warn(`re-check of socket ${socket.id} failed: ${(error as Error).message}`);
    }
  }

  /** Whether the session is live and its user active; `fresh` skips the short cache. */
  private async sessionLive(user: AuthUser, fresh = false): Promise<boolean> {
    const cached = this.liveSessions.get(user.sessionId);
    if (!fresh && cached && cached.until > Date.now()) return cached.live;
    const inFlight = this.checking.get(user.sessionId);
    if (inFlight) return inFlight;
    const check = new Promise<boolean>((settle, fail) => {
      if (this.queuedChecks.length === 0) setImmediate(() => void this.checkQueued());
      this.queuedChecks.push({ sessionId: user.sessionId, userId: user.id, settle, fail });
    })
      .then((live) => {
        this.liveSessions.set(user.sessionId, {
          userId: user.id,
          live,
          until: Date.now() + this.config.REALTIME_SESSION_CHECK_MS,
        });
        return live;
      })
      .finally(() => this.checking.delete(user.sessionId));
    this.checking.set(user.sessionId, check);
    return check;
  }

  private async checkQueued(): Promise<void> {
    const batch = this.queuedChecks.splice(0);
    try {
      const live = await this.sessions.liveOf(batch);
      for (const entry of batch) entry.settle(live.has(entry.sessionId));
    } catch (error) {
      for (const entry of batch) entry.fail(error as Error);
    }
  }

  /**
   * The one place a connected socket is refused: its session ended, its user was suspended, its token is
   * no longer valid. Logged and disconnected; whatever event it was sending is dropped.
   */
  private refuse(socket: LiaisonSocket, code: RefusalCode): void {
    this.logger.warn(`socket ${socket.id} refused: ${code}`);
    socket.disconnect(true);
  }

  onModuleInit(): void {
    this.cluster.on('identity.session-revoked', ({ sessionId }) => {
      this.liveSessions.delete(sessionId);
      this.disconnect(sessionRoom(sessionId), 'session-ended');
    });
    this.cluster.on('identity.user-suspended', ({ userId }) => {
      for (const [sessionId, entry] of this.liveSessions)
        if (entry.userId === userId) this.liveSessions.delete(sessionId);
      this.disconnect(userRoom(userId), 'session-ended');
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.recheckTimer);
  }

  afterInit(server: Server): void {
    this.sockets.server = server;
    this.recheckTimer = setInterval(
      () =>
        void this.recheckAll().catch((error: Error) => this.logger.warn(`periodic re-check failed: ${error.message}`)),
      this.config.REALTIME_RECHECK_INTERVAL_MS,
    );
    this.recheckTimer.unref();
    this.metrics.gauge(
      'liaison_realtime_sockets_open',
      'Sockets connected to this node',
      () => server.sockets.sockets.size,
    );
    server.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown };
      this.authenticate(socket as LiaisonSocket, typeof auth.token === 'string' ? auth.token : undefined).then(
        () => next(),
        (error: unknown) => {
          const code = error instanceof Refusal ? error.code : 'token-invalid';
          this.logger.warn(`socket refused: ${code} from ${socket.handshake.address}`);
          void this.refusals.record({
            action: 'realtime.handshake-refused',
            ip: clientAddressOf(socket.request),
            details: { refusal: code },
          });
          next(new Refusal(code));
        },
      );
    });
  }

  /** Checks the token and (re)arms the expiry timer. */
  private async authenticate(socket: LiaisonSocket, token: string | undefined): Promise<Date> {
    const access = await this.passport.authenticateToken(token);
    if (!access.ok) throw new Refusal(access.reason);
    const previous = socket.data.user;
    if (previous && (previous.id !== access.user.id || previous.sessionId !== access.user.sessionId)) {
      throw new Refusal('token-invalid');
    }
    socket.data.user = access.user;
    clearTimeout(this.expiries.get(socket));
    const remaining = access.expiresAt.getTime() - this.clock.now().getTime();
    const expiry = setTimeout(
      () => {
        this.logger.log(`socket ${socket.id} disconnected: its token expired`);
        socket.disconnect(true);
      },
      Math.max(0, remaining),
    );
    this.expiries.set(socket, expiry);
    return access.expiresAt;
  }

  async handleConnection(socket: LiaisonSocket): Promise<void> {
    const { user } = socket.data;
    // Deliveries, counted where they are written: broadcasts from any node reach this socket only here.
    // socket.io encodes an event as `2[name, …]` (acknowledgements are `3…`).
    // Several thousand a second under load: the labelled counters are looked up once, not per packet.
    const messages = this.metrics.deliveries.labels({ event: 'message.created' });
    const others = this.metrics.deliveries.labels({ event: 'other' });
    socket.conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message' || typeof packet.data !== 'string' || packet.data[0] !== '2') return;
      (packet.data.startsWith('2["message.created"') ? messages : others).inc();
    });
    // Every incoming event, whatever library handles it: a live session and an active user, or nothing.
    socket.use((_packet, next) => {
      this.sessionLive(socket.data.user).then(
        (live) => (live ? next() : this.refuse(socket, 'session-ended')),
        (error: Error) => {
          this.logger.warn(`session check for socket ${socket.id} failed: ${error.message}`);
          this.refuse(socket, 'session-ended');
        },
      );
    });
    await socket.join([userRoom(user.id), sessionRoom(user.sessionId)]);
  }

  handleDisconnect(socket: LiaisonSocket): void {
    clearTimeout(this.expiries.get(socket));
  }

  private disconnect(room: string, reason: RefusalCode): void {
    // A gateway that got no server (an application context without the socket.io adapter): nothing to drop.
    if (!this.server) return;
    const sockets = this.server.local.in(room);
    this.logger.log(`disconnecting ${room}: ${reason}`);
    sockets.disconnectSockets(true);
  }

  @SubscribeMessage('auth.refresh')
  async reauthenticate(
    @ConnectedSocket() socket: LiaisonSocket,
    @MessageBody() body: { token?: unknown },
  ): Promise<ReauthResult> {
    try {
      const expiresAt = await this.authenticate(socket, typeof body?.token === 'string' ? body.token : undefined);
      // A refreshed token is a moment to look again at what this socket may still read.
      await this.recheck(socket);
      if (socket.disconnected) return { ok: false, code: 'session-ended' };
      return { ok: true, expiresAt: expiresAt.toISOString() };
    } catch (error) {
      const code = error instanceof Refusal ? error.code : 'token-invalid';
      setImmediate(() => socket.disconnect(true));
      return { ok: false, code };
    }
  }

  @SubscribeMessage('room.join')
  async join(
    @ConnectedSocket() socket: LiaisonSocket,
    @MessageBody() body: { room?: unknown },
  ): Promise<{ ok: boolean }> {
    const room = typeof body?.room === 'string' ? body.room : '';
    if (!(await this.rooms.allows(socket.data.user, room))) return { ok: false };
    await socket.join(room);
    return { ok: true };
  }

  @SubscribeMessage('room.leave')
  async leave(
    @ConnectedSocket() socket: LiaisonSocket,
    @MessageBody() body: { room?: unknown },
  ): Promise<{ ok: boolean }> {
    const room = typeof body?.room === 'string' ? body.room : '';
    if (room.startsWith('user:') || room.startsWith('session:')) return { ok: false };
    await socket.leave(room);
    return { ok: true };
  }
}
