import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  afterCommit,
  AuditContext,
  AuditService,
  decodeCursor,
  encodeCursor,
  Page,
  ValidationProblem,
} from '@liaison/platform';
import { AuthUser, PeopleService } from '@liaison/identity';
import { RealtimeEmitter, userRoom } from '@liaison/realtime';
import type { PersonRef, ThreadView } from '@liaison/contracts';
import { Thread } from './thread.entity';
import { ThreadParticipant } from './thread-participant.entity';
import { ThreadRead } from './thread-read.entity';
import { FORUM, networkRoom, PRIVATE } from './messaging-kinds.policy';
import { ThreadAccess } from './thread-access.policy';
import { ThreadCrypto } from './thread-crypto.service';
import { ThreadKinds } from './thread-kinds.registry';

const MAX_PARTICIPANTS = 50;

interface ThreadRow {
  id: string;
  kind: string;
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
  kind?: string;
  networkId?: string;
  archived?: boolean;
  cursor?: string;
  limit: number;
}

/** What the owner of a registered kind gives to create one of its threads. */
export interface OwnedThreadInput {
  createdBy: string;
  subject: string;
  networkId?: string | null;
  /** Its first participants (the creator is not added unless named). */
  participantIds?: string[];
}

/**
 * Threads: creating them (forum threads by a network's members, private threads between named people,
 * other kinds through their owner's service), listing those the caller may read with their unread counts,
 * moderating, and managing participants. A removed participant's sockets leave the thread's room at once.
 * What a kind allows is the registry's (ThreadKinds): messaging's endpoints act only on its own kinds.
 */
@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ThreadAccess,
    private readonly kinds: ThreadKinds,
    private readonly crypto: ThreadCrypto,
    private readonly emitter: RealtimeEmitter,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
  ) {}

  private rows(manager: EntityManager, userId: string) {
    return this.access
      .scope(manager, userId)
      .leftJoin('networks', 'n', 'n.id = t.network_id')
      .innerJoin('users', 'c', 'c.id = t.created_by')
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
    const participants: PersonRef[] = this.kinds.get(row.kind).participants
      ? await manager
          .createQueryBuilder(ThreadParticipant, 'p')
          .innerJoin('users', 'u', 'u.id = p.user_id')
          .select(['u.id AS id', 'u.display_name AS "displayName"'])
          .where('p.thread_id = :id', { id: row.id })
          .orderBy('p.added_at')
          .getRawMany<PersonRef>()
      : [];
    const moderates = await this.access.moderates(manager, userId, {
      id: row.id,
      kind: row.kind,
      networkId: row.network_id,
      createdBy: row.created_by,
    });
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
      canManageParticipants: this.access.managesParticipants(userId, { kind: row.kind, createdBy: row.created_by }),
    };
  }

  async get(userId: string, threadId: string, manager: EntityManager = this.dataSource.manager): Promise<ThreadView> {
    const row = await this.rows(manager, userId).andWhere('t.id = :threadId', { threadId }).getRawOne<ThreadRow>();
    if (!row) throw new NotFoundException('No such thread');
    return this.view(manager, userId, row);
  }

  /** Readable threads of the inbox's kinds, pinned first, then by last activity; keyset pages. */
  async list(userId: string, query: ThreadListQuery): Promise<Page<ThreadView>> {
    if (query.kind !== undefined && !this.kinds.inInbox(query.kind))
      throw new ValidationProblem([{ field: 'kind', message: 'no such kind of thread in the inbox' }]);
    const after = decodeCursor(query.cursor, ['integer', 'integer', 'uuid']);
    const builder = this.rows(this.dataSource.manager, userId)
      .andWhere(this.kinds.inboxRule())
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
      const thread = await this.insert(manager, user.id, { kind: FORUM, networkId, subject });
      await this.audit.append(
        {
          ...context,
          actorId: user.id,
          action: 'thread.created',
          targetType: 'thread',
          targetId: thread.id,
          details: { kind: FORUM, networkId },
        },
        manager,
      );
      afterCommit(manager, () =>
        this.emitter.toRoom(networkRoom(networkId), 'thread.updated', { threadId: thread.id }),
      );
      return this.get(user.id, thread.id, manager);
    });
  }

  /**
   * A thread between named people, of `kind`: one of messaging's own kinds with participants (else 404 —
   * another library's kind is created through its service only).
   */
  async createPrivate(
    user: AuthUser,
    subject: string,
    participantIds: string[],
    context: AuditContext,
    kind: string = PRIVATE,
  ): Promise<ThreadView> {
    if (!this.kinds.ownedByMessaging(kind) || !this.kinds.get(kind).participants)
      throw new NotFoundException('No such kind of thread');
    const others = [...new Set(participantIds)].filter((id) => id !== user.id);
    if (others.length === 0)
      throw new ValidationProblem([{ field: 'participantIds', message: 'must name at least one other person' }]);
    if (others.length >= MAX_PARTICIPANTS)
      throw new ValidationProblem([{ field: 'participantIds', message: `at most ${MAX_PARTICIPANTS - 1} people` }]);
    return this.dataSource.transaction(async (manager) => {
      await this.requireActive(manager, others, 'participantIds');
      const thread = await this.insert(manager, user.id, { kind, networkId: null, subject });
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
          details: { kind, participantIds: others },
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
    const found = await this.people.many(userIds, manager);
    const known = new Set(found.filter((person) => person.status === 'active').map((person) => person.id));
    const missing = userIds.findIndex((id) => !known.has(id));
    if (missing >= 0)
      throw new ValidationProblem([
        { field: userIds.length === 1 ? field : `${field}.${missing}`, message: 'no such active user' },
      ]);
  }

  private async insert(
    manager: EntityManager,
    createdBy: string,
    input: { kind: string; networkId: string | null; subject: string },
  ): Promise<Thread> {
    this.kinds.get(input.kind); // refuses a kind nobody registered
    const id = randomUUID();
    const { wrappedKey, masterKeyId } = this.crypto.newKey(id);
    const thread = manager.create(Thread, {
      id,
      kind: input.kind,
      networkId: input.networkId,
      createdBy,
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
      this.access.requireOwnedByMessaging(thread);
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
      afterCommit(manager, () =>
        this.emitter.toRoom(this.kinds.room(thread.kind, threadId), 'thread.updated', { threadId }),
      );
      return this.get(user.id, threadId, manager);
    });
  }

  private async requireCreator(manager: EntityManager, user: AuthUser, threadId: string): Promise<Thread> {
    const thread = await this.access.readable(manager, user.id, threadId, true);
    this.access.requireOwnedByMessaging(thread);
    if (!this.access.managesParticipants(user.id, thread))
      throw new ForbiddenException('Only the creator of a private thread manages its participants');
    return thread;
  }

  async addParticipant(user: AuthUser, threadId: string, userId: string, context: AuditContext): Promise<ThreadView> {
    return this.dataSource.transaction(async (manager) => {
      const thread = await this.requireCreator(manager, user, threadId);
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
      const added = await this.people.get(userId, manager);
      if (!added) throw new Error(`participant ${userId} vanished within the transaction`);
      afterCommit(manager, () => {
        this.emitter.toRoom(this.kinds.room(thread.kind, threadId), 'thread.participant-added', {
          threadId,
          user: { id: added.id, displayName: added.displayName },
        });
        this.emitter.toRoom(userRoom(userId), 'thread.updated', { threadId });
      });
      return this.get(user.id, threadId, manager);
    });
  }

  async removeParticipant(user: AuthUser, threadId: string, userId: string, context: AuditContext): Promise<void> {
    const room = await this.dataSource.transaction(async (manager) => {
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
      return this.kinds.room(thread.kind, threadId);
    });
    this.announceRemoval(room, threadId, userId);
  }

  /** Once the removal committed: their sockets leave the room on every node, then the others are told. */
  private announceRemoval(room: string, threadId: string, userId: string): void {
    this.emitter.leave(userRoom(userId), room);
    this.emitter.toRoom(room, 'thread.participant-removed', { threadId, userId });
    this.emitter.toRoom(userRoom(userId), 'thread.participant-removed', { threadId, userId });
  }

  // The owning library's side: a kind registered by another library gets its threads, participants and
  // moderation only through these, called from that library's service (messaging's endpoints answer 404).

  /** Creates a thread of a registered `kind` (in `manager`'s transaction when given) and returns its id. */
  async createOfKind(kind: string, input: OwnedThreadInput, manager?: EntityManager): Promise<string> {
    if (!manager) return this.dataSource.transaction((inner) => this.createOfKind(kind, input, inner));
    if (input.participantIds?.length && !this.kinds.get(kind).participants)
      throw new Error(`thread kind "${kind}" has no participants`);
    const thread = await this.insert(manager, input.createdBy, {
      kind,
      networkId: input.networkId ?? null,
      subject: input.subject,
    });
    if (input.participantIds?.length)
      await this.addParticipantsOfKind(kind, thread.id, input.participantIds, input.createdBy, manager);
    return thread.id;
  }

  private async lockOfKind(manager: EntityManager, kind: string, threadId: string): Promise<Thread> {
    this.kinds.get(kind);
    const thread = await manager.findOne(Thread, {
      where: { id: threadId, kind },
      lock: { mode: 'pessimistic_write' },
    });
    if (!thread) throw new NotFoundException('No such thread');
    return thread;
  }

  /** Adds participants to a thread of `kind` (ignoring those already in) and tells them. */
  async addParticipantsOfKind(
    kind: string,
    threadId: string,
    userIds: string[],
    addedBy: string,
    manager?: EntityManager,
  ): Promise<void> {
    if (!manager)
      return this.dataSource.transaction((inner) =>
        this.addParticipantsOfKind(kind, threadId, userIds, addedBy, inner),
      );
    const thread = await this.lockOfKind(manager, kind, threadId);
    if (!this.kinds.get(kind).participants) throw new Error(`thread kind "${kind}" has no participants`);
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return;
    await this.requireActive(manager, ids, 'userIds');
    const added = await manager
      .createQueryBuilder()
      .insert()
      .into(ThreadParticipant)
      .values(ids.map((userId) => ({ threadId, userId, addedBy })))
      .orIgnore()
      .returning('user_id')
      .execute();
    const people = await this.people.many(ids, manager);
    const fresh = new Set((added.raw as { user_id: string }[]).map((row) => row.user_id));
    afterCommit(manager, () => {
      for (const person of people.filter((person) => fresh.has(person.id))) {
        this.emitter.toRoom(this.kinds.room(thread.kind, threadId), 'thread.participant-added', {
          threadId,
          user: { id: person.id, displayName: person.displayName },
        });
        this.emitter.toRoom(userRoom(person.id), 'thread.updated', { threadId });
      }
    });
  }

  /** Removes a participant from a thread of `kind`; their sockets leave its room on every node. */
  async removeParticipantOfKind(
    kind: string,
    threadId: string,
    userId: string,
    manager?: EntityManager,
  ): Promise<void> {
    if (!manager)
      return this.dataSource.transaction((inner) => this.removeParticipantOfKind(kind, threadId, userId, inner));
    const thread = await this.lockOfKind(manager, kind, threadId);
    const removed = await manager.delete(ThreadParticipant, { threadId, userId });
    if (!removed.affected) return;
    const room = this.kinds.room(thread.kind, threadId);
    afterCommit(manager, () => this.announceRemoval(room, threadId, userId));
  }

  /** Pins, locks (no new messages) or archives a thread of `kind`. */
  async setStateOfKind(
    kind: string,
    threadId: string,
    changes: { pinned?: boolean; locked?: boolean; archived?: boolean },
    manager?: EntityManager,
  ): Promise<void> {
    if (!manager) return this.dataSource.transaction((inner) => this.setStateOfKind(kind, threadId, changes, inner));
    const thread = await this.lockOfKind(manager, kind, threadId);
    await manager.update(Thread, { id: threadId }, changes);
    afterCommit(manager, () =>
      this.emitter.toRoom(this.kinds.room(thread.kind, threadId), 'thread.updated', { threadId }),
    );
  }
}
