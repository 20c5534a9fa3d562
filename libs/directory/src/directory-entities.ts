import { WorkingCalendarRow } from './calendar/working-calendar.entity';
import type { EntityList } from '@liaison/platform';
import { Authority } from './authorities/authority.entity';
import { Network } from './networks/network.entity';
import { NetworkMember } from './networks/network-member.entity';
import { NetworkState } from './networks/network-state.entity';
import { State } from './states/state.entity';
import { VerificationReminder } from './freshness/verification-reminder.entity';
import { AuthorityProposal } from './proposals/authority-proposal.entity';
import { DirectorySnapshot } from './snapshots/directory-snapshot.entity';
import { AuthorityVersion } from './versions/authority-version.entity';

export const directoryEntities = [
  State,
  Authority,
  Network,
  NetworkState,
  NetworkMember,
  WorkingCalendarRow,
  AuthorityVersion,
  AuthorityProposal,
  DirectorySnapshot,
  VerificationReminder,
] satisfies EntityList;
