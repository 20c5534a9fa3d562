import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { NotificationsModule } from '@liaison/notifications';
import { RealtimeModule } from '@liaison/realtime';
import { MessagesService } from './messages/messages.service';
import { MessagingNotices } from './messages/messaging-notices';
import { SendLimiter } from './messages/send-limiter';
import { MessagingController } from './messaging.controller';
import { MessagingGateway } from './realtime/messaging.gateway';
import { ThreadAccess } from './threads/thread-access';
import { ThreadCrypto } from './threads/thread-crypto';
import { ThreadsService } from './threads/threads.service';

/** Secure threads between focal points: forum and private threads, encrypted messages, live and in order. */
@Module({
  imports: [IdentityModule, RealtimeModule, NotificationsModule],
  controllers: [MessagingController],
  providers: [
    ThreadAccess,
    ThreadCrypto,
    ThreadsService,
    MessagesService,
    MessagingNotices,
    SendLimiter,
    MessagingGateway,
  ],
  exports: [ThreadAccess, ThreadCrypto, ThreadsService, MessagesService],
})
export class MessagingModule {}
