import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { NotificationsModule } from '@liaison/notifications';
import { WorkingCalendarService } from './calendar/working-calendar.service';
import { AuthoritiesService } from './authorities/authorities.service';
import { Memberships } from './memberships/memberships.service';
import { NetworksService } from './networks/networks.service';
import { StatesService } from './states/states.service';
import { Freshness } from './freshness/freshness.processor';
import { ProposalsService } from './proposals/proposals.service';
import { SnapshotsService } from './snapshots/snapshots.service';
import { VersionsService } from './versions/versions.service';

/** States, competent authorities, networks and who belongs where. */
@Module({
  imports: [IdentityModule, NotificationsModule],
  providers: [
    StatesService,
    AuthoritiesService,
    NetworksService,
    Memberships,
    WorkingCalendarService,
    VersionsService,
    ProposalsService,
    SnapshotsService,
    Freshness,
  ],
  exports: [
    StatesService,
    AuthoritiesService,
    NetworksService,
    Memberships,
    WorkingCalendarService,
    VersionsService,
    ProposalsService,
    SnapshotsService,
    Freshness,
  ],
})
export class DirectoryModule {}
