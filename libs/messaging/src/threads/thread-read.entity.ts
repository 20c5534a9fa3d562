import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Thread } from './thread.entity';

/** How far a user has read a thread, and whether they were told of unread messages since. */
@Entity('thread_reads')
export class ThreadRead {
  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'last_read_seq', type: 'bigint', default: 0 })
  lastReadSeq: string;

  /** Set when an unread "new messages" notification went out; cleared when the user reads. */
  @Column({ name: 'noticed_at', type: 'timestamptz', nullable: true })
  noticedAt: Date | null;

  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };
}
