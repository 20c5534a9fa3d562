import { WorkingCalendarRow } from './calendar/working-calendar.entity';
import { Authority } from './authorities/authority.entity';
import { Network, NetworkMember, NetworkState } from './networks/network.entity';
import { State } from './states/state.entity';

export const directoryEntities = [State, Authority, Network, NetworkState, NetworkMember, WorkingCalendarRow];
