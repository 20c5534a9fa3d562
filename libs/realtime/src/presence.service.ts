import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { RedisConnections } from '@liaison/platform';
import { adapterKey } from './realtime-io.adapter';
import { userRoom } from './room-policies.registry';
import { SocketServer } from './socket-server';

/**
 * Who has a socket open right now, on any node. An API process asks through its own socket.io server; a
 * process without one (the worker, which runs the "new messages" checks) asks through a socket.io server
 * that listens on no port and holds no sockets, joined to the same Redis adapter.
 */
@Injectable()
export class Presence implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Presence.name);
  private headless?: Server;

  constructor(
    private readonly sockets: SocketServer,
    private readonly connections: RedisConnections,
  ) {}

  /** After the gateway got its server, if it was to get one: created here so its subscription is in place. */
  onApplicationBootstrap(): void {
    if (this.sockets.server) return;
    this.headless = new Server();
    this.headless.adapter(
      createAdapter(
        this.connections.create('presence-publisher', { keyPrefix: false }),
        this.connections.create('presence-subscriber', { keyPrefix: false }),
        { key: adapterKey(this.connections) },
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    // Never attached to an HTTP server, it has no engine for Server.close() to close: only its adapter.
    await this.headless?.of('/').adapter.close();
  }

  /**
   * The users among `userIds` with at least one socket on any node. If the other nodes cannot be asked
   * (Redis away), the answer covers this node only: callers err towards telling people too much.
   */
  async online(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const server = this.sockets.server ?? this.headless;
    if (!server) return new Set();
    try {
      const sockets = await server.in(userIds.map(userRoom)).fetchSockets();
      return new Set(sockets.map((socket) => (socket.data as { user: { id: string } }).user.id));
    } catch (error) {
      this.logger.warn(`presence across nodes unavailable: ${(error as Error).message}`);
      const sockets = await server.local.in(userIds.map(userRoom)).fetchSockets();
      return new Set(sockets.map((socket) => (socket.data as { user: { id: string } }).user.id));
    }
  }
}
