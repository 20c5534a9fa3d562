import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { NotificationEvent } from './notification-event.entity';

export const CHANNELS = ['in_app', 'email'] as const;

export type Channel = (typeof CHANNELS)[number];

/** pending → claimed → sent | failed (with the reason); skipped when the recipient can no longer receive it. */
export const DELIVERY_STATUSES = ['pending', 'claimed', 'sent', 'failed', 'skipped'] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event to one recipient over one channel: the claim that makes delivery happen once. Created with the
 * event, in its transaction, so the sweep can always re-create the job that delivers it.
 */
@Entity('notification_deliveries')
@Index('notification_deliveries_claim_key', ['eventId', 'channel', 'userId'], { unique: true })
export class NotificationDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  /** The recipient's account; null for someone who has none yet (an invitation), reached at `address`. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text' })
  channel: Channel;

  @Index('notification_deliveries_status_idx')
  @Column({ type: 'text', default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** E-mail only: the same on every attempt, so mail clients collapse a resent duplicate. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  /** A one-time link (invitation, reset), encrypted with the keyring; erased once sent. */
  @Column({ name: 'secret_link', type: 'text', nullable: true })
  secretLink: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** A claim was found without an outcome (the sender died mid-way) and the e-mail was sent again. */
  @Column({ type: 'boolean', default: false })
  unconfirmed: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @ManyToOne(() => NotificationEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: NotificationEvent;

  /** Identity's User, named rather than imported: the foreign key without the entity. */
  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };
}
