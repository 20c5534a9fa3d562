import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Network } from './network.entity';

/** `member`: a focal point or coordinator of the network; `coordinator`: also coordinates it. */
export type NetworkRole = 'member' | 'coordinator';

@Entity({ name: 'network_members' })
export class NetworkMember {
  @PrimaryColumn({ name: 'network_id', type: 'uuid' })
  networkId: string;

  @Index('network_members_user_id_idx')
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'network_role', type: 'text', default: 'member' })
  networkRole: NetworkRole;

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  /** Identity's User, named rather than imported: the foreign key without the entity (read PeopleService). */
  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };
}
