import './events';

export { MessagingModule } from './messaging.module';
export { messagingEntities } from './messaging-entities';
export { ThreadAccess } from './threads/thread-access';
export { MESSAGING_OWNER, ThreadKinds } from './threads/thread-kinds';
export type { ThreadKindDefinition } from './threads/thread-kinds';
export { ThreadCrypto, threadKeyContext } from './threads/thread-crypto';
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
