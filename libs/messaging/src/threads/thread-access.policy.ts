import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Thread, ThreadRow, threadFromRow } from './thread.entity';
import { ThreadKinds } from './thread-kinds.registry';

/**
 * Who reads and writes a thread, as each registered kind says (ThreadKinds). The rules are SQL, so every
 * query carries them before any LIMIT; a thread the caller may not read does not exist for them (404), and
 * a reader who may not write gets 403.
 */
@Injectable()
export class ThreadAccess {
  constructor(private readonly kinds: ThreadKinds) {}

  /** Threads `userId` may read, as `t`. */
  scope(manager: EntityManager, userId: string): SelectQueryBuilder<Thread> {
    return manager.createQueryBuilder(Thread, 't').where(this.kinds.readRule(), { me: userId });
  }

  /** The thread if `userId` may read it, else 404. `lock` takes its row lock (message seq allocation). */
  async readable(manager: EntityManager, userId: string, threadId: string, lock = false): Promise<Thread> {
    const query = this.scope(manager, userId).andWhere('t.id = :threadId', { threadId });
    if (lock) query.setLock('pessimistic_write');
    const thread = await query.getOne();
    if (!thread) throw new NotFoundException('No such thread');
    return thread;
  }

  /** 403 unless `userId` (a reader) writes in `thread` by its kind's rule. */
  async requireWritable(manager: EntityManager, userId: string, thread: Thread): Promise<void> {
    const [row] = (await manager.query(
      `SELECT ${this.kinds.writeRule('$2')} AS writable FROM threads t WHERE t.id = $1`,
      [thread.id, userId],
    )) as { writable: boolean }[];
    if (!row?.writable) throw new ForbiddenException('You read this thread but may not write in it');
  }

  /**
   * The send path's version of `readable(…, lock = true)`, with the write rule: one plain statement, no
   * query builder, since it runs for every message.
   */
  async lockReadable(
    manager: EntityManager,
    userId: string,
    threadId: string,
  ): Promise<{ thread: Thread; writable: boolean }> {
    const [row] = (await manager.query(
      `SELECT t.id, t.kind, t.network_id, t.created_by, t.wrapped_key, t.last_seq, t.locked, t.archived,
              ${this.kinds.writeRule('$2')} AS writable
         FROM threads t WHERE t.id = $1 AND ${this.kinds.readRule('$2')} FOR UPDATE OF t`,
      [threadId, userId],
    )) as (ThreadRow & { writable: boolean })[];
    if (!row) throw new NotFoundException('No such thread');
    const thread = threadFromRow(row);
    return { thread, writable: row.writable };
  }

  async canRead(manager: EntityManager, userId: string, threadId: string): Promise<boolean> {
    return this.scope(manager, userId).andWhere('t.id = :threadId', { threadId }).getExists();
  }

  /**
   * 404 unless messaging's own endpoints may moderate this thread and manage its participants (its kind
   * is messaging's own; another library's kind is handled by that library's service only).
   */
  requireOwnedByMessaging(thread: Pick<Thread, 'kind'>): void {
    if (!this.kinds.ownedByMessaging(thread.kind)) throw new NotFoundException('No such thread');
  }

  /** Whether `userId` pins, locks and archives `thread` and deletes others' messages in it, by its kind. */
  async moderates(
    manager: EntityManager,
    userId: string,
    thread: Pick<Thread, 'id' | 'kind' | 'networkId' | 'createdBy'>,
  ): Promise<boolean> {
    if (!this.kinds.ownedByMessaging(thread.kind)) return false;
    const { moderates } = this.kinds.get(thread.kind);
    return moderates ? moderates(manager, userId, thread) : false;
  }

  /** Whether `userId` adds and removes the participants of `thread` through messaging's endpoints. */
  managesParticipants(userId: string, thread: Pick<Thread, 'kind' | 'createdBy'>): boolean {
    if (!this.kinds.ownedByMessaging(thread.kind)) return false;
    const definition = this.kinds.get(thread.kind);
    return definition.participants && (definition.managesParticipants?.(userId, thread) ?? false);
  }

  /** A statement listing (as `user_id`) the readers of the thread whose id is the parameter `threadParam`. */
  readersQuery(threadParam: string): string {
    return this.kinds.readersQuery(threadParam);
  }

  /** Everyone who reads the thread now. */
  async readers(manager: EntityManager, thread: Pick<Thread, 'id'>): Promise<string[]> {
    const rows = (await manager.query(this.readersQuery('$1'), [thread.id])) as { user_id: string }[];
    return rows.map((row) => row.user_id);
  }
}
