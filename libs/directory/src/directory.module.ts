import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { NotificationsModule } from '@liaison/notifications';
import { WorkingCalendarController } from './calendar/working-calendar.controller';
import { WorkingCalendarService } from './calendar/working-calendar.service';
import { AuthoritiesService } from './authorities/authorities.service';
import { DirectoryController, NetworksController } from './directory.controller';
import { Memberships } from './memberships/memberships';
import { NetworksService } from './networks/networks.service';
import { StatesService } from './states/states.service';

/** States, competent authorities, networks and who belongs where. */
@Module({
  imports: [IdentityModule, NotificationsModule],
  controllers: [DirectoryController, NetworksController, WorkingCalendarController],
  providers: [StatesService, AuthoritiesService, NetworksService, Memberships, WorkingCalendarService],
  exports: [AuthoritiesService, NetworksService, WorkingCalendarService],
})
export class DirectoryModule {}
