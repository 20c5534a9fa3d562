import { Logger, OnModuleInit } from '@nestjs/common';
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
import { ClusterEvents, Clock } from '@liaison/platform';
import type { ClientEvents, ReauthResult, RefusalCode, ServerEvents } from './events';
import { RoomPolicies, sessionRoom, userRoom } from './rooms';

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
 * The realtime server: authenticates each handshake with the same passport strategy as HTTP, puts the socket in
 * its user's and its session's rooms, disconnects it when its token expires unless it re-authenticates, and
 * when its session is revoked or its user suspended (cluster events, so on every node).
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleInit {
  @WebSocketServer()
  server: Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

  private readonly logger = new Logger('Realtime');
  /** Each local socket's token-expiry timer (kept off socket.data, which must stay serialisable). */
  private readonly expiries = new WeakMap<object, NodeJS.Timeout>();

  constructor(
    private readonly passport: AccessPassport,
    private readonly cluster: ClusterEvents,
    private readonly rooms: RoomPolicies,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  /**
   * After this node was cut off from Redis it may have missed revocations: check every local socket's
   * session against PostgreSQL again, and drop those that ended.
   */
  async recheckSessions(): Promise<void> {
    if (!this.server) return;
    const sockets = await this.server.local.fetchSockets();
    await Promise.all(
      sockets.map(async (socket) => {
        const { user } = socket.data;
        if (user && !(await this.sessions.authenticate(user.sessionId, user.id))) socket.disconnect(true);
      }),
    );
  }

  onModuleInit(): void {
    this.cluster.on('identity.session-revoked', ({ sessionId }) =>
      this.disconnect(sessionRoom(sessionId), 'session-ended'),
    );
    this.cluster.on('identity.user-suspended', ({ userId }) => this.disconnect(userRoom(userId), 'session-ended'));
  }

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown };
      this.authenticate(socket as LiaisonSocket, typeof auth.token === 'string' ? auth.token : undefined).then(
        () => next(),
        (error: unknown) => {
          const code = error instanceof Refusal ? error.code : 'token-invalid';
          this.logger.warn(`socket refused: ${code} from ${socket.handshake.address}`);
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
    await socket.join([userRoom(user.id), sessionRoom(user.sessionId)]);
  }

  handleDisconnect(socket: LiaisonSocket): void {
    clearTimeout(this.expiries.get(socket));
  }

  private disconnect(room: string, reason: RefusalCode): void {
    // A process without a socket.io server (the worker, a CLI) loads this module too: nothing to drop.
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
