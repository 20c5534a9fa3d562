import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Thread } from '../threads/thread.entity';

/** One message. The body is sealed with the thread's data key and bound to this row's id. */
@Entity('messages')
@Index('messages_thread_seq_key', ['threadId', 'seq'], { unique: true })
@Index('messages_client_id_key', ['threadId', 'authorId', 'clientId'], { unique: true })
@Index('messages_mentions_pending_idx', ['createdAt'], { where: 'mentions IS NOT NULL' })
export class Message {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  /** Chosen by the sender's client: a retried send finds the stored message by it. */
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  /** Null once deleted: a tombstone keeps its seq and nothing of its text. */
  @Column({ name: 'body_sealed', type: 'text', nullable: true })
  bodySealed: string | null;

  /**
   * The blind search index: one keyed HMAC token per distinct normalised word (GIN-indexed). It reveals
   * which messages share a word, never the word. Replaced on edit, emptied on deletion.
   */
  @Index('messages_search_tokens_idx', { synchronize: false })
  @Column({ name: 'search_tokens', type: 'text', array: true, default: () => "'{}'" })
  searchTokens: string[];

  /** The people the sender mentioned, until the worker has told those who read the thread (then null). */
  @Column({ type: 'uuid', array: true, nullable: true })
  mentions: string[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'deleted_by', type: 'uuid', nullable: true })
  deletedBy: string | null;

  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: { id: string };
}
