import { Module } from '@nestjs/common';
import { PlatformModule } from '@liaison/platform';
import { featureEntities } from './entities';
import { HealthModule } from './health/health.module';

/** The API process: every library's module, composed. */
@Module({
  imports: [PlatformModule.forRoot({ entities: featureEntities }), HealthModule],
})
export class AppModule {}
