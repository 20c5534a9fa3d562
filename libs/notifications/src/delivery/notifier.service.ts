import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { afterCommit, AppConfig, jobId, Keyring, Queues } from '@liaison/platform';
import { Channel, NotificationDelivery } from './notification-delivery.entity';
import { NotificationEvent } from './notification-event.entity';
import { Presence, RealtimeEmitter } from '@liaison/realtime';
import { NotificationPreference } from '../notifications/notification-preference.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { NotificationKind, NotificationKinds } from '../kinds/notification-kinds.registry';

export const DELIVER_QUEUE = 'notifications.deliver';

declare module '@liaison/platform' {
  interface QueueJobMap {
    /** Delivers one notification_deliveries row. */
    'notifications.deliver': { deliveryId: string };
  }
}

export interface NotifyUsers {
  kind: string;
  recipients: string[];
  actorId?: string | null;
  network?: { id: string; name: string } | null;
  /** A case's reference (`HD-2026-00042`): letters, digits and `-` only, so no case text can travel in it. */
  reference?: string | null;
  /** A path in the web app: letters, digits, `/`, `-` and `_` only, so no text can travel in it. */
  link: string;
  /**
   * Delivers in-app in the caller's transaction: the event, every recipient's bell record and delivery row
   * (recorded as sent) and the e-mail delivery rows in one statement, then pushed to the sockets of those
   * online after the commit; instead of one queued job per recipient. For work already running in the worker that notifies many at once at a given time (a
   * meeting's reminders). E-mail is queued as always.
   */
  inAppNow?: boolean;
}

export interface NotifyAddress {
  kind: string;
  address: string;
  actorId?: string | null;
  /** The one-time link to send; stored encrypted until the e-mail is sent. */
  secretLink: string;
  /** The delivery's id, when the caller follows its outcome (a one-time link does). */
  deliveryId?: string;
}

const LINK = /^\/[A-Za-z0-9/_-]*$/;
const REFERENCE = /^[A-Za-z0-9-]{1,40}$/;

/** The context a delivery's secret link is sealed under: it decrypts for that row only. */
export const secretLinkContext = (deliveryId: string) => `notification-delivery:${deliveryId}`;

/**
 * Records who must be told of an event, inside the caller's transaction: the event and one delivery row
 * per recipient and channel commit with the change that caused them, or not at all. After the commit the
 * deliveries are queued; if Redis is away then, the sweep queues them from these rows.
 */
@Injectable()
export class Notifier {
  private readonly mailDomain: string;

  constructor(
    private readonly kinds: NotificationKinds,
    private readonly queues: Queues,
    private readonly keyring: Keyring,
    private readonly notifications: NotificationsService,
    private readonly emitter: RealtimeEmitter,
    private readonly presence: Presence,
    config: AppConfig,
  ) {
    this.mailDomain = new URL(config.PUBLIC_ORIGIN).hostname;
  }

  async notify(manager: EntityManager, input: NotifyUsers): Promise<void> {
    await this.notifyEvent(manager, input);
  }

  /** As notify(), returning the event's id (null when nobody is to be told) for a kind that keeps records of it. */
  async notifyEvent(manager: EntityManager, input: NotifyUsers): Promise<string | null> {
    const kind = this.kinds.get(input.kind);
    if (!LINK.test(input.link)) throw new Error(`notification link ${input.link} is not a plain path`);
    if (input.reference != null && !REFERENCE.test(input.reference))
      throw new Error(`notification reference ${input.reference} is not a plain reference`);
    const recipients = [...new Set(input.recipients)].filter((id) => id !== input.actorId);
    if (recipients.length === 0) return null;
    if (input.inAppNow) return this.notifyNow(manager, input, recipients, kind);
    const event = await this.event(
      manager,
      input.kind,
      input.actorId ?? null,
      input.network ?? null,
      input.link,
      input.reference ?? null,
    );
    const byEmail = await this.emailChoices(manager, input.kind, recipients, kind.email);
    const deliveries: NotificationDelivery[] = [];
    for (const userId of recipients) {
      if (kind.inApp) deliveries.push(this.delivery(event.id, 'in_app', { userId }));
      if (byEmail.has(userId)) deliveries.push(this.delivery(event.id, 'email', { userId }));
    }
    await this.store(manager, deliveries);
    return event.id;
  }

  /**
   * `inAppNow`, set-based, in one statement of the caller's transaction: the event; per recipient the in-app
   * delivery row recorded as sent (the claim) and the bell record, both in this transaction, so exactly once;
   * and the e-mail delivery rows (pending, each with its Message-ID) of those who get this kind by e-mail,
   * queued after the commit like any other.
   */
  private async notifyNow(
    manager: EntityManager,
    input: NotifyUsers,
    recipients: string[],
    kind: NotificationKind,
  ): Promise<string> {
    const [row] = await manager.query<{ event_id: string; pending: string[] }[]>(
      `WITH e AS (
         INSERT INTO notification_events (kind, actor_id, network_id, network_name, reference, link)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id),
       r AS (SELECT unnest($7::uuid[]) AS user_id),
       mail AS (
         SELECT gen_random_uuid() AS id, r.user_id FROM r
           LEFT JOIN notification_preferences p ON p.user_id = r.user_id AND p.kind = $1
          WHERE $8::text = 'always' OR COALESCE(p.email, $8::text = 'on')),
       d AS (
         INSERT INTO notification_deliveries (id, event_id, channel, user_id, status, attempts, claimed_at, sent_at, message_id)
         SELECT gen_random_uuid(), e.id, 'in_app', r.user_id, 'sent', 1, now(), now(), NULL FROM e, r WHERE $9::boolean
         UNION ALL
         SELECT mail.id, e.id, 'email', mail.user_id, 'pending', 0, NULL, NULL, '<' || mail.id || '@' || $10::text || '>'
           FROM e, mail
         RETURNING id, channel),
       bells AS (INSERT INTO notifications (event_id, user_id) SELECT e.id, r.user_id FROM e, r WHERE $9::boolean)
       SELECT (SELECT id FROM e) AS event_id,
              COALESCE((SELECT array_agg(id) FROM d WHERE channel = 'email'), '{}') AS pending`,
      [
        input.kind,
        input.actorId ?? null,
        input.network?.id ?? null,
        input.network?.name ?? null,
        input.reference ?? null,
        input.link,
        recipients,
        kind.email,
        kind.inApp,
        this.mailDomain,
      ],
    );
    if (row.pending.length) afterCommit(manager, () => this.enqueue(row.pending));
    if (kind.inApp) afterCommit(manager, () => this.push(row.event_id, recipients));
    return row.event_id;
  }

  /**
   * Each recipient's new bell record and unread count, to their sockets (as a queued in-app delivery does):
   * only those with a socket open, so a reminder to a hundred people offline costs no query.
   */
  private async push(eventId: string, recipients: string[]): Promise<void> {
    const online = await this.presence.online(recipients);
    if (online.size === 0) return;
    for (const { userId, notification, unread } of await this.notifications.createdOf(eventId, undefined, [...online]))
      this.emitter.toUser(userId, 'notification.created', { notification, unread });
  }

  /** An e-mail to someone who has no account yet, e.g. an invitation. */
  async notifyAddress(manager: EntityManager, input: NotifyAddress): Promise<void> {
    this.kinds.get(input.kind);
    const event = await this.event(manager, input.kind, input.actorId ?? null, null, '/');
    const delivery = this.delivery(event.id, 'email', { address: input.address }, input.deliveryId);
    delivery.secretLink = this.keyring.encrypt(input.secretLink, secretLinkContext(delivery.id));
    await this.store(manager, [delivery]);
  }

  private event(
    manager: EntityManager,
    kind: string,
    actorId: string | null,
    network: NotifyUsers['network'],
    link: string,
    reference: string | null = null,
  ) {
    return manager.save(
      manager.create(NotificationEvent, {
        kind,
        actorId,
        networkId: network?.id ?? null,
        networkName: network?.name ?? null,
        reference,
        link,
      }),
    );
  }

  private delivery(
    eventId: string,
    channel: Channel,
    to: { userId?: string; address?: string },
    id: string = randomUUID(),
  ): NotificationDelivery {
    return Object.assign(new NotificationDelivery(), {
      id,
      eventId,
      channel,
      userId: to.userId ?? null,
      address: to.address ?? null,
      status: 'pending',
      messageId: channel === 'email' ? `<${id}@${this.mailDomain}>` : null,
    });
  }

  /** Who gets this kind by e-mail: their preference, else the kind's default. */
  private async emailChoices(
    manager: EntityManager,
    kind: string,
    userIds: string[],
    mode: 'always' | 'on' | 'off',
  ): Promise<Set<string>> {
    if (mode === 'always') return new Set(userIds);
    const choices = await manager.find(NotificationPreference, { where: userIds.map((userId) => ({ userId, kind })) });
    const chosen = new Map(choices.map((choice) => [choice.userId, choice.email]));
    return new Set(userIds.filter((id) => chosen.get(id) ?? mode === 'on'));
  }

  private async store(manager: EntityManager, deliveries: NotificationDelivery[]): Promise<void> {
    await manager.insert(NotificationDelivery, deliveries);
    const pending = deliveries.filter((delivery) => delivery.status === 'pending').map((delivery) => delivery.id);
    if (pending.length) afterCommit(manager, () => this.enqueue(pending));
  }

  async enqueue(deliveryIds: string[]): Promise<void> {
    for (const id of deliveryIds) await this.queues.add(DELIVER_QUEUE, jobId('deliver', id), { deliveryId: id });
  }
}
