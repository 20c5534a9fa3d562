import { ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { PoolClient } from 'pg';
import { DomainEvents, jobId, Metrics, Queues } from '@liaison/platform';
import { AuthUser } from '@liaison/identity';
import { RealtimeEmitter } from '@liaison/realtime';
import type { MessageView } from '@liaison/contracts';
import { Thread, ThreadRow, threadFromRow } from '../threads/thread.entity';
import '../messaging-domain-events';
import { BlindIndex } from '../search/blind-index';
import { ThreadAccess } from '../threads/thread-access.policy';
import { ThreadCrypto } from '../threads/thread-crypto.service';
import { ThreadKinds } from '../threads/thread-kinds.registry';
import { MENTION_QUEUE, MessagingNotices } from './messaging-notices.processor';
import { GroupCommit } from './group-commit';
import { advanceRead, messageView, oneMessage } from './message-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Group commit: lanes in flight at once (each holds one connection while it commits), batch size, queue bound. */
const SEND_LANES = 4;
const SEND_MAX_BATCH = 64;
const SEND_MAX_WAITING = 2000;

export interface SendInput {
  clientId: string;
  body: string;
  mentions?: string[];
}

interface PendingSend {
  user: AuthUser;
  threadId: string;
  input: SendInput;
  started: number;
}

/** One row of the batch statement's answer, for the send at `ord`. */
interface BatchRow {
  ord: number;
  readable: boolean;
  writable: boolean;
  kind: string | null;
  network_id: string | null;
  created_by: string | null;
  wrapped_key: string | null;
  last_seq: string | null;
  locked: boolean | null;
  archived: boolean | null;
  seq: string | null;
  created_at: Date | null;
  /** whether the stored message keeps mentions for the worker to tell */
  mentions: boolean | null;
  author_name: string;
  e_id: string | null;
  e_seq: string | null;
  e_client_id: string | null;
  e_body_sealed: string | null;
  e_created_at: Date | null;
  e_edited_at: Date | null;
  e_deleted_at: Date | null;
}

export interface Sent {
  message: MessageView;
  /** false: a retry of a message already stored (same client id), returned as it was */
  created: boolean;
}

/**
 * Sending messages, with a per-thread `seq` allocated under the thread's row lock, idempotent by the
 * client's id (checked after the lock, so a retry burns no seq). MessagesService.send delegates here.
 */
@Injectable()
export class MessageSender {
  private readonly logger = new Logger(MessageSender.name);
  private readonly batches = new GroupCommit<PendingSend, Sent>(
    { lanes: SEND_LANES, maxBatch: SEND_MAX_BATCH, maxWaiting: SEND_MAX_WAITING },
    (items) => this.flush(items),
  );
  private statement?: { name: string; text: string; rules: string };
  /** Each thread's kind, once a batch has seen it (a thread never changes kind): up to 10,000 threads. */
  private readonly threadKinds = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ThreadAccess,
    private readonly kinds: ThreadKinds,
    private readonly crypto: ThreadCrypto,
    private readonly emitter: RealtimeEmitter,
    private readonly notices: MessagingNotices,
    private readonly events: DomainEvents,
    private readonly metrics: Metrics,
    private readonly queues: Queues,
    private readonly index: BlindIndex,
  ) {}

  /**
   * The hot path. A send joins its thread's lane of the group commit (GroupCommit): sends that arrive while
   * a batch commits go into the next one, a thread's sends in arrival order, one transaction and one WAL
   * flush per batch. See `storeBatch`.
   */
  async send(user: AuthUser, threadId: string, input: SendInput): Promise<Sent> {
    if (!UUID.test(threadId)) throw new NotFoundException('No such thread');
    return this.batches.submit(threadId, { user, threadId, input, started: performance.now() });
  }

  /** Sends waiting for their batch on this node (admission control refuses new ones past a bound). */
  get waitingSends(): number {
    return this.batches.pending;
  }

  /** The group-commit lane of a thread's sends: threads of one lane share its batches. */
  sendLane(threadId: string): number {
    return this.batches.laneOf(threadId);
  }

  /**
   * Answers each send of a batch. The same client id twice in one batch (a client's retry that caught up
   * with its first try) is stored once and the second answered as a retry. If the batch fails as a whole
   * (a kind's in-transaction handler throws, a deadlock, a lost connection, a client id stored by another
   * node meanwhile), its sends are run again one by one, so only the one that fails is answered with its
   * error.
   */
  private async flush(items: PendingSend[]): Promise<(Sent | Error)[]> {
    const firstOf = new Map<string, number>();
    const unique: PendingSend[] = [];
    const slot = items.map((item) => {
      const key = `${item.threadId}/${item.user.id}/${item.input.clientId}`;
      const seen = firstOf.get(key);
      if (seen !== undefined) return seen;
      firstOf.set(key, unique.length);
      unique.push(item);
      return unique.length - 1;
    });
    let results: (Sent | Error)[];
    try {
      results = await this.storeBatch(unique);
    } catch (error) {
      this.logger.warn(`a batch of ${unique.length} sends failed as a whole (${(error as Error).message}): one by one`);
      results = [];
      for (const item of unique)
        results.push(await this.sendAlone(item.user, item.threadId, item.input).catch((failure: Error) => failure));
    }
    const answered = new Set<number>();
    return slot.map((index) => {
      const result = results[index];
      if (result instanceof Error || !answered.has(index)) {
        answered.add(index);
        return result;
      }
      return { message: result.message, created: false };
    });
  }

  /** The batch statement, built once the kinds are registered (their rules are part of it). */
  private batchStatement(): { name: string; text: string } {
    const read = this.kinds.readRule('s.author_id');
    const write = this.kinds.writeRule('s.author_id');
    const noticed = this.kinds.genericNoticeKinds().map((kind) => `'${kind}'`);
    const rules = [read, write, ...noticed].join('\n');
    if (this.statement?.rules === rules) return this.statement;
    const text = `WITH s AS (
        SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[])
          AS s(ord, thread_id, author_id, client_id, id, body_sealed, tokens, mentions)
      ), locked AS (
        SELECT t.* FROM threads t WHERE t.id IN (SELECT thread_id FROM s) ORDER BY t.id FOR UPDATE
      ), checked AS (
        SELECT s.*, t.id IS NOT NULL AND COALESCE(${read}, false) AS readable, COALESCE(${write}, false) AS writable,
               t.kind, t.network_id, t.created_by, t.wrapped_key, t.last_seq, t.locked, t.archived, e.id AS existing_id
          FROM s LEFT JOIN locked t ON t.id = s.thread_id
          LEFT JOIN messages e ON e.thread_id = s.thread_id AND e.author_id = s.author_id AND e.client_id = s.client_id
      ), accepted AS (
        SELECT c.*, c.last_seq + row_number() OVER (PARTITION BY c.thread_id ORDER BY c.ord) AS seq
          FROM checked c
         WHERE c.readable AND c.existing_id IS NULL AND c.writable AND NOT c.locked AND NOT c.archived
      ), m AS (
        INSERT INTO messages (id, thread_id, seq, client_id, author_id, body_sealed, search_tokens, mentions)
        SELECT id, thread_id, seq, client_id, author_id, body_sealed, string_to_array(tokens, ' '),
               CASE WHEN kind IN (${noticed.join(', ') || 'NULL'}) THEN NULLIF(string_to_array(mentions, ' ')::uuid[], '{}') END
          FROM accepted
        ON CONFLICT (thread_id, author_id, client_id) DO NOTHING
        RETURNING id, created_at, mentions IS NOT NULL AS mentions
      ), bump AS (
        UPDATE threads SET last_seq = x.seq, last_activity_at = now()
          FROM (SELECT thread_id, max(seq) AS seq FROM accepted GROUP BY thread_id) x WHERE threads.id = x.thread_id
      ), reader AS (
        INSERT INTO thread_reads (thread_id, user_id, last_read_seq, noticed_at)
        SELECT thread_id, author_id, max(seq), NULL FROM accepted GROUP BY thread_id, author_id
        ON CONFLICT (thread_id, user_id) DO UPDATE
          SET last_read_seq = GREATEST(thread_reads.last_read_seq, EXCLUDED.last_read_seq), noticed_at = NULL
      )
      SELECT c.ord, c.readable, c.writable, c.kind, c.network_id, c.created_by, c.wrapped_key, c.last_seq, c.locked,
             c.archived, a.seq, m.created_at, m.mentions, u.display_name AS author_name, e.id AS e_id, e.seq AS e_seq,
             e.client_id AS e_client_id, e.body_sealed AS e_body_sealed, e.created_at AS e_created_at,
             e.edited_at AS e_edited_at, e.deleted_at AS e_deleted_at,
             -- A client id stored by another node while this batch waited for the lock: its seq would be
             -- skipped, so the whole statement fails (the cast raises) and the batch is run again one by one.
             CASE WHEN a.seq IS NOT NULL AND m.id IS NULL THEN ('client id stored meanwhile, send ' || c.ord)::int END AS race
        FROM checked c
        LEFT JOIN accepted a ON a.ord = c.ord
        LEFT JOIN m ON m.id = c.id
        LEFT JOIN users u ON u.id = c.author_id
        LEFT JOIN messages e ON e.id = c.existing_id`;
    let hash = 0;
    for (let index = 0; index < text.length; index += 1) hash = (hash * 31 + text.charCodeAt(index)) | 0;
    this.statement = { name: `messaging-send-batch-${(hash >>> 0).toString(36)}`, text, rules };
    return this.statement;
  }

  /**
   * One batch, in one named prepared statement whatever its size. The statement takes the batch's threads'
   * row locks in id order (no deadlock between batches) and, under them, checks each send against its
   * kind's read and write rules and its thread's state, looks for its client id, allocates the next seqs in
   * the batch's order, stores the messages (with their search tokens and mentions), the threads' last seq
   * and the senders' read positions — and answers every send, so a send refused (not a reader, locked,
   * archived…) refuses only itself. The locks are held inside PostgreSQL only.
   *
   * When every thread of the batch is of a kind known not to react in the message's transaction, the
   * statement is the whole transaction (one round trip, one WAL flush). Otherwise (a kind whose owner
   * reacts, such as a helpdesk ticket, or a thread not seen yet) it runs in a transaction that also
   * publishes `messaging.message-sent` for the reacting kinds' messages. The messages are answered and
   * broadcast as soon as they are committed; the mentions and unread-notice checks are queued after that,
   * for the worker.
   */
  private async storeBatch(sends: PendingSend[]): Promise<(Sent | Error)[]> {
    // Sealing needs each thread's data key: fetched (unwrapped once, then cached) only for threads not seen yet.
    const unknown = [...new Set(sends.map((send) => send.threadId))].filter((id) => !this.crypto.knows(id));
    const wrapped = new Map<string, string>();
    if (unknown.length > 0)
      for (const row of (await this.dataSource.query('SELECT id, wrapped_key FROM threads WHERE id = ANY($1::uuid[])', [
        unknown,
      ])) as { id: string; wrapped_key: string }[])
        wrapped.set(row.id, row.wrapped_key);
    const ids = sends.map(() => randomUUID());
    const sealed = sends.map((send, index) =>
      this.crypto.knows(send.threadId) || wrapped.has(send.threadId)
        ? this.crypto.seal(
            { id: send.threadId, wrappedKey: wrapped.get(send.threadId) ?? '' },
            { kind: 'message', messageId: ids[index] },
            send.input.body,
          )
        : null,
    );
    const statement = this.batchStatement();
    const values = [
      sends.map((_, index) => index),
      sends.map((send) => send.threadId),
      sends.map((send) => send.user.id),
      sends.map((send) => send.input.clientId),
      ids,
      sealed,
      sends.map((send) => this.index.tokens(send.input.body).join(' ')),
      sends.map((send) => (send.input.mentions ?? []).join(' ')),
    ];
    const inTransaction = sends.some((send) => {
      const kind = this.threadKinds.get(send.threadId);
      return kind === undefined || this.kinds.reactsToMessages(kind);
    });
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const created: { message: MessageView; thread: Thread; send: PendingSend; mentions: boolean }[] = [];
    const results: (Sent | Error)[] = [];
    try {
      if (inTransaction) await runner.startTransaction();
      const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
      const { rows } = await client.query<BatchRow>({ name: statement.name, text: statement.text, values });
      rows.sort((a, b) => a.ord - b.ord);
      for (const row of rows) {
        const send = sends[row.ord];
        // The thread's columns are null only for a send to no readable thread, which never uses them.
        const thread = threadFromRow({ ...(row as unknown as ThreadRow), id: send.threadId });
        if (!row.readable) results.push(new NotFoundException('No such thread'));
        else if (row.e_id !== null)
          results.push({
            message: await messageView(this.crypto, thread, {
              id: row.e_id,
              thread_id: send.threadId,
              seq: row.e_seq as string,
              client_id: row.e_client_id as string,
              author_id: send.user.id,
              author_name: row.author_name,
              body_sealed: row.e_body_sealed,
              created_at: row.e_created_at as Date,
              edited_at: row.e_edited_at,
              deleted_at: row.e_deleted_at,
            }),
            created: false,
          });
        else if (!row.writable) results.push(new ForbiddenException('You read this thread but may not write in it'));
        else if (row.locked || row.archived)
          results.push(new ForbiddenException(row.archived ? 'This thread is archived' : 'This thread is locked'));
        else {
          const message: MessageView = {
            id: ids[row.ord],
            threadId: send.threadId,
            seq: Number(row.seq),
            clientId: send.input.clientId,
            author: { id: send.user.id, displayName: row.author_name },
            body: send.input.body,
            unreadable: false,
            createdAt: (row.created_at as Date).toISOString(),
            editedAt: null,
            deletedAt: null,
          };
          created.push({ message, thread, send, mentions: row.mentions === true });
          results.push({ message, created: true });
        }
      }
      // The kind's owner reacts in the message's transaction (a helpdesk ticket's status, its own notices).
      for (const { message, thread, send } of created)
        if (this.kinds.reactsToMessages(thread.kind))
          await this.events.publish(
            'messaging.message-sent',
            { threadId: thread.id, kind: thread.kind, messageId: message.id, authorId: send.user.id },
            runner.manager,
          );
      if (inTransaction) await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    const now = performance.now();
    for (const { message, thread, send } of created) {
      this.emitter.toRoom(this.kinds.room(thread.kind, thread.id), 'message.created', message);
      this.metrics.messageStored((now - send.started) / 1000, created.length);
      if (this.threadKinds.size >= 10_000) this.threadKinds.clear();
      this.threadKinds.set(thread.id, thread.kind);
    }
    await this.afterStored(created);
    return results;
  }

  /**
   * After messages committed, the worker's jobs: for the mentions they carry, not awaited (the messages keep
   * them until told, and the sweep queues again a job that Redis lost), and for their threads' unread
   * notices, awaited before the senders are answered (a node that dies after answering has queued the check;
   * within a notice window it is already queued and costs nothing). Neither throws: a failure is logged.
   */
  private async afterStored(created: { message: MessageView; thread: Thread; mentions: boolean }[]): Promise<void> {
    const noticed = new Map<string, Thread>();
    for (const { message, thread, mentions } of created) {
      if (mentions)
        this.queues
          .add(MENTION_QUEUE, jobId('mention', message.id), { messageId: message.id })
          .catch((error: Error) => this.logger.warn(`cannot queue the mentions of a message: ${error.message}`));
      if (this.kinds.genericNotices(thread.kind)) noticed.set(thread.id, thread);
    }
    await Promise.all([...noticed.values()].map((thread) => this.notices.afterMessage(thread)));
  }

  /**
   * One send in a transaction of its own, in four round trips: lock the readable thread, look for the client
   * id, store everything in one statement, commit. What a batch falls back to when it fails as a whole.
   */
  private async sendAlone(user: AuthUser, threadId: string, input: SendInput): Promise<Sent> {
    const started = performance.now();
    const sent = await this.dataSource.transaction(async (manager) => {
      // The row lock serialises senders of this thread: seq allocation and the client-id check are race-free.
      const { thread, writable } = await this.access.lockReadable(manager, user.id, threadId);
      const [existing] = (await manager.query(
        'SELECT id FROM messages WHERE thread_id = $1 AND author_id = $2 AND client_id = $3',
        [threadId, user.id, input.clientId],
      )) as { id: string }[];
      if (existing)
        return {
          message: (await oneMessage(manager, this.crypto, thread, 'm.id = :id', { id: existing.id })) as MessageView,
          created: false,
          thread,
          mentions: false,
        };
      if (!writable) throw new ForbiddenException('You read this thread but may not write in it');
      if (thread.locked || thread.archived)
        throw new ForbiddenException(thread.archived ? 'This thread is archived' : 'This thread is locked');
      const seq = Number(thread.lastSeq) + 1;
      const id = randomUUID();
      const mentions = this.kinds.genericNotices(thread.kind) && (input.mentions?.length ?? 0) > 0;
      const [stored] = (await manager.query(
        `WITH m AS (
           INSERT INTO messages (id, thread_id, seq, client_id, author_id, body_sealed, search_tokens, mentions)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING created_at
         ), thread AS (
           UPDATE threads SET last_seq = $3, last_activity_at = now() WHERE id = $2
         ), reader AS (
           ${advanceRead('$2', '$5', '$3')}
         )
         SELECT created_at, (SELECT display_name FROM users WHERE id = $5) AS author_name FROM m`,
        [
          id,
          threadId,
          seq,
          input.clientId,
          user.id,
          this.crypto.seal(thread, { kind: 'message', messageId: id }, input.body),
          this.index.tokens(input.body),
          mentions ? input.mentions : null,
        ],
      )) as { created_at: Date; author_name: string }[];
      const message: MessageView = {
        id,
        threadId,
        seq,
        clientId: input.clientId,
        author: { id: user.id, displayName: stored.author_name },
        body: input.body,
        unreadable: false,
        createdAt: stored.created_at.toISOString(),
        editedAt: null,
        deletedAt: null,
      };
      // The kind's owner reacts in this transaction (a helpdesk ticket's status, its own notices).
      if (this.kinds.reactsToMessages(thread.kind))
        await this.events.publish(
          'messaging.message-sent',
          { threadId, kind: thread.kind, messageId: id, authorId: user.id },
          manager,
        );
      return { message, created: true, thread, mentions };
    });
    if (sent.created) {
      this.emitter.toRoom(this.kinds.room(sent.thread.kind, threadId), 'message.created', sent.message);
      this.metrics.messageStored((performance.now() - started) / 1000);
      await this.afterStored([sent]);
    }
    return { message: sent.message, created: sent.created };
  }
}
