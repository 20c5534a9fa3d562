import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { RealtimeEmitter } from './realtime-emitter';
import { RealtimeGateway } from './realtime.gateway';
import { RoomPolicies } from './rooms';

/** The socket.io server (API processes). */
@Module({
  imports: [IdentityModule],
  providers: [RealtimeGateway, RoomPolicies, RealtimeEmitter],
  exports: [RoomPolicies, RealtimeEmitter],
})
export class RealtimeModule {}

/** Emitting only, for processes without a socket.io server (the worker, scripts). */
@Module({ providers: [RealtimeEmitter], exports: [RealtimeEmitter] })
export class RealtimeEmitterModule {}
