import { Module } from '@nestjs/common';
import { DirectoryModule } from '@liaison/directory';
import { IdentityModule } from '@liaison/identity';
import { MeetingsHttpModule } from '@liaison/meetings';
import { MessagingModule } from '@liaison/messaging';
import { NotificationsModule } from '@liaison/notifications';
import { RealtimeModule } from '@liaison/realtime';
import { PlatformModule } from '@liaison/platform';
import { featureEntities } from './entities';
import { HealthModule } from './health/health.module';

/** The API process: every library's module, composed. */
@Module({
  imports: [
    PlatformModule.forRoot({ entities: featureEntities }),
    IdentityModule,
    RealtimeModule,
    NotificationsModule,
    DirectoryModule,
    MessagingModule,
    MeetingsHttpModule,
    HealthModule,
  ],
})
export class AppModule {}
