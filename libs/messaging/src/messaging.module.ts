import { Module } from '@nestjs/common';
import { AppConfig } from '@liaison/platform';
import { IdentityModule } from '@liaison/identity';
import { NotificationsModule } from '@liaison/notifications';
import { RealtimeModule } from '@liaison/realtime';
import { MessageSender } from './messages/message-sender.service';
import { MessagesService } from './messages/messages.service';
import { MessagingNotices } from './messages/messaging-notices.processor';
import { SendLimiter } from './messages/send-limiter.service';
import { MessagingKinds } from './threads/messaging-kinds.policy';
import { ThreadAccess } from './threads/thread-access.policy';
import { ThreadKinds } from './threads/thread-kinds.registry';
import { ThreadCrypto } from './threads/thread-crypto.service';
import { ThreadsService } from './threads/threads.service';
import { BlindIndex } from './search/blind-index';

/**
 * Secure threads between focal points: forum and private threads, encrypted messages, live and in order.
 * Libraries above register their own kinds of thread with ThreadKinds at module init.
 */
@Module({
  imports: [IdentityModule, RealtimeModule, NotificationsModule],
  providers: [
    ThreadKinds,
    MessagingKinds,
    ThreadAccess,
    ThreadCrypto,
    ThreadsService,
    MessageSender,
    MessagesService,
    MessagingNotices,
    SendLimiter,
    // One index per process, so sending, editing and searching share its cache of recent words' tokens.
    {
      provide: BlindIndex,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new BlindIndex(Buffer.from(config.SEARCH_INDEX_KEY, 'base64')),
    },
  ],
  exports: [ThreadKinds, ThreadAccess, ThreadCrypto, ThreadsService, MessageSender, MessagesService, SendLimiter],
})
export class MessagingModule {}
