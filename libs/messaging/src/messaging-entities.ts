import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A conversation, of a kind registered with ThreadKinds (which says who reads and writes it). Forum threads
 * belong to a network and are read by its members; private threads by their participants. The subject is sealed with the thread's data key; the data key is wrapped by the current
 * master key of the keyring, whose id is kept beside it so rotation can find what still uses an old one.
 */
@Entity('threads')
export class Thread {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** A registered kind (ThreadKinds): a thread of a kind nobody registered is read by nobody. */
  @Column({ type: 'text' })
  kind: string;

  @Index('threads_network_id_idx')
  @Column({ name: 'network_id', type: 'uuid', nullable: true })
  networkId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  /** The thread's data key, wrapped by a master key: `v1.<master key id>.…` */
  @Column({ name: 'wrapped_key', type: 'text' })
  wrappedKey: string;

  @Index('threads_master_key_id_idx')
  @Column({ name: 'master_key_id', type: 'text' })
  masterKeyId: string;

  @Column({ name: 'subject_sealed', type: 'text' })
  subjectSealed: string;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @Column({ type: 'boolean', default: false })
  archived: boolean;

  /** The last `seq` allocated; the next message takes last_seq + 1 under this row's lock. */
  @Column({ name: 'last_seq', type: 'bigint', default: 0 })
  lastSeq: string;

  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  // Other libraries' entities are named rather than imported: the foreign keys stay, the classes stay theirs.
  @ManyToOne('Network', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: { id: string };

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: { id: string };
}

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

/** One message. The body is sealed with the thread's data key and bound to this row's id. */
@Entity('messages')
@Index('messages_thread_seq_key', ['threadId', 'seq'], { unique: true })
@Index('messages_client_id_key', ['threadId', 'authorId', 'clientId'], { unique: true })
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

/** A previous version of an edited message, sealed and bound to this row's id. */
@Entity('message_edits')
export class MessageEdit {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('message_edits_message_id_idx')
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ name: 'body_sealed', type: 'text' })
  bodySealed: string;

  /** When this version was replaced. */
  @CreateDateColumn({ name: 'replaced_at', type: 'timestamptz' })
  replacedAt: Date;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message;
}

/**
 * The blind search index: one row per distinct normalised word of a message, as a keyed HMAC token. It
 * reveals which messages share a word, never the word. Replaced on edit, removed on deletion.
 */
@Entity('message_tokens')
@Index('message_tokens_token_idx', ['token'])
export class MessageToken {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @PrimaryColumn({ type: 'text' })
  token: string;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message;
}

export const messagingEntities = [Thread, ThreadParticipant, ThreadRead, Message, MessageEdit, MessageToken];
