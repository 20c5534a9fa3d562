import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

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
