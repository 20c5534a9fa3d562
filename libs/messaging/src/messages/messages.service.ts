import { ForbiddenException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  afterCommit,
  AuditContext,
  AuditService,
  decodeCursor,
  encodeCursor,
  ProblemException,
  ValidationProblem,
} from '@liaison/platform';
import { AuthUser } from '@liaison/identity';
import { RealtimeEmitter } from '@liaison/realtime';
import type { MessageView } from '@liaison/contracts';
import { Message } from './message.entity';
import { MessageEdit } from './message-edit.entity';
import { Thread } from '../threads/thread.entity';
import '../messaging-domain-events';
import { BlindIndex, normalisedWords } from '../search/blind-index';
import { ThreadAccess } from '../threads/thread-access.policy';
import { ThreadCrypto } from '../threads/thread-crypto.service';
import { ThreadKinds } from '../threads/thread-kinds.registry';
import { MessageSender, type SendInput, type Sent } from './message-sender.service';
import { advanceRead, messageView, MessageRow, oneMessage, selectMessages, unreadable } from './message-view';

const PAGE_MAX = 200;

/** Words one search may combine. */
const MAX_SEARCH_WORDS = 10;

export interface SearchHit {
  message: MessageView;
  thread: {
    id: string;
    kind: string;
    subject: string | null;
    network: { id: string; name: string } | null;
  };
}

/**
 * Messages: reading pages by seq both ways; editing (earlier versions kept and readable); deleting to a
 * tombstone; read positions. Sending (a per-thread `seq` allocated under the thread's row lock, idempotent
 * by the client's id) is MessageSender's: `send`, `waitingSends` and `sendLane` here delegate to it.
 */
@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ThreadAccess,
    private readonly kinds: ThreadKinds,
    private readonly crypto: ThreadCrypto,
    private readonly emitter: RealtimeEmitter,
    private readonly audit: AuditService,
    private readonly sender: MessageSender,
    private readonly index: BlindIndex,
  ) {}

  /** Replaces a message's search tokens with those of `body` (none when null: a deleted message). */
  private async indexBody(manager: EntityManager, messageId: string, body: string | null): Promise<void> {
    await manager.update(Message, { id: messageId }, { searchTokens: body === null ? [] : this.index.tokens(body) });
  }

  private one(
    manager: EntityManager,
    thread: Thread,
    where: string,
    params: Record<string, unknown>,
  ): Promise<MessageView | null> {
    return oneMessage(manager, this.crypto, thread, where, params);
  }

  /** Sends a message: see MessageSender.send (the group commit). */
  send(user: AuthUser, threadId: string, input: SendInput): Promise<Sent> {
    return this.sender.send(user, threadId, input);
  }

  /** Sends waiting for their batch on this node (admission control refuses new ones past a bound). */
  get waitingSends(): number {
    return this.sender.waitingSends;
  }

  /** The group-commit lane of a thread's sends: threads of one lane share its batches. */
  sendLane(threadId: string): number {
    return this.sender.sendLane(threadId);
  }

  /** Messages by seq: after `after` (ascending), or before `before` (the page just before it, ascending). */
  async list(
    userId: string,
    threadId: string,
    query: { after?: number; before?: number; limit?: number },
  ): Promise<{ items: MessageView[]; hasMore: boolean }> {
    const limit = Math.min(query.limit ?? 50, PAGE_MAX);
    const manager = this.dataSource.manager;
    const thread = await this.access.readable(manager, userId, threadId);
    const builder = selectMessages(manager)
      .where('m.thread_id = :threadId', { threadId })
      .limit(limit + 1);
    if (query.before !== undefined)
      builder.andWhere('m.seq < :before', { before: query.before }).orderBy('m.seq', 'DESC');
    else builder.andWhere('m.seq > :after', { after: query.after ?? 0 }).orderBy('m.seq', 'ASC');
    const rows = await builder.getRawMany<MessageRow>();
    const page = rows.slice(0, limit);
    if (query.before !== undefined) page.reverse();
    return {
      items: await Promise.all(page.map((row) => messageView(this.crypto, thread, row))),
      hasMore: rows.length > limit,
    };
  }

  async get(userId: string, threadId: string, messageId: string): Promise<MessageView> {
    const thread = await this.access.readable(this.dataSource.manager, userId, threadId);
    const message = await this.one(this.dataSource.manager, thread, 'm.id = :messageId', { messageId });
    if (!message) throw new NotFoundException('No such message');
    if (message.unreadable) throw unreadable();
    return message;
  }

  private async lockMessage(manager: EntityManager, thread: Thread, messageId: string): Promise<Message> {
    const message = await manager.findOne(Message, {
      where: { id: messageId, threadId: thread.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!message) throw new NotFoundException('No such message');
    if (message.deletedAt)
      throw new ProblemException({
        type: 'about:blank',
        title: 'Gone',
        status: HttpStatus.GONE,
        detail: 'This message was deleted',
      });
    return message;
  }

  async edit(
    user: AuthUser,
    threadId: string,
    messageId: string,
    body: string,
    context: AuditContext,
  ): Promise<MessageView> {
    return this.dataSource.transaction(async (manager) => {
      const thread = await this.access.readable(manager, user.id, threadId);
      const message = await this.lockMessage(manager, thread, messageId);
      if (message.authorId !== user.id) throw new ForbiddenException('Only the author edits a message');
      await this.access.requireWritable(manager, user.id, thread);
      if (thread.locked || thread.archived)
        throw new ForbiddenException(thread.archived ? 'This thread is archived' : 'This thread is locked');
      const previous = await this.crypto.open(thread, { kind: 'message', messageId }, message.bodySealed as string);
      if (previous === null) throw unreadable();
      const editId = randomUUID();
      await manager.insert(MessageEdit, {
        id: editId,
        messageId,
        bodySealed: this.crypto.seal(thread, { kind: 'edit', editId }, previous),
      });
      await manager.update(
        Message,
        { id: messageId },
        { bodySealed: this.crypto.seal(thread, { kind: 'message', messageId }, body), editedAt: () => 'now()' },
      );
      await this.indexBody(manager, messageId, body);
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'message.edited',
          targetType: 'message',
          targetId: messageId,
          details: { threadId },
        },
        manager,
      );
      const view = (await this.one(manager, thread, 'm.id = :messageId', { messageId })) as MessageView;
      afterCommit(manager, () => this.emitter.toRoom(this.kinds.room(thread.kind, threadId), 'message.edited', view));
      return view;
    });
  }

  /** Earlier versions of a message, oldest first. */
  async history(
    userId: string,
    threadId: string,
    messageId: string,
  ): Promise<{ body: string | null; unreadable: boolean; replacedAt: string }[]> {
    const manager = this.dataSource.manager;
    const thread = await this.access.readable(manager, userId, threadId);
    if (!(await manager.existsBy(Message, { id: messageId, threadId }))) throw new NotFoundException('No such message');
    const edits = await manager.find(MessageEdit, { where: { messageId }, order: { replacedAt: 'ASC' } });
    return Promise.all(
      edits.map(async (edit) => {
        const body = await this.crypto.open(thread, { kind: 'edit', editId: edit.id }, edit.bodySealed);
        return { body, unreadable: body === null, replacedAt: edit.replacedAt.toISOString() };
      }),
    );
  }

  /**
   * The author (if they still write in the thread), or a moderator of a thread of messaging's own kinds
   * (a coordinator in their network's forum threads): a tombstone with no text left. Someone else's message
   * in another library's kind is moderated through that library only (404 here).
   */
  async delete(user: AuthUser, threadId: string, messageId: string, context: AuditContext): Promise<MessageView> {
    return this.dataSource.transaction(async (manager) => {
      const thread = await this.access.readable(manager, user.id, threadId);
      const message = await this.lockMessage(manager, thread, messageId);
      if (message.authorId === user.id) await this.access.requireWritable(manager, user.id, thread);
      else {
        this.access.requireOwnedByMessaging(thread);
        if (!(await this.access.moderates(manager, user.id, thread)))
          throw new ForbiddenException('Only the author, or a coordinator in a forum thread, deletes a message');
      }
      await manager.delete(MessageEdit, { messageId });
      await this.indexBody(manager, messageId, null);
      await manager.update(
        Message,
        { id: messageId },
        { bodySealed: null, deletedAt: () => 'now()', deletedBy: user.id },
      );
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'message.deleted',
          targetType: 'message',
          targetId: messageId,
          details: { threadId, authorId: message.authorId },
        },
        manager,
      );
      const view = (await this.one(manager, thread, 'm.id = :messageId', { messageId })) as MessageView;
      afterCommit(manager, () => this.emitter.toRoom(this.kinds.room(thread.kind, threadId), 'message.deleted', view));
      return view;
    });
  }

  /**
   * Messages the caller may read that contain every word of `q` (whole words, folded as the index folds
   * them), newest first. The readable-thread scope is in the SQL before the limit, so `total` is the same
   * whether or not threads the caller cannot read contain the words.
   */
  async search(
    userId: string,
    query: { q: string; threadId?: string; cursor?: string; limit: number },
  ): Promise<{ total: number; items: SearchHit[]; nextCursor: string | null }> {
    const words = [...new Set(normalisedWords(query.q))];
    if (words.length === 0)
      throw new ValidationProblem([{ field: 'q', message: 'must contain a word of at least 2 letters or digits' }]);
    if (words.length > MAX_SEARCH_WORDS)
      throw new ValidationProblem([{ field: 'q', message: `at most ${MAX_SEARCH_WORDS} words` }]);
    const after = decodeCursor(query.cursor, ['integer', 'uuid']);
    const tokens = words.map((word) => this.index.token(word));
    const manager = this.dataSource.manager;
    const matches = () => {
      const builder = manager
        .createQueryBuilder(Message, 'm')
        .innerJoin(Thread, 't', 't.id = m.thread_id')
        .where(this.kinds.readRule(), { me: userId })
        .andWhere('m.deleted_at IS NULL')
        .andWhere('m.search_tokens @> ARRAY[:...tokens]::text[]', { tokens });
      if (query.threadId) builder.andWhere('t.id = :threadId', { threadId: query.threadId });
      return builder;
    };
    const total = await matches().getCount();
    const page = matches()
      .innerJoin('users', 'u', 'u.id = m.author_id')
      .leftJoin('networks', 'n', 'n.id = t.network_id')
      .select([
        'm.id AS id',
        'm.thread_id AS thread_id',
        'm.seq AS seq',
        'm.client_id AS client_id',
        'm.author_id AS author_id',
        'u.display_name AS author_name',
      ])
      .addSelect([
        'm.body_sealed AS body_sealed',
        'm.created_at AS created_at',
        'm.edited_at AS edited_at',
        'm.deleted_at AS deleted_at',
      ])
      .addSelect([
        't.kind AS kind',
        't.wrapped_key AS wrapped_key',
        't.subject_sealed AS subject_sealed',
        't.network_id AS network_id',
        'n.name AS network_name',
      ])
      .addSelect('(extract(epoch from m.created_at) * 1000000)::bigint', 'created_us')
      .orderBy('created_us', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(query.limit + 1);
    if (after)
      page.andWhere('((extract(epoch from m.created_at) * 1000000)::bigint, m.id) < (:us, :id)', {
        us: after[0],
        id: after[1],
      });
    type HitRow = MessageRow & {
      kind: string;
      wrapped_key: string;
      subject_sealed: string;
      network_id: string | null;
      network_name: string | null;
      created_us: string;
    };
    const rows = await page.getRawMany<HitRow>();
    const items = await Promise.all(
      rows.slice(0, query.limit).map(async (row): Promise<SearchHit> => {
        const thread = { id: row.thread_id, wrappedKey: row.wrapped_key } as Thread;
        return {
          message: await messageView(this.crypto, thread, row),
          thread: {
            id: row.thread_id,
            kind: row.kind,
            subject: await this.crypto.open(thread, { kind: 'subject', threadId: row.thread_id }, row.subject_sealed),
            network: row.network_id ? { id: row.network_id, name: row.network_name ?? '' } : null,
          },
        };
      }),
    );
    const last = rows.length > query.limit ? rows[query.limit - 1] : null;
    return { total, items, nextCursor: last ? encodeCursor([last.created_us, last.id]) : null };
  }

  /** Moves the caller's read position forward (never back) and clears their unread notice. */
  async markRead(userId: string, threadId: string, seq: number): Promise<{ readSeq: number }> {
    return this.dataSource.transaction(async (manager) => {
      const thread = await this.access.readable(manager, userId, threadId);
      const readSeq = await this.markReadIn(manager, userId, threadId, Math.min(seq, Number(thread.lastSeq)));
      afterCommit(manager, () =>
        this.emitter.toRoom(this.kinds.room(thread.kind, threadId), 'thread.read', { threadId, userId, seq: readSeq }),
      );
      return { readSeq };
    });
  }

  private async markReadIn(manager: EntityManager, userId: string, threadId: string, seq: number): Promise<number> {
    const [row] = (await manager.query(`${advanceRead('$1', '$2', '$3')} RETURNING last_read_seq`, [
      threadId,
      userId,
      seq,
    ])) as { last_read_seq: string }[];
    return Number(row.last_read_seq);
  }
}
