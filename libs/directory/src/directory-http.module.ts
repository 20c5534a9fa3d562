import { Module } from '@nestjs/common';
import { IdentityModule } from '@liaison/identity';
import { DirectoryController, NetworksController } from './directory.controller';
import { DirectoryModule } from './directory.module';

/** The directory's routes (API only). */
@Module({
  imports: [DirectoryModule, IdentityModule],
  controllers: [DirectoryController, NetworksController],
})
export class DirectoryHttpModule {}
