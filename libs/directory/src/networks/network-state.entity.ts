import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { State } from '../states/state.entity';
import { Network } from './network.entity';

@Entity({ name: 'network_states' })
export class NetworkState {
  @PrimaryColumn({ name: 'network_id', type: 'uuid' })
  networkId: string;

  @PrimaryColumn({ name: 'state_code', type: 'char', length: 2 })
  stateCode: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @ManyToOne(() => State, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'state_code' })
  state?: State;
}
