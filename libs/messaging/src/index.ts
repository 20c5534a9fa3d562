import './events';

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
export type {
  AckProblem,
  MessageView,
  PersonRef,
  SendAck,
  SendBody,
  SyncRequest,
  SyncResult,
  ThreadView,
} from './events';
export { BlindIndex, normalisedWords } from './search/blind-index';
export { SendRefused, ThreadSync } from './client';
export type { SyncSocket, ThreadSyncOptions } from './client';
