import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Thread } from '../messaging-entities';

/**
 * Who reads a thread — forum threads: the network's members (coordinators included); private threads:
 * their participants. Nobody else, whatever their role. The rule is SQL, so every query carries it before
 * any LIMIT; a thread the caller may not read does not exist for them (404).
 */
export const READABLE = `(
  (t.kind = 'forum' AND EXISTS (SELECT 1 FROM network_members nm WHERE nm.network_id = t.network_id AND nm.user_id = :me))
  OR (t.kind = 'private' AND EXISTS (SELECT 1 FROM thread_participants tp WHERE tp.thread_id = t.id AND tp.user_id = :me))
)`;

@Injectable()
export class ThreadAccess {
  /** Threads `userId` may read, as `t`. */
  scope(manager: EntityManager, userId: string): SelectQueryBuilder<Thread> {
    return manager.createQueryBuilder(Thread, 't').where(READABLE, { me: userId });
  }

  /** The thread if `userId` may read it, else 404. `lock` takes its row lock (message seq allocation). */
  async readable(manager: EntityManager, userId: string, threadId: string, lock = false): Promise<Thread> {
    const query = this.scope(manager, userId).andWhere('t.id = :threadId', { threadId });
    if (lock) query.setLock('pessimistic_write');
    const thread = await query.getOne();
    if (!thread) throw new NotFoundException('No such thread');
    return thread;
  }

  /**
   * The send path's version of `readable(…, lock = true)`: one plain statement, no query builder, since it
   * runs for every message.
   */
  async lockReadable(manager: EntityManager, userId: string, threadId: string): Promise<Thread> {
    const [row] = (await manager.query(
      `SELECT t.id, t.kind, t.network_id, t.created_by, t.wrapped_key, t.last_seq, t.locked, t.archived
         FROM threads t WHERE t.id = $1 AND ${READABLE.replaceAll(':me', '$2')} FOR UPDATE OF t`,
      [threadId, userId],
    )) as {
      id: string;
      kind: 'forum' | 'private';
      network_id: string | null;
      created_by: string;
      wrapped_key: string;
      last_seq: string;
      locked: boolean;
      archived: boolean;
    }[];
    if (!row) throw new NotFoundException('No such thread');
    return Object.assign(new Thread(), {
      id: row.id,
      kind: row.kind,
      networkId: row.network_id,
      createdBy: row.created_by,
      wrappedKey: row.wrapped_key,
      lastSeq: row.last_seq,
      locked: row.locked,
      archived: row.archived,
    });
  }

  async canRead(manager: EntityManager, userId: string, threadId: string): Promise<boolean> {
    return this.scope(manager, userId).andWhere('t.id = :threadId', { threadId }).getExists();
  }

  /** Coordinators of a forum thread's network pin, lock and archive it and delete its messages. */
  async moderates(manager: EntityManager, userId: string, thread: Thread): Promise<boolean> {
    if (thread.kind !== 'forum' || !thread.networkId) return false;
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM network_members WHERE network_id = $1 AND user_id = $2 AND network_role = 'coordinator'`,
      [thread.networkId, userId],
    );
    return rows.length > 0;
  }

  /** Everyone who reads the thread now. */
  async readers(manager: EntityManager, thread: Thread): Promise<string[]> {
    const rows: { user_id: string }[] =
      thread.kind === 'forum'
        ? await manager.query('SELECT user_id FROM network_members WHERE network_id = $1', [thread.networkId])
        : await manager.query('SELECT user_id FROM thread_participants WHERE thread_id = $1', [thread.id]);
    return rows.map((row) => row.user_id);
  }
}
