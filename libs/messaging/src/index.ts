import './messaging-domain-events';

export { MessagingModule } from './messaging.module';
export { MessagingHttpModule } from './messaging-http.module';
export { messagingEntities } from './messaging-entities';
export { ThreadAccess } from './threads/thread-access.policy';
export { MESSAGING_OWNER, ThreadKinds } from './threads/thread-kinds.registry';
export type { ThreadKindDefinition } from './threads/thread-kinds.registry';
export { ThreadCrypto, threadKeyContext } from './threads/thread-crypto.service';
export { ThreadsService } from './threads/threads.service';
export type { OwnedThreadInput } from './threads/threads.service';
export { MessagesService } from './messages/messages.service';
export { MessageSender } from './messages/message-sender.service';
export type {
  AckProblem,
  MessageView,
  PersonRef,
  SendAck,
  SendBody,
  SyncRequest,
  SyncResult,
  ThreadView,
} from '@liaison/contracts';
export type { MessageSent } from './messaging-domain-events';
export { BlindIndex, normalisedWords } from './search/blind-index';
export { SendRefused, ThreadSync } from '@liaison/contracts';
export type { SyncSocket, ThreadSyncOptions } from '@liaison/contracts';
