import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@liaison/identity';
import { RoomPolicies } from '@liaison/realtime';
import type { Thread } from './thread.entity';

/** The owner of the kinds messaging registers itself; any other owner keeps messaging's endpoints out. */
export const MESSAGING_OWNER = 'messaging';
const DEFAULT_ROOM_PREFIX = 'thread:';
export const THREAD_KIND_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A kind of thread, registered at module init by the library that owns it (in the API and in the worker
 * alike: every process that runs messaging's queries needs every kind's rules).
 */
export interface ThreadKindDefinition {
  /** Stored in `threads.kind`: lower-case letters, digits and '-', 2 to 40 characters (`ticket-internal`). */
  kind: string;
  /**
   * Who reads a thread of this kind: an SQL condition over the thread as `t` and the user as `:me` (its only
   * parameter). Every messaging query embeds it, before any LIMIT; a thread it refuses answers 404.
   */
  read: string;
  /** Who, among its readers, sends and edits or deletes their own messages (same form); others get 403. Default: `read`. */
  write?: string;
  /**
   * Its realtime room, `<prefix><thread id>` (default prefix `thread:`), and an extra check a socket must
   * pass to join it on top of `read` (joins, syncs and periodic re-checks all go through it).
   */
  room?: { prefix?: string; policy?: (user: AuthUser, threadId: string) => boolean | Promise<boolean> };
  /** Whether its threads appear in `GET /threads`. */
  inbox: boolean;
  /** Whether messaging's mention and "new messages" notices apply; false: the owner sends its own. */
  genericNotices: boolean;
  /**
   * Whether its owner reacts to each new message in the message's own transaction, through the
   * `messaging.message-sent` domain event (published for these kinds only). Default false: a batch of
   * messages to threads of such kinds commits in one statement.
   */
  reactsToMessages?: boolean;
  /** Whether its readers are named in `thread_participants` (and listed in the thread's view). */
  participants: boolean;
  /**
   * The library whose service creates its threads, moderates them and manages their participants. Unless
   * it is messaging, messaging's own endpoints answer 404 for those actions on its threads.
   */
  owner: string;
  /** Messaging's own kinds: who pins, locks, archives and deletes others' messages. Default: nobody. */
  moderates?(
    manager: EntityManager,
    userId: string,
    thread: Pick<Thread, 'id' | 'networkId' | 'createdBy'>,
  ): Promise<boolean>;
  /** Messaging's own kinds: who adds and removes participants through messaging's endpoints. Default: nobody. */
  managesParticipants?(userId: string, thread: Pick<Thread, 'createdBy'>): boolean;
}

interface Registered extends Required<Pick<ThreadKindDefinition, 'kind' | 'read' | 'write'>> {
  definition: ThreadKindDefinition;
  roomPrefix: string;
}

/** Rules combined over every registered kind, rebuilt on each registration. */
interface Combined {
  read: string;
  write: string;
  inbox: string;
}

/**
 * The thread-kind registry: who reads and writes each kind (as SQL that messaging's queries embed), its
 * room, whether it shows in the inbox and gets messaging's notices, and who owns it. A thread whose kind
 * nobody registered is read by nobody (deny by default), and nothing creates one.
 */
@Injectable()
export class ThreadKinds {
  private readonly kinds = new Map<string, Registered>();
  private readonly prefixes = new Set<string>();
  private combined: Combined | null = null;

  constructor(
    private readonly rooms: RoomPolicies,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  register(definition: ThreadKindDefinition): void {
    const { kind } = definition;
    if (!THREAD_KIND_PATTERN.test(kind)) throw new Error(`thread kind must look like "ticket-internal", not "${kind}"`);
    if (this.kinds.has(kind)) throw new Error(`thread kind "${kind}" is already registered`);
    const read = checkedRule(kind, 'read', definition.read);
    const write = definition.write === undefined ? read : checkedRule(kind, 'write', definition.write);
    const roomPrefix = definition.room?.prefix ?? DEFAULT_ROOM_PREFIX;
    if (!/^[a-z-]+:$/.test(roomPrefix) || ['user:', 'session:', 'network:'].includes(roomPrefix))
      throw new Error(`thread kind "${kind}": room prefix "${roomPrefix}" is not a thread room prefix`);
    this.kinds.set(kind, { kind, read, write, definition, roomPrefix });
    this.combined = null;
    if (!this.prefixes.has(roomPrefix)) {
      this.prefixes.add(roomPrefix);
      this.rooms.register(roomPrefix, (user, room) => this.allowsRoom(user, roomPrefix, room));
    }
  }

  /** The kind's definition; an unregistered kind is refused. */
  get(kind: string): ThreadKindDefinition {
    const registered = this.kinds.get(kind);
    if (!registered) throw new Error(`unknown thread kind "${kind}"`);
    return registered.definition;
  }

  has(kind: string): boolean {
    return this.kinds.has(kind);
  }

  /** Whether messaging's own endpoints may create, moderate and manage the participants of this kind. */
  ownedByMessaging(kind: string): boolean {
    return this.kinds.get(kind)?.definition.owner === MESSAGING_OWNER;
  }

  /** Whether messaging's mention and new-message notices apply to this kind's threads. */
  genericNotices(kind: string): boolean {
    return this.kinds.get(kind)?.definition.genericNotices ?? false;
  }

  /** The kinds messaging's own notices apply to. */
  genericNoticeKinds(): string[] {
    return [...this.kinds.values()].filter((kind) => kind.definition.genericNotices).map((kind) => kind.kind);
  }

  /** Whether the kind's owner reacts to each new message in its transaction (`messaging.message-sent`). */
  reactsToMessages(kind: string): boolean {
    return this.kinds.get(kind)?.definition.reactsToMessages ?? false;
  }

  inInbox(kind: string): boolean {
    return this.kinds.get(kind)?.definition.inbox ?? false;
  }

  /** The realtime room of a thread of `kind`. */
  room(kind: string, threadId: string): string {
    const registered = this.kinds.get(kind);
    if (!registered) throw new Error(`unknown thread kind "${kind}"`);
    return `${registered.roomPrefix}${threadId}`;
  }

  /** Every name a thread's room may have (one per registered prefix); the thread's kind picks one. */
  roomsNamed(threadId: string): string[] {
    return [...this.prefixes].map((prefix) => `${prefix}${threadId}`);
  }

  /**
   * "`:me` reads `t`", over every registered kind. `me` replaces the `:me` parameter when given (a
   * positional `$2`, or a column such as `u.id`).
   */
  readRule(me?: string): string {
    return bind(this.rules().read, me);
  }

  /** "`:me` writes in `t`" (a reader only: combine it with `readRule`). */
  writeRule(me?: string): string {
    return bind(this.rules().write, me);
  }

  /** "`t` is listed in the inbox". */
  inboxRule(): string {
    return this.rules().inbox;
  }

  /** A statement listing the readers of the thread whose id is `threadParam` (`$1`), as `user_id`. */
  readersQuery(threadParam: string): string {
    return `SELECT u.id AS user_id FROM users u JOIN threads t ON t.id = ${threadParam} WHERE ${this.readRule('u.id')}`;
  }

  /**
   * The room to put `user`'s socket in for `threadId`, or null when they may not: the thread's kind must be
   * registered, `read` must hold, and so must the kind's own room policy.
   */
  async roomFor(
    user: AuthUser,
    threadId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    if (!UUID.test(threadId)) return null;
    const [row] = (await manager.query(`SELECT t.kind FROM threads t WHERE t.id = $1 AND ${this.readRule('$2')}`, [
      threadId,
      user.id,
    ])) as { kind: string }[];
    const registered = row ? this.kinds.get(row.kind) : undefined;
    if (!registered) return null;
    const policy = registered.definition.room?.policy;
    if (policy && !(await policy(user, threadId))) return null;
    return `${registered.roomPrefix}${threadId}`;
  }

  private async allowsRoom(user: AuthUser, prefix: string, room: string): Promise<boolean> {
    const threadId = room.slice(prefix.length);
    return (await this.roomFor(user, threadId)) === room;
  }

  private rules(): Combined {
    if (this.combined) return this.combined;
    const kinds = [...this.kinds.values()];
    const either = (rule: (kind: Registered) => string) =>
      kinds.length === 0
        ? 'FALSE'
        : `(${kinds.map((kind) => `(t.kind = '${kind.kind}' AND (${rule(kind)}))`).join(' OR ')})`;
    const inbox = kinds.filter((kind) => kind.definition.inbox).map((kind) => `'${kind.kind}'`);
    this.combined = {
      read: either((kind) => kind.read),
      write: either((kind) => kind.write),
      inbox: inbox.length === 0 ? 'FALSE' : `t.kind IN (${inbox.join(', ')})`,
    };
    return this.combined;
  }
}

/**
 * A rule is embedded in named (`:me`) and positional (`$2`) statements alike, so it may use no other
 * parameter and no statement separator.
 */
function checkedRule(kind: string, name: string, sql: string): string {
  const rule = sql.trim();
  if (rule.length === 0) throw new Error(`thread kind "${kind}": its ${name} rule is empty`);
  if (!/(?<!:):me\b/.test(rule)) throw new Error(`thread kind "${kind}": its ${name} rule must use :me`);
  if (/(?<!:):(?!:)(?!me\b)[A-Za-z_]/.test(rule) || /\$\d/.test(rule) || rule.includes(';'))
    throw new Error(`thread kind "${kind}": its ${name} rule may use no parameter but :me, and no ";"`);
  return rule;
}

function bind(rule: string, me: string | undefined): string {
  return me === undefined ? rule : rule.replace(/(?<!:):me\b/g, me);
}
