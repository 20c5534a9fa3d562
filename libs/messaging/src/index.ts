import './events';

export { MessagingModule } from './messaging.module';
export {
  messagingEntities,
  Message,
  MessageEdit,
  MessageToken,
  Thread,
  ThreadParticipant,
  ThreadRead,
} from './messaging-entities';
export type { ThreadKind } from './messaging-entities';
export { ThreadAccess, READABLE } from './threads/thread-access';
export { ThreadCrypto, threadKeyContext } from './threads/thread-crypto';
export { ThreadsService, threadRoom } from './threads/threads.service';
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
