import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const CHANNELS = ['in_app', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** pending → claimed → sent | failed (with the reason); skipped when the recipient can no longer receive it. */
export const DELIVERY_STATUSES = ['pending', 'claimed', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Something that happened that people are told about: its kind, network, actor and a link into the web
 * app. Never message text or a thread subject: those stay where access to them is checked.
 */
@Entity('notification_events')
export class NotificationEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'network_id', type: 'uuid', nullable: true })
  networkId: string | null;

  /** The network's name when this happened, as an e-mail would have said it. */
  @Column({ name: 'network_name', type: 'text', nullable: true })
  networkName: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** A path in the web app, e.g. /networks/<id>. */
  @Column({ type: 'text' })
  link: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

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

/** What a user sees in the bell. */
@Entity('notifications')
@Index('notifications_event_user_key', ['eventId', 'userId'], { unique: true })
@Index('notifications_user_number_idx', ['userId', 'number'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Orders a user's list (newest first) and keys its pages. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  number: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => NotificationEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: NotificationEvent;

  /** Identity's User, named rather than imported: the foreign key without the entity. */
  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };
}

/** A user's choice to get one kind by e-mail or not; a kind without a row follows its default. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  kind: string;

  @Column({ type: 'boolean' })
  email: boolean;

  /** Identity's User, named rather than imported: the foreign key without the entity. */
  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };
}

/** What the local mail catcher received (development and demo only; never used in production). */
@Entity('caught_mail')
export class CaughtMail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @Column({ name: 'mail_from', type: 'text' })
  from: string;

  @Column({ name: 'rcpt_to', type: 'text', array: true })
  to: string[];

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  text: string;
}

export const notificationEntities = [
  NotificationEvent,
  NotificationDelivery,
  Notification,
  NotificationPreference,
  CaughtMail,
];
