import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, jobId, Queues } from '@liaison/platform';
import { NotificationKinds, Notifier } from '@liaison/notifications';
import { Presence } from '@liaison/realtime';
import { Thread } from '../threads/thread.entity';
import { ThreadAccess } from '../threads/thread-access.policy';

export const MENTION = 'message.mention';
export const NEW_MESSAGES = 'thread.new-messages';
export const THREAD_NOTICE_QUEUE = 'messaging.thread-notice';
export const MENTION_QUEUE = 'messaging.mention';
/** Messages whose mentions one sweep queues again at most (the oldest first). */
const MENTION_SWEEP_LIMIT = 5000;

declare module '@liaison/platform' {
  interface QueueJobMap {
    /** A thread's "new messages" check, due at the end of its debounce window. */
    'messaging.thread-notice': { threadId: string };
    /** The people a stored message mentions, to be told. */
    'messaging.mention': { messageId: string };
  }
}

/**
 * What messaging tells people outside the conversation: an @mention, and — to readers with no socket on any
 * node when a message is committed — one "new messages" notice per thread until they read it. Neither
 * carries the message's text or the thread's subject: the kind, the network, the sender and a link.
 */
@Injectable()
export class MessagingNotices implements OnModuleInit {
  private readonly logger = new Logger(MessagingNotices.name);
  /** The window whose check this node already queued, per thread: one Redis write per thread per window. */
  private readonly queued = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ThreadAccess,
    private readonly notifier: Notifier,
    private readonly kinds: NotificationKinds,
    private readonly presence: Presence,
    private readonly queues: Queues,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queues.register({
      name: THREAD_NOTICE_QUEUE,
      process: ({ threadId }) => this.check(threadId),
    });
    this.queues.register({
      name: MENTION_QUEUE,
      process: ({ messageId }) => this.tellMentioned(messageId),
      expected: async () =>
        (
          (await this.dataSource.query(
            'SELECT id FROM messages WHERE mentions IS NOT NULL ORDER BY created_at LIMIT $1',
            [MENTION_SWEEP_LIMIT],
          )) as { id: string }[]
        ).map(({ id }) => ({ id: jobId('mention', id), payload: { messageId: id } })),
    });
    this.kinds.register({
      kind: MENTION,
      inApp: true,
      email: 'on',
      template: {
        en: {
          subject: '{actor} mentioned you on Liaison',
          text: '{actor} mentioned you in a conversation on Liaison.\n\nOpen it (sign-in required):\n{link}',
        },
        fr: {
          subject: '{actor} vous a mentionné sur Liaison',
          text: '{actor} vous a mentionné dans une conversation sur Liaison.\n\nL’ouvrir (connexion requise) :\n{link}',
        },
        ar: {
          subject: 'أشار إليك {actor} على Liaison',
          text: 'أشار إليك {actor} في محادثة على Liaison.\n\nافتحها (يلزم تسجيل الدخول):\n{link}',
        },
      },
    });
    this.kinds.register({
      kind: NEW_MESSAGES,
      inApp: true,
      email: 'on',
      template: {
        en: {
          subject: 'New messages on Liaison',
          text: 'There are new messages for you on Liaison, the latest from {actor}.\n\nRead them (sign-in required):\n{link}',
        },
        fr: {
          subject: 'Nouveaux messages sur Liaison',
          text: 'De nouveaux messages vous attendent sur Liaison, le dernier de {actor}.\n\nLes lire (connexion requise) :\n{link}',
        },
        ar: {
          subject: 'رسائل جديدة على Liaison',
          text: 'لديك رسائل جديدة على Liaison، آخرها من {actor}.\n\nاقرأها (يلزم تسجيل الدخول):\n{link}',
        },
      },
    });
  }

  private async network(manager: EntityManager, thread: Thread): Promise<{ id: string; name: string } | null> {
    if (!thread.networkId) return null;
    const [row] = (await manager.query('SELECT id, name FROM networks WHERE id = $1', [thread.networkId])) as {
      id: string;
      name: string;
    }[];
    return row ?? null;
  }

  /**
   * The worker's side of a message's mentions: the message gives them up (its `mentions` cleared) in the
   * transaction that tells the mentioned people who read the thread — so each is told once, however often
   * the job runs. A message deleted meanwhile tells nobody.
   */
  private async tellMentioned(messageId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE as [rows, count].
      const [[claimed]] = (await manager.query(
        `UPDATE messages m SET mentions = NULL
           FROM (SELECT id, mentions FROM messages WHERE id = $1 AND mentions IS NOT NULL FOR UPDATE) old
          WHERE m.id = old.id
         RETURNING m.thread_id, m.author_id, old.mentions, m.deleted_at`,
        [messageId],
      )) as [{ thread_id: string; author_id: string; mentions: string[]; deleted_at: Date | null }[], number];
      if (!claimed || claimed.deleted_at) return;
      const thread = await manager.findOne(Thread, { where: { id: claimed.thread_id } });
      if (thread) await this.mentioned(manager, thread, claimed.author_id, claimed.mentions);
    });
  }

  /** The mentioned people who read the thread (others are ignored). */
  private async mentioned(manager: EntityManager, thread: Thread, authorId: string, mentions: string[]): Promise<void> {
    const wanted = new Set(mentions.filter((id) => id !== authorId));
    if (wanted.size === 0) return;
    const recipients = (await this.access.readers(manager, thread)).filter((id) => wanted.has(id));
    if (recipients.length === 0) return;
    await this.notifier.notify(manager, {
      kind: MENTION,
      recipients,
      actorId: authorId,
      network: await this.network(manager, thread),
      link: `/threads/${thread.id}`,
    });
  }

  /**
   * After a message committed, before the sender is answered: queues the thread's notice check for the end
   * of the current MESSAGE_NOTICE_DELAY_MS window, as a delayed job whose id names the thread and the window.
   * Every message of a busy thread within one window queues the same job once, so who is offline is asked
   * once per window, for the latest message. The job lives in Redis, not in this process: a node that stops
   * within the window still has its check run, once, by the worker. This node remembers the window it
   * queued for each thread and does not ask Redis again within it (the job would be the same one). Failures
   * (Redis away) are logged, never the sender's problem, and the next message tries again.
   */
  async afterMessage(thread: Thread): Promise<void> {
    const delay = this.config.MESSAGE_NOTICE_DELAY_MS;
    const window = delay > 0 ? Math.floor(Date.now() / delay) : Date.now();
    if (delay > 0 && this.queued.get(thread.id) === window) return;
    try {
      await this.queues.add(
        THREAD_NOTICE_QUEUE,
        jobId('thread-notice', thread.id, String(window)),
        { threadId: thread.id },
        { runAt: new Date((window + 1) * Math.max(delay, 1)) },
      );
      if (delay > 0) {
        if (this.queued.size >= 10_000) this.queued.clear();
        this.queued.set(thread.id, window);
      }
    } catch (error) {
      this.logger.error(`cannot queue the unread notice check for thread ${thread.id}: ${(error as Error).message}`);
    }
  }

  /** The worker's side: the thread and its latest message's author, as PostgreSQL has them now. */
  private async check(threadId: string): Promise<void> {
    const thread = await this.dataSource.getRepository(Thread).findOne({ where: { id: threadId } });
    if (!thread) return;
    const [latest] = (await this.dataSource.query(
      'SELECT author_id FROM messages WHERE thread_id = $1 AND deleted_at IS NULL ORDER BY seq DESC LIMIT 1',
      [threadId],
    )) as { author_id: string }[];
    if (!latest) return;
    await this.noticeOffline(thread, latest.author_id);
  }

  private async noticeOffline(thread: Thread, authorId: string): Promise<void> {
    const candidates = (
      (await this.dataSource.query(
        `SELECT x.user_id FROM (${this.access.readersQuery('$1')}) x
           LEFT JOIN thread_reads r ON r.thread_id = $1 AND r.user_id = x.user_id
          WHERE x.user_id <> $2 AND r.noticed_at IS NULL`,
        [thread.id, authorId],
      )) as { user_id: string }[]
    ).map((row) => row.user_id);
    if (candidates.length === 0) return;
    const online = await this.presence.online(candidates);
    const offline = candidates.filter((id) => !online.has(id));
    if (offline.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      // Claims "noticed" per user; a concurrent sender's claim wins and this one tells nobody twice.
      const claimed = (await manager.query(
        `INSERT INTO thread_reads (thread_id, user_id, last_read_seq, noticed_at)
         SELECT $1, u, 0, now() FROM unnest($2::uuid[]) AS u
         ON CONFLICT (thread_id, user_id) DO UPDATE SET noticed_at = now() WHERE thread_reads.noticed_at IS NULL
         RETURNING user_id`,
        [thread.id, offline],
      )) as { user_id: string }[];
      if (claimed.length === 0) return;
      await this.notifier.notify(manager, {
        kind: NEW_MESSAGES,
        recipients: claimed.map((row) => row.user_id),
        actorId: authorId,
        network: await this.network(manager, thread),
        link: `/threads/${thread.id}`,
      });
    });
  }
}
