import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeModule } from './realtime.module';

/** The socket.io server: the gateway that authenticates sockets and lets them into rooms (API only). */
@Module({
  imports: [RealtimeModule, IdentityModule],
  providers: [RealtimeGateway],
})
export class RealtimeHttpModule {}
