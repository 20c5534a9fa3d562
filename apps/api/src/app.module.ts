import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { PlatformModule } from '@liaison/platform';
import { featureEntities } from './entities';
import { HealthModule } from './health/health.module';

/** The API process: every library's module, composed. */
@Module({
  imports: [PlatformModule.forRoot({ entities: featureEntities }), IdentityModule, HealthModule],
})
export class AppModule {}
