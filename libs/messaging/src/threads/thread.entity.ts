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

/** A thread as selected by raw SQL (snake-case columns). */
export interface ThreadRow {
  id: string;
  kind: string;
  network_id: string | null;
  created_by: string;
  wrapped_key: string;
  last_seq: string;
  locked: boolean;
  archived: boolean;
}

/** The entity of a raw thread row, for the code that reads threads with its own SQL. */
export function threadFromRow(row: ThreadRow): Thread {
  return Object.assign(new Thread(), {
    id: row.id,
    kind: row.kind,
    networkId: row.network_id,
    createdBy: row.created_by,
    wrappedKey: row.wrapped_key,
    lastSeq: row.last_seq,
    locked: row.locked,
    archived: row.archived,
  });
}
