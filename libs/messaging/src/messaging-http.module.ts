import { Module } from '@nestjs/common';
import { RealtimeModule } from '@liaison/realtime';
import { MessagesController } from './messages/messages.controller';
import { MessagingModule } from './messaging.module';
import { MessagingGateway } from './realtime/messaging.gateway';
import { SearchController } from './search/search.controller';
import { ThreadsController } from './threads/threads.controller';

/** Threads and messages over HTTP and on the socket (API only). */
@Module({
  imports: [MessagingModule, RealtimeModule],
  controllers: [ThreadsController, MessagesController, SearchController],
  providers: [MessagingGateway],
})
export class MessagingHttpModule {}
