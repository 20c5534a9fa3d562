import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { RealtimeEmitter } from './realtime-emitter';
import { RealtimeGateway } from './realtime.gateway';
import { RoomPolicies } from './rooms';
import { Presence } from './presence';

/** The socket.io server (API processes). */
@Module({
  imports: [IdentityModule],
  providers: [RealtimeGateway, RoomPolicies, RealtimeEmitter, Presence],
  exports: [RoomPolicies, RealtimeEmitter, Presence],
})
export class RealtimeModule {}

/** Emitting only, for processes without a socket.io server (the worker, scripts). */
@Module({ providers: [RealtimeEmitter], exports: [RealtimeEmitter] })
export class RealtimeEmitterModule {}
