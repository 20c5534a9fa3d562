import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A published, dated copy of the directory. Immutable: the database grants no UPDATE or DELETE on it. */
@Entity({ name: 'directory_snapshots' })
export class DirectorySnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'record_count', type: 'integer' })
  recordCount: number;

  /** The records as the directory showed them, with their focal points' names and contacts. */
  @Column({ type: 'jsonb' })
  records: unknown[];
}
