import { Module } from '@nestjs/common';
import { DirectoryHttpModule } from '@liaison/directory';
import { HelpdeskHttpModule } from '@liaison/helpdesk';
import { IdentityHttpModule } from '@liaison/identity';
import { MeetingsHttpModule } from '@liaison/meetings';
import { MessagingHttpModule } from '@liaison/messaging';
import { NotificationsHttpModule } from '@liaison/notifications';
import { RealtimeHttpModule } from '@liaison/realtime';
import { PlatformModule } from '@liaison/platform';
import { featureEntities } from './entities';
import { HealthModule } from './health/health.module';

/** The API process: every library's HTTP/socket module (each brings its core module), composed. */
@Module({
  imports: [
    PlatformModule.forRoot({ entities: featureEntities }),
    IdentityHttpModule,
    RealtimeHttpModule,
    NotificationsHttpModule,
    DirectoryHttpModule,
    MessagingHttpModule,
    HelpdeskHttpModule,
    MeetingsHttpModule,
    HealthModule,
  ],
})
export class AppModule {}
