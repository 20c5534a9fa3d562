import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { AuthoritiesController } from './authorities/authorities.controller';
import { WorkingCalendarController } from './calendar/working-calendar.controller';
import { DirectoryModule } from './directory.module';
import { MembershipsController } from './memberships/memberships.controller';
import { NetworksController } from './networks/networks.controller';
import { StatesController } from './states/states.controller';
import { FreshnessController } from './freshness/freshness.controller';
import { ProposalsController } from './proposals/proposals.controller';
import { SnapshotsController } from './snapshots/snapshots.controller';
import { VersionsController } from './versions/versions.controller';

/** The directory's routes (API only). */
@Module({
  imports: [DirectoryModule, IdentityModule],
  controllers: [
    StatesController,
    AuthoritiesController,
    NetworksController,
    MembershipsController,
    WorkingCalendarController,
    VersionsController,
    ProposalsController,
    SnapshotsController,
    FreshnessController,
  ],
})
export class DirectoryHttpModule {}
