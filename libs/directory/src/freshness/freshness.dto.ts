import { ApiProperty } from '@nestjs/swagger';

export class VerifiedDto {
  @ApiProperty({ example: '2026-12-06' }) lastVerified: string;
}
