import { Module } from '@nestjs/common';
import { DirectoryModule } from '@liaison/directory';
import { IdentityModule } from '@liaison/identity';
import { MeetingsModule } from '@liaison/meetings';
import { MessagingModule } from '@liaison/messaging';
import { NotificationsModule } from '@liaison/notifications';
import { PlatformModule } from '@liaison/platform';
import { RealtimeEmitterModule } from '@liaison/realtime';
import { featureEntities } from './entities';

/**
 * The worker process: the same libraries as the API (so every queue, processor and notification kind is
 * registered), but no HTTP server and no socket.io server — it reaches sockets through the Redis emitter.
 */
@Module({
  imports: [
    PlatformModule.forRoot({ entities: featureEntities }),
    IdentityModule,
    RealtimeEmitterModule,
    NotificationsModule,
    DirectoryModule,
    MessagingModule,
    MeetingsModule,
  ],
})
export class WorkerModule {}
