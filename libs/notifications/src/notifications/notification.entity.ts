import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { NotificationEvent } from '../delivery/notification-event.entity';

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
