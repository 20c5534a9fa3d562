import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Message } from './message.entity';

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
