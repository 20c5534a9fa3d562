import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AppConfig,
  ExpectedJob,
  FaultPoints,
  jobId,
  Keyring,
  keyringColumn,
  KeyRotation,
  Queues,
} from '@liaison/platform';
import { PeopleService } from '@liaison/identity';
import { RealtimeEmitter } from '@liaison/realtime';
import { Mailer, OutgoingMail } from '../mail/mailer.service';
import {
  MAIL_LANGUAGES,
  MailLanguage,
  NotificationKinds,
  plainValue,
  render,
  renderHtml,
} from '../kinds/notification-kinds.registry';
import { Notification } from '../notifications/notification.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import { NotificationEvent } from './notification-event.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { DELIVER_QUEUE, secretLinkContext } from './notifier.service';

/** How far back the sweep looks for deliveries without an outcome. */
const SWEEP_WINDOW = '7 days';

/**
 * Delivers notification_deliveries rows, in the worker. In-app: the claim and the notification record are
 * one transaction, so a delivery creates exactly one record however often it runs. E-mail: the claim is
 * committed before sending and the outcome after; a claim found without an outcome means the sender died
 * in between, and the e-mail is sent again with the same Message-ID and flagged for admins.
 */
@Injectable()
export class Deliveries implements OnModuleInit {
  private readonly logger = new Logger(Deliveries.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: Queues,
    private readonly kinds: NotificationKinds,
    private readonly notifications: NotificationsService,
    private readonly emitter: RealtimeEmitter,
    private readonly mailer: Mailer,
    private readonly keyring: Keyring,
    private readonly faults: FaultPoints,
    private readonly config: AppConfig,
    private readonly rotation: KeyRotation,
    private readonly people: PeopleService,
  ) {}

  onModuleInit(): void {
    this.rotation.register(
      keyringColumn(this.dataSource, {
        name: 'one-time links awaiting delivery',
        table: 'notification_deliveries',
        column: 'secret_link',
        context: secretLinkContext,
      }),
    );
    this.queues.register({
      name: DELIVER_QUEUE,
      process: ({ deliveryId }) => this.deliver(deliveryId),
      expected: () => this.expected(),
    });
  }

  /** Deliveries without an outcome: their jobs must exist. */
  private async expected(): Promise<ExpectedJob<typeof DELIVER_QUEUE>[]> {
    const rows = await this.dataSource
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .select('d.id', 'id')
      .where(`d.status IN ('pending', 'claimed', 'failed') AND d.created_at > now() - interval '${SWEEP_WINDOW}'`)
      .orderBy('d.created_at')
      .limit(5000)
      .getRawMany<{ id: string }>();
    return rows.map(({ id }) => ({ id: jobId('deliver', id), payload: { deliveryId: id } }));
  }

  async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.dataSource.getRepository(NotificationDelivery).findOneBy({ id: deliveryId });
    if (!delivery) return;
    if (delivery.channel === 'in_app') await this.inApp(delivery);
    else await this.email(delivery);
  }

  private async inApp(delivery: NotificationDelivery): Promise<void> {
    const userId = delivery.userId as string;
    const created = await this.dataSource.transaction(async (manager) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(NotificationDelivery)
        .set({ status: 'sent', attempts: () => 'attempts + 1', claimedAt: () => 'now()', sentAt: () => 'now()' })
        .where(`id = :id AND status = 'pending'`, { id: delivery.id })
        .execute();
      if (!claimed.affected) return null;
      this.faults.reach('notifications.in_app.after-claim');
      const record = await manager.save(manager.create(Notification, { eventId: delivery.eventId, userId }));
      return {
        notification: await this.notifications.one(userId, record.id, manager),
        unread: await this.notifications.unreadCount(userId, manager),
      };
    });
    if (created) this.emitter.toUser(userId, 'notification.created', created);
  }

  /** Claims an e-mail delivery; null if it has an outcome already. */
  private async claim(id: string): Promise<NotificationDelivery | null> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(NotificationDelivery)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.status === 'sent' || row.status === 'skipped') return null;
      row.unconfirmed ||= row.status === 'claimed';
      row.status = 'claimed';
      row.attempts += 1;
      row.claimedAt = new Date();
      return manager.save(row);
    });
  }

  private async email(pending: NotificationDelivery): Promise<void> {
    const delivery = await this.claim(pending.id);
    if (!delivery) return;
    if (delivery.unconfirmed)
      this.logger.warn(`e-mail delivery ${delivery.id} had a claim without an outcome: sending it again`);
    const composed = await this.compose(delivery);
    if (!composed) {
      await this.outcome(delivery.id, {
        status: 'skipped',
        lastError: 'the recipient cannot receive e-mail (account not active)',
      });
      return;
    }
    const { mail, kind } = composed;
    this.faults.reach('notifications.email.after-claim');
    try {
      await this.mailer.send(mail);
    } catch (error) {
      const reason = (error as Error).message.slice(0, 500);
      await this.outcome(delivery.id, { status: 'failed', lastError: reason });
      await this.kinds.get(kind).onEmailOutcome?.(delivery.id, 'failed', new Date());
      throw new Error(`e-mail not sent: ${reason}`, { cause: error });
    }
    const sentAt = new Date();
    // The one-time link has done its job: nothing secret stays behind.
    await this.outcome(delivery.id, { status: 'sent', sentAt, lastError: null, secretLink: null });
    await this.kinds.get(kind).onEmailOutcome?.(delivery.id, 'sent', sentAt);
  }

  private async outcome(id: string, changes: Partial<NotificationDelivery>): Promise<void> {
    await this.dataSource.getRepository(NotificationDelivery).update({ id }, changes);
  }

  /** The e-mail for a delivery, in the recipient's language; null if the recipient may not get it. */
  private async compose(
    delivery: NotificationDelivery,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ mail: OutgoingMail; kind: string } | null> {
    const event = await manager.findOneByOrFail(NotificationEvent, { id: delivery.eventId });
    let address = delivery.address;
    let language: MailLanguage = 'en';
    if (delivery.userId) {
      const user = await this.people.get(delivery.userId, manager);
      if (!user || user.status !== 'active') return null;
      address = user.email;
      language = (MAIL_LANGUAGES as readonly string[]).includes(user.language) ? (user.language as MailLanguage) : 'en';
    }
    const actor = event.actorId ? await this.people.get(event.actorId, manager) : null;
    const link = delivery.secretLink
      ? this.keyring.decrypt(delivery.secretLink, secretLinkContext(delivery.id))
      : new URL(event.link, this.config.PUBLIC_ORIGIN).toString();
    const template = this.kinds.get(event.kind).template[language];
    // What people typed (a display name, a network's name) is kept to one line in text and headers, and
    // escaped in HTML: it cannot add a header, a forged paragraph or markup.
    const values = {
      actor: plainValue(actor?.displayName ?? 'Liaison'),
      network: plainValue(event.networkName ?? ''),
      reference: plainValue(event.reference ?? ''),
      link: plainValue(link),
    };
    const calendar = await this.kinds
      .get(event.kind)
      .calendar?.(event.id, { userId: delivery.userId, address: address as string });
    return {
      kind: event.kind,
      mail: {
        ...(calendar ? { calendar } : {}),
        to: address as string,
        subject: plainValue(render(template.subject, values)),
        text: render(template.text, values),
        html: renderHtml(template.text, values, language === 'ar' ? 'rtl' : 'ltr'),
        messageId: delivery.messageId as string,
      },
    };
  }
}
