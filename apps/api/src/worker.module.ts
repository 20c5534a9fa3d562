import { Module } from '@nestjs/common';
import { DirectoryModule } from '@liaison/directory';
import { HelpdeskModule } from '@liaison/helpdesk';
import { IdentityModule } from '@liaison/identity';
import { MeetingsModule } from '@liaison/meetings';
import { MessagingModule } from '@liaison/messaging';
import { NotificationsModule } from '@liaison/notifications';
import { PlatformModule } from '@liaison/platform';
import { RealtimeModule } from '@liaison/realtime';
import { featureEntities } from './entities';

/**
 * The worker process: every library's core module (so every queue, processor and notification kind is
 * registered), but no controller and no gateway — it reaches sockets through the Redis emitter.
 */
@Module({
  imports: [
    PlatformModule.forRoot({ entities: featureEntities }),
    IdentityModule,
    RealtimeModule,
    NotificationsModule,
    DirectoryModule,
    MessagingModule,
    HelpdeskModule,
    MeetingsModule,
  ],
})
export class WorkerModule {}
