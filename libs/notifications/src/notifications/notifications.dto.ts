import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { KeysetQueryDto } from '@liaison/platform';

export class NotificationQueryDto extends KeysetQueryDto {
  @ApiPropertyOptional({ description: 'Only notifications not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NamedRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ActorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'network.member-added' }) kind: string;
  @ApiProperty({ type: NamedRefDto, nullable: true }) network: NamedRefDto | null;
  @ApiProperty({ type: ActorDto, nullable: true }) actor: ActorDto | null;
  @ApiProperty({ type: String, nullable: true, example: 'HD-2026-00042', description: 'A case reference' })
  reference: string | null;
  @ApiProperty({ example: '/profile', description: 'A path in the web app' }) link: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class UnreadCountDto {
  @ApiProperty() unread: number;
}

export class PreferenceDto {
  @ApiProperty({ example: 'network.member-added' })
  @IsString()
  @MaxLength(100)
  kind: string;

  @ApiProperty({ description: 'Also send this kind by e-mail' })
  @IsBoolean()
  email: boolean;
}

export class PreferencesDto {
  @ApiProperty({ type: [PreferenceDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  preferences: PreferenceDto[];
}
