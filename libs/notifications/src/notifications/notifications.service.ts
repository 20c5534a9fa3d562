import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { decodeCursor, Page, pageOf, ValidationProblem } from '@liaison/platform';
import { Notification } from './notification.entity';
import { NotificationEvent } from '../delivery/notification-event.entity';
import { NotificationPreference } from './notification-preference.entity';
import type { NotificationView } from '@liaison/contracts';
import { NotificationKinds } from '../kinds/notification-kinds.registry';

export interface PreferenceView {
  kind: string;
  email: boolean;
}

interface Row {
  id: string;
  number: string;
  kind: string;
  network_id: string | null;
  network_name: string | null;
  actor_id: string | null;
  actor_name: string | null;
  reference: string | null;
  link: string;
  created_at: Date;
  read_at: Date | null;
}

function view(row: Row): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    network: row.network_id ? { id: row.network_id, name: row.network_name ?? '' } : null,
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
    reference: row.reference,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

/** A user's own notifications and e-mail preferences: every query is scoped to that user. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kinds: NotificationKinds,
  ) {}

  private query(manager: EntityManager, userId: string) {
    return manager
      .createQueryBuilder(Notification, 'n')
      .innerJoin(NotificationEvent, 'e', 'e.id = n.event_id')
      .leftJoin('users', 'u', 'u.id = e.actor_id')
      .select([
        'n.id AS id',
        'n.number AS number',
        'e.kind AS kind',
        'e.network_id AS network_id',
        'e.network_name AS network_name',
        'e.actor_id AS actor_id',
        'u.display_name AS actor_name',
        'e.reference AS reference',
        'e.link AS link',
        'n.created_at AS created_at',
        'n.read_at AS read_at',
      ])
      .where('n.user_id = :userId', { userId });
  }

  async list(
    userId: string,
    options: { cursor?: string; limit: number; unread?: boolean },
  ): Promise<Page<NotificationView>> {
    const after = decodeCursor(options.cursor, ['integer']);
    const query = this.query(this.dataSource.manager, userId)
      .orderBy('n.number', 'DESC')
      .limit(options.limit + 1);
    if (after) query.andWhere('n.number < :after', { after: after[0] });
    if (options.unread) query.andWhere('n.read_at IS NULL');
    const rows = await query.getRawMany<Row>();
    const page = pageOf(rows, options.limit, (row) => [row.number]);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  async one(userId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<NotificationView> {
    const row = await this.query(manager, userId).andWhere('n.id = :id', { id }).getRawOne<Row>();
    if (!row) throw new NotFoundException('No such notification');
    return view(row);
  }

  /** The bell records of one event, each with its recipient's unread count: for pushing a batch live. */
  async createdOf(
    eventId: string,
    manager: EntityManager = this.dataSource.manager,
    /** Only these recipients' (e.g. those online); all of them when omitted. */
    userIds?: string[],
  ): Promise<{ userId: string; notification: NotificationView; unread: number }[]> {
    const rows = await manager.query<(Row & { user_id: string; unread: string })[]>(
      `SELECT n.id, n.number, e.kind, e.network_id, e.network_name, e.actor_id, u.display_name AS actor_name,
              e.reference, e.link, n.created_at, n.read_at, n.user_id,
              (SELECT count(*) FROM notifications c WHERE c.user_id = n.user_id AND c.read_at IS NULL) AS unread
         FROM notifications n JOIN notification_events e ON e.id = n.event_id LEFT JOIN users u ON u.id = e.actor_id
        WHERE n.event_id = $1 AND ($2::uuid[] IS NULL OR n.user_id = ANY($2::uuid[]))`,
      [eventId, userIds ?? null],
    );
    return rows.map((row) => ({ userId: row.user_id, notification: view(row), unread: Number(row.unread) }));
  }

  async unreadCount(userId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.count(Notification, { where: { userId, readAt: IsNull() } });
  }

  /** Marks one notification read (404 if it is not the caller's); returns the new unread count. */
  async markRead(userId: string, id: string): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where('id = :id AND user_id = :userId', { id, userId })
      .execute();
    if (!result.affected) throw new NotFoundException('No such notification');
    return this.unreadCount(userId);
  }

  async markAllRead(userId: string): Promise<number> {
    await this.dataSource.getRepository(Notification).update({ userId, readAt: IsNull() }, { readAt: new Date() });
    return 0;
  }

  async preferences(userId: string): Promise<PreferenceView[]> {
    const stored = await this.dataSource.getRepository(NotificationPreference).findBy({ userId });
    const chosen = new Map(stored.map((row) => [row.kind, row.email]));
    return this.kinds
      .optional()
      .map((kind) => ({ kind: kind.kind, email: chosen.get(kind.kind) ?? kind.email === 'on' }));
  }

  async setPreferences(userId: string, choices: PreferenceView[]): Promise<PreferenceView[]> {
    const known = new Set(this.kinds.optional().map((kind) => kind.kind));
    const unknown = choices.findIndex((choice) => !known.has(choice.kind));
    if (unknown >= 0)
      throw new ValidationProblem([
        { field: `preferences.${unknown}.kind`, message: 'is not a notification kind you can choose' },
      ]);
    await this.dataSource.getRepository(NotificationPreference).upsert(
      choices.map((choice) => ({ userId, kind: choice.kind, email: choice.email })),
      ['userId', 'kind'],
    );
    return this.preferences(userId);
  }
}
