import { Module } from '@nestjs/common';
import { RealtimeModule } from '@liaison/realtime';
import { OperationsController } from './operations/operations.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsModule } from './notifications.module';

/** The bell's routes and the administrators' view of deliveries and failed jobs (API only). */
@Module({
  imports: [NotificationsModule, RealtimeModule],
  controllers: [NotificationsController, OperationsController],
})
export class NotificationsHttpModule {}
