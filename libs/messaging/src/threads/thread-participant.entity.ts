import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Thread } from './thread.entity';

/** The named participants of a thread whose kind has participants (private threads, …). */
@Entity('thread_participants')
export class ThreadParticipant {
  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Index('thread_participants_user_id_idx')
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'added_by', type: 'uuid' })
  addedBy: string;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;

  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };
}
