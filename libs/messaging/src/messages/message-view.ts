import { HttpStatus } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProblemException } from '@liaison/platform';
import type { MessageView } from '@liaison/contracts';
import { Message } from './message.entity';
import { Thread } from '../threads/thread.entity';
import { ThreadCrypto } from '../threads/thread-crypto.service';

/** What the messages services share: a message row as selected, its view for a reader, read positions. */

export interface MessageRow {
  id: string;
  thread_id: string;
  seq: string;
  client_id: string;
  author_id: string;
  author_name: string;
  body_sealed: string | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

/**
 * Moves a reader's position forward (never back) and clears their unread notice: the one rule, used by
 * reading and by sending (which reads everything before it). Parameters are placeholders like `$1`.
 */
export const advanceRead = (thread: string, user: string, seq: string) =>
  `INSERT INTO thread_reads (thread_id, user_id, last_read_seq, noticed_at) VALUES (${thread}, ${user}, ${seq}, NULL)
   ON CONFLICT (thread_id, user_id) DO UPDATE SET last_read_seq = GREATEST(thread_reads.last_read_seq, EXCLUDED.last_read_seq), noticed_at = NULL`;

/** A message row (`MessageRow`) with its author's display name. */
export function selectMessages(manager: EntityManager) {
  return manager
    .createQueryBuilder(Message, 'm')
    .innerJoin('users', 'u', 'u.id = m.author_id')
    .select([
      'm.id AS id',
      'm.thread_id AS thread_id',
      'm.seq AS seq',
      'm.client_id AS client_id',
      'm.author_id AS author_id',
      'u.display_name AS author_name',
      'm.body_sealed AS body_sealed',
      'm.created_at AS created_at',
      'm.edited_at AS edited_at',
      'm.deleted_at AS deleted_at',
    ]);
}

/** A row as its reader sees it: the body opened, or `unreadable` when the ciphertext fails its check. */
export async function messageView(crypto: ThreadCrypto, thread: Thread, row: MessageRow): Promise<MessageView> {
  const body =
    row.body_sealed === null
      ? null
      : await crypto.open(thread, { kind: 'message', messageId: row.id }, row.body_sealed);
  return {
    id: row.id,
    threadId: row.thread_id,
    seq: Number(row.seq),
    clientId: row.client_id,
    author: { id: row.author_id, displayName: row.author_name },
    body,
    unreadable: row.body_sealed !== null && body === null,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deletedAt: row.deleted_at?.toISOString() ?? null,
  };
}

/** The message of `thread` that `where` finds, as its reader sees it; null when none. */
export async function oneMessage(
  manager: EntityManager,
  crypto: ThreadCrypto,
  thread: Thread,
  where: string,
  params: Record<string, unknown>,
): Promise<MessageView | null> {
  const row = await selectMessages(manager)
    .where('m.thread_id = :threadId', { threadId: thread.id })
    .andWhere(where, params)
    .getRawOne<MessageRow>();
  return row ? messageView(crypto, thread, row) : null;
}

export function unreadable(): ProblemException {
  return new ProblemException({
    type: '/problems/unreadable-ciphertext',
    title: 'This content cannot be read',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'The stored ciphertext failed its integrity check. The incident is recorded in the audit log.',
  });
}
