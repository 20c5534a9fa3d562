import { Module } from '@nestjs/common';
import { RealtimeModule } from '@liaison/realtime';
import { MessagingController } from './messaging.controller';
import { MessagingModule } from './messaging.module';
import { MessagingGateway } from './realtime/messaging.gateway';

/** Threads and messages over HTTP and on the socket (API only). */
@Module({
  imports: [MessagingModule, RealtimeModule],
  controllers: [MessagingController],
  providers: [MessagingGateway],
})
export class MessagingHttpModule {}
