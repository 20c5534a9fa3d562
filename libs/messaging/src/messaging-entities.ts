import type { EntityList } from '@liaison/platform';
import { MessageEdit } from './messages/message-edit.entity';
import { Message } from './messages/message.entity';
import { ThreadParticipant } from './threads/thread-participant.entity';
import { ThreadRead } from './threads/thread-read.entity';
import { Thread } from './threads/thread.entity';

export const messagingEntities = [Thread, ThreadParticipant, ThreadRead, Message, MessageEdit] satisfies EntityList;
