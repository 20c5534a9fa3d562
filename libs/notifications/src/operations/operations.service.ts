import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaughtMail } from '../mail/caught-mail.entity';
import { NotificationDelivery } from '../delivery/notification-delivery.entity';
import { NotificationEvent } from '../delivery/notification-event.entity';
import type { CaughtMailDto, CaughtMailSummaryDto, DeliveryDto } from './operations.dto';

/** How long a claim may stay without an outcome before admins see it. */
const STUCK_AFTER = '5 minutes';

/** What admins need to see of work done later: deliveries that went wrong, and the local mail catcher. */
@Injectable()
export class OperationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Failed, skipped, resent after an interrupted claim, or claimed and silent for too long. Newest first. */
  async deliveriesNeedingAttention(limit = 100): Promise<DeliveryDto[]> {
    const rows = await this.dataSource
      .createQueryBuilder(NotificationDelivery, 'd')
      .innerJoin(NotificationEvent, 'e', 'e.id = d.event_id')
      .leftJoin('users', 'u', 'u.id = d.user_id')
      .select(['d.id AS id', 'e.kind AS kind', 'd.channel AS channel', 'COALESCE(u.email, d.address) AS recipient'])
      .addSelect([
        'd.status AS status',
        'd.attempts AS attempts',
        'd.unconfirmed AS unconfirmed',
        'd.last_error AS last_error',
      ])
      .addSelect(['d.message_id AS message_id', 'd.created_at AS created_at', 'd.sent_at AS sent_at'])
      .where(
        `d.unconfirmed OR d.status IN ('failed', 'skipped') OR (d.status = 'claimed' AND d.claimed_at < now() - interval '${STUCK_AFTER}')`,
      )
      .orderBy('d.created_at', 'DESC')
      .limit(limit)
      .getRawMany<Record<string, never>>();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      channel: row.channel,
      recipient: row.recipient ?? '',
      status: row.status,
      attempts: row.attempts,
      unconfirmed: row.unconfirmed,
      lastError: row.last_error,
      messageId: row.message_id,
      createdAt: (row.created_at as Date).toISOString(),
      sentAt: row.sent_at ? (row.sent_at as Date).toISOString() : null,
    }));
  }

  async caughtMail(limit = 100): Promise<CaughtMailSummaryDto[]> {
    const rows = await this.dataSource.getRepository(CaughtMail).find({ order: { receivedAt: 'DESC' }, take: limit });
    return rows.map(({ text: _text, ...mail }) => ({ ...mail, receivedAt: mail.receivedAt.toISOString() }));
  }

  async caughtOne(id: string): Promise<CaughtMailDto | null> {
    const mail = await this.dataSource.getRepository(CaughtMail).findOneBy({ id });
    return mail && { ...mail, receivedAt: mail.receivedAt.toISOString() };
  }
}
