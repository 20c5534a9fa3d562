import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Message } from '../messages/message.entity';

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
