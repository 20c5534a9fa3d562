import { Module } from '@nestjs/common';
import { PlatformModule } from '@liaison/platform';

@Module({ imports: [PlatformModule.forRoot()] })
export class AuditCliModule {}
