import { Module } from '@nestjs/common';
import { Presence } from './presence.service';
import { RealtimeEmitter } from './realtime-emitter.service';
import { RoomPolicies } from './room-policies.registry';
import { SocketServer } from './socket-server';

/**
 * The core, in every process: emitting to rooms through Redis, the room policies higher libraries
 * register, and who is online. No socket.io server of its own.
 */
@Module({
  providers: [RoomPolicies, RealtimeEmitter, Presence, SocketServer],
  exports: [RoomPolicies, RealtimeEmitter, Presence, SocketServer],
})
export class RealtimeModule {}
