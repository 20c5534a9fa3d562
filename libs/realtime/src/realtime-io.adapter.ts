import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig, RedisConnections, RefusalAudit } from '@liaison/platform';
import { clientAddressOf, TrustProxy } from './client-address';
import { SOCKET_PATH } from '@liaison/contracts';
import { RealtimeGateway } from './realtime.gateway';

/** The Redis channel prefix the adapter and the emitter share. */
export const adapterKey = (connections: RedisConnections) => `${connections.keyPrefix}socket.io`;

/**
 * socket.io for every API node: WebSocket transport only (no sticky sessions needed behind the load
 * balancer), an Origin allow-list checked in allowRequest (socket.io's `cors` option does not stop a
 * WebSocket), and the Redis pub/sub adapter so a room spans every node. When this node's Redis connection
 * comes back after a drop, it may have missed broadcasts, revocations and removals: it rechecks its sockets'
 * sessions and rooms and tells its clients to resync.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly log = new Logger('Realtime');

  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const config = this.app.get(AppConfig);
    const connections = this.app.get(RedisConnections);
    const allowed = new Set([config.PUBLIC_ORIGIN, ...config.CORS_ORIGINS]);
    const server = super.createIOServer(port, {
      ...(options as ServerOptions),
      path: SOCKET_PATH,
      transports: ['websocket'],
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
      allowRequest: (
        request: IncomingMessage,
        callback: (error: string | null | undefined, success: boolean) => void,
      ) => {
        const origin = request.headers.origin;
        const ip = clientAddressOf(request, this.trustProxy());
        // A client without Origin (not a browser) still has to present a valid token in the handshake.
        if (origin === undefined || allowed.has(origin)) return callback(null, true);
        this.log.warn(`socket refused: origin-refused (${origin})`);
        void this.app.get(RefusalAudit).record({
          action: 'realtime.handshake-refused',
          ip,
          details: { refusal: 'origin-refused', origin: origin.slice(0, 200) },
        });
        callback('origin-refused', false);
      },
    } as ServerOptions) as Server;
    const publisher = connections.create('socket.io-publisher', { keyPrefix: false });
    const subscriber = connections.create('socket.io-subscriber', { keyPrefix: false });
    server.adapter(createAdapter(publisher, subscriber, { key: adapterKey(connections) }));
    let lost = false;
    subscriber.on('close', () => (lost = true));
    subscriber.on('ready', () => {
      if (!lost) return;
      lost = false;
      this.log.warn('Redis is back: rechecking sessions and rooms and telling this node’s clients to resync');
      this.app
        .get(RealtimeGateway)
        .recheckAll()
        .catch((error: Error) => this.log.error(`session and room recheck failed: ${error.message}`));
      server.local.emit('resync', { reason: 'redis-reconnected' });
    });
    return server;
  }

  /** The HTTP edge's `trust proxy` setting, so a socket's client address is the one its HTTP requests get. */
  private trustProxy(): TrustProxy | undefined {
    const http = (this.app as { getHttpAdapter?: () => { getInstance(): { get(name: string): unknown } } })
      .getHttpAdapter?.()
      .getInstance();
    const trust = http?.get('trust proxy fn');
    return typeof trust === 'function' ? (trust as TrustProxy) : undefined;
  }
}
