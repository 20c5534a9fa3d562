import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty() role: string;
}

export class UserAuthorityDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() authorityId: string | null;
}
