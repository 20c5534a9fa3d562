import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something that happened that people are told about: its kind, network, actor and a link into the web
 * app. Never message text or a thread subject: those stay where access to them is checked.
 */
@Entity('notification_events')
export class NotificationEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'network_id', type: 'uuid', nullable: true })
  networkId: string | null;

  /** The network's name when this happened, as an e-mail would have said it. */
  @Column({ name: 'network_name', type: 'text', nullable: true })
  networkName: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** A case's public reference (e.g. a helpdesk ticket's `HD-2026-00042`), never its facts. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  /** A path in the web app, e.g. /networks/<id>. */
  @Column({ type: 'text' })
  link: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
