import { ForbiddenException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  afterCommit,
  AuditContext,
  AuditService,
  decodeCursor,
  DomainEvents,
  encodeCursor,
  Page,
  ValidationProblem,
} from '@liaison/platform';
import { AuthUser, User } from '@liaison/identity';
import { RealtimeEmitter, userRoom } from '@liaison/realtime';
import type { PersonRef, ThreadView } from '../events';
import { Thread, ThreadParticipant, ThreadRead } from '../messaging-entities';
import { ThreadAccess } from './thread-access';
import { ThreadCrypto } from './thread-crypto';

export const threadRoom = (threadId: string) => `thread:${threadId}`;
const MAX_PARTICIPANTS = 50;

interface ThreadRow {
  id: string;
  kind: 'forum' | 'private';
  network_id: string | null;
  network_name: string | null;
  created_by: string;
  creator_name: string;
  wrapped_key: string;
  subject_sealed: string;
  pinned: boolean;
  locked: boolean;
  archived: boolean;
  last_seq: string;
  last_activity_at: Date;
  activity_us: string;
  read_seq: string | null;
  unread: string;
}

export interface ThreadListQuery {
  kind?: 'forum' | 'private';
  networkId?: string;
  archived?: boolean;
  cursor?: string;
  limit: number;
}

/**
 * Threads: creating them (forum threads by a network's members, private threads between named people),
 * listing those the caller may read with their unread counts, moderating forum threads, and managing the
 * participants of private ones. A removed participant's sockets leave the thread's room at once.
 */
@Injectable()
export class ThreadsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ThreadAccess,
    private readonly crypto: ThreadCrypto,
    private readonly emitter: RealtimeEmitter,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /** Someone who leaves a network stops receiving its forum threads at once, live sockets included. */
  onModuleInit(): void {
    this.events.on('directory.member-removed', async ({ networkId, userId }, manager) => {
      const threads = (await manager.query(`SELECT id FROM threads WHERE network_id = $1 AND kind = 'forum'`, [
        networkId,
      ])) as { id: string }[];
      afterCommit(manager, () => {
        this.emitter.leave(userRoom(userId), `network:${networkId}`);
        for (const { id } of threads) this.emitter.leave(userRoom(userId), threadRoom(id));
      });
    });
  }

  private rows(manager: EntityManager, userId: string) {
    return this.access
      .scope(manager, userId)
      .leftJoin('networks', 'n', 'n.id = t.network_id')
      .innerJoin(User, 'c', 'c.id = t.created_by')
      .leftJoin(ThreadRead, 'r', 'r.thread_id = t.id AND r.user_id = :me')
      .select([
        't.id AS id',
        't.kind AS kind',
        't.network_id AS network_id',
        'n.name AS network_name',
        't.created_by AS created_by',
        'c.display_name AS creator_name',
        't.wrapped_key AS wrapped_key',
        't.subject_sealed AS subject_sealed',
        't.pinned AS pinned',
        't.locked AS locked',
        't.archived AS archived',
        't.last_seq AS last_seq',
        't.last_activity_at AS last_activity_at',
        '(extract(epoch from t.last_activity_at) * 1000000)::bigint AS activity_us',
        'r.last_read_seq AS read_seq',
      ])
      .addSelect(
        `(SELECT count(*) FROM messages m WHERE m.thread_id = t.id AND m.seq > COALESCE(r.last_read_seq, 0) AND m.author_id <> :me AND m.deleted_at IS NULL)`,
        'unread',
      );
  }

  private async view(manager: EntityManager, userId: string, row: ThreadRow): Promise<ThreadView> {
    const thread = { id: row.id, wrappedKey: row.wrapped_key };
    const subject = await this.crypto.open(thread, { kind: 'subject', threadId: row.id }, row.subject_sealed);
    const participants: PersonRef[] =
      row.kind === 'private'
        ? await manager
            .createQueryBuilder(ThreadParticipant, 'p')
            .innerJoin(User, 'u', 'u.id = p.user_id')
            .select(['u.id AS id', 'u.display_name AS "displayName"'])
            .where('p.thread_id = :id', { id: row.id })
            .orderBy('p.added_at')
            .getRawMany<PersonRef>()
        : [];
    const moderates =
      row.kind === 'forum' &&
      (await this.access.moderates(manager, userId, { kind: row.kind, networkId: row.network_id } as Thread));
    return {
      id: row.id,
      kind: row.kind,
      network: row.network_id ? { id: row.network_id, name: row.network_name ?? '' } : null,
      subject,
      unreadable: subject === null,
      createdBy: { id: row.created_by, displayName: row.creator_name },
      participants,
      pinned: row.pinned,
      locked: row.locked,
      archived: row.archived,
      lastSeq: Number(row.last_seq),
      lastActivityAt: row.last_activity_at.toISOString(),
      readSeq: Number(row.read_seq ?? 0),
      unread: Number(row.unread),
      canModerate: moderates,
      canManageParticipants: row.kind === 'private' && row.created_by === userId,
    };
  }

  async get(userId: string, threadId: string, manager: EntityManager = this.dataSource.manager): Promise<ThreadView> {
    const row = await this.rows(manager, userId).andWhere('t.id = :threadId', { threadId }).getRawOne<ThreadRow>();
    if (!row) throw new NotFoundException('No such thread');
    return this.view(manager, userId, row);
  }

  /** Readable threads, pinned first, then by last activity; keyset pages. */
  async list(userId: string, query: ThreadListQuery): Promise<Page<ThreadView>> {
    const after = decodeCursor(query.cursor, ['integer', 'integer', 'uuid']);
    const builder = this.rows(this.dataSource.manager, userId)
      .andWhere('t.archived = :archived', { archived: query.archived ?? false })
      .orderBy('t.pinned', 'DESC')
      .addOrderBy('activity_us', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(query.limit + 1);
    if (query.kind) builder.andWhere('t.kind = :kind', { kind: query.kind });
    if (query.networkId) builder.andWhere('t.network_id = :networkId', { networkId: query.networkId });
    if (after) {
      builder.andWhere(
        `(t.pinned::int, (extract(epoch from t.last_activity_at) * 1000000)::bigint, t.id) < (:pinned, :us, :id)`,
        { pinned: after[0], us: after[1], id: after[2] },
      );
    }
    const rows = await builder.getRawMany<ThreadRow>();
    const items = await Promise.all(
      rows.slice(0, query.limit).map((row) => this.view(this.dataSource.manager, userId, row)),
    );
    const last = rows.length > query.limit ? rows[query.limit - 1] : null;
    return { items, nextCursor: last ? encodeCursor([last.pinned ? 1 : 0, last.activity_us, last.id]) : null };
  }

  private async isMember(manager: EntityManager, userId: string, networkId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM network_members WHERE network_id = $1 AND user_id = $2',
      [networkId, userId],
    );
    return rows.length > 0;
  }

  async createForum(user: AuthUser, networkId: string, subject: string, context: AuditContext): Promise<ThreadView> {
    return this.dataSource.transaction(async (manager) => {
      const exists: unknown[] = await manager.query('SELECT 1 FROM networks WHERE id = $1', [networkId]);
      if (exists.length === 0) throw new NotFoundException('No such network');
      if (!(await this.isMember(manager, user.id, networkId)))
        throw new ForbiddenException('Only members of this network start its forum threads');
      const thread = await this.insert(manager, user, { kind: 'forum', networkId, subject });
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'thread.created',
          targetType: 'thread',
          targetId: thread.id,
          details: { kind: 'forum', networkId },
        },
        manager,
      );
      afterCommit(manager, () =>
        this.emitter.toRoom(`network:${networkId}`, 'thread.updated', { threadId: thread.id }),
      );
      return this.get(user.id, thread.id, manager);
    });
  }

  async createPrivate(
    user: AuthUser,
    subject: string,
    participantIds: string[],
    context: AuditContext,
  ): Promise<ThreadView> {
    const others = [...new Set(participantIds)].filter((id) => id !== user.id);
    if (others.length === 0)
      throw new ValidationProblem([{ field: 'participantIds', message: 'must name at least one other person' }]);
    if (others.length >= MAX_PARTICIPANTS)
      throw new ValidationProblem([{ field: 'participantIds', message: `at most ${MAX_PARTICIPANTS - 1} people` }]);
    return this.dataSource.transaction(async (manager) => {
      await this.requireActive(manager, others, 'participantIds');
      const thread = await this.insert(manager, user, { kind: 'private', networkId: null, subject });
      await manager.insert(
        ThreadParticipant,
        [user.id, ...others].map((userId) => ({ threadId: thread.id, userId, addedBy: user.id })),
      );
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'thread.created',
          targetType: 'thread',
          targetId: thread.id,
          details: { kind: 'private', participantIds: others },
        },
        manager,
      );
      afterCommit(manager, () => {
        for (const id of others) this.emitter.toRoom(userRoom(id), 'thread.updated', { threadId: thread.id });
      });
      return this.get(user.id, thread.id, manager);
    });
  }

  private async requireActive(manager: EntityManager, userIds: string[], field: string): Promise<void> {
    const found = await manager.find(User, { where: { id: In(userIds), status: 'active' }, select: { id: true } });
    const known = new Set(found.map((row) => row.id));
    const missing = userIds.findIndex((id) => !known.has(id));
    if (missing >= 0)
      throw new ValidationProblem([
        { field: userIds.length === 1 ? field : `${field}.${missing}`, message: 'no such active user' },
      ]);
  }

  private async insert(
    manager: EntityManager,
    user: AuthUser,
    input: { kind: 'forum' | 'private'; networkId: string | null; subject: string },
  ): Promise<Thread> {
    const id = randomUUID();
    const { wrappedKey, masterKeyId } = this.crypto.newKey(id);
    const thread = manager.create(Thread, {
      id,
      kind: input.kind,
      networkId: input.networkId,
      createdBy: user.id,
      wrappedKey,
      masterKeyId,
      subjectSealed: '',
    });
    thread.subjectSealed = this.crypto.seal(thread, { kind: 'subject', threadId: id }, input.subject);
    return manager.save(thread);
  }

  /** Coordinators of the network pin, lock (no new messages) and archive its forum threads. */
  async moderate(
    user: AuthUser,
    threadId: string,
    changes: { pinned?: boolean; locked?: boolean; archived?: boolean },
    context: AuditContext,
  ): Promise<ThreadView> {
    return this.dataSource.transaction(async (manager) => {
      const thread = await this.access.readable(manager, user.id, threadId, true);
      if (!(await this.access.moderates(manager, user.id, thread)))
        throw new ForbiddenException('Only the network’s coordinators moderate its forum threads');
      await manager.update(Thread, { id: threadId }, changes);
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'thread.moderated',
          targetType: 'thread',
          targetId: threadId,
          details: { ...changes },
        },
        manager,
      );
      afterCommit(manager, () => this.emitter.toRoom(threadRoom(threadId), 'thread.updated', { threadId }));
      return this.get(user.id, threadId, manager);
    });
  }

  private async requireCreator(manager: EntityManager, user: AuthUser, threadId: string): Promise<Thread> {
    const thread = await this.access.readable(manager, user.id, threadId, true);
    if (thread.kind !== 'private' || thread.createdBy !== user.id)
      throw new ForbiddenException('Only the creator of a private thread manages its participants');
    return thread;
  }

  async addParticipant(user: AuthUser, threadId: string, userId: string, context: AuditContext): Promise<ThreadView> {
    return this.dataSource.transaction(async (manager) => {
      await this.requireCreator(manager, user, threadId);
      await this.requireActive(manager, [userId], 'userId');
      const participants = await manager.count(ThreadParticipant, { where: { threadId } });
      if (participants >= MAX_PARTICIPANTS)
        throw new ValidationProblem([
          { field: 'userId', message: `a thread has at most ${MAX_PARTICIPANTS} participants` },
        ]);
      await manager
        .createQueryBuilder()
        .insert()
        .into(ThreadParticipant)
        .values({ threadId, userId, addedBy: user.id })
        .orIgnore()
        .execute();
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'thread.participant-added',
          targetType: 'thread',
          targetId: threadId,
          details: { userId },
        },
        manager,
      );
      const added = await manager.findOneByOrFail(User, { id: userId });
      afterCommit(manager, () => {
        this.emitter.toRoom(threadRoom(threadId), 'thread.participant-added', {
          threadId,
          user: { id: added.id, displayName: added.displayName },
        });
        this.emitter.toRoom(userRoom(userId), 'thread.updated', { threadId });
      });
      return this.get(user.id, threadId, manager);
    });
  }

  async removeParticipant(user: AuthUser, threadId: string, userId: string, context: AuditContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.requireCreator(manager, user, threadId);
      if (userId === thread.createdBy)
        throw new ValidationProblem([{ field: 'userId', message: 'the creator stays in the thread' }]);
      const removed = await manager.delete(ThreadParticipant, { threadId, userId });
      if (!removed.affected) throw new NotFoundException('Not a participant of this thread');
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'thread.participant-removed',
          targetType: 'thread',
          targetId: threadId,
          details: { userId },
        },
        manager,
      );
    });
    // Committed: their sockets leave the room on every node, then the others are told.
    this.emitter.leave(userRoom(userId), threadRoom(threadId));
    this.emitter.toRoom(threadRoom(threadId), 'thread.participant-removed', { threadId, userId });
    this.emitter.toRoom(userRoom(userId), 'thread.participant-removed', { threadId, userId });
  }
}
