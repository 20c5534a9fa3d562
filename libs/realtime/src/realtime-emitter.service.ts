import { Injectable, OnModuleInit } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import { RedisConnections } from '@liaison/platform';
import type { ServerEvents } from '@liaison/contracts';
import { adapterKey } from './realtime-io.adapter';
import { sessionRoom, userRoom } from './room-policies.registry';
import { SocketServer } from './socket-server';

type EventName = keyof ServerEvents & string;
type Payload<E extends EventName> = Parameters<ServerEvents[E]>;

/**
 * Emits to sockets on every node from any process — an API node or a worker with no socket.io server —
 * through the same Redis channel the adapter listens on. On an API node, `toRoom` goes through the node's
 * own socket.io server instead: its sockets are written to directly and the adapter still publishes the
 * event to the other nodes (no round trip through Redis and back for the local sockets).
 */
@Injectable()
export class RealtimeEmitter implements OnModuleInit {
  private emitter!: Emitter<ServerEvents>;

  constructor(
    private readonly connections: RedisConnections,
    private readonly sockets: SocketServer,
  ) {}

  onModuleInit(): void {
    this.emitter = new Emitter<ServerEvents>(this.connections.create('socket.io-emitter', { keyPrefix: false }), {
      key: adapterKey(this.connections),
    });
  }

  toUser<E extends EventName>(userId: string, event: E, ...payload: Payload<E>): void {
    this.emitter.to(userRoom(userId)).emit(event, ...payload);
  }

  toSession<E extends EventName>(sessionId: string, event: E, ...payload: Payload<E>): void {
    this.emitter.to(sessionRoom(sessionId)).emit(event, ...payload);
  }

  toRoom<E extends EventName>(room: string, event: E, ...payload: Payload<E>): void {
    const server = this.sockets.server;
    if (server) (server.to(room).emit as (event: string, ...args: unknown[]) => boolean)(event, ...payload);
    else this.emitter.to(room).emit(event, ...payload);
  }

  /** Every socket in `members` (e.g. a user's room) leaves `room`, on every node: access taken away. */
  leave(members: string, room: string): void {
    this.emitter.in(members).socketsLeave(room);
  }
}
