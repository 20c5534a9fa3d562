import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class NotificationQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

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

export class FailedJobDto {
  @ApiProperty({ example: 'notifications.deliver' }) queue: string;
  @ApiProperty({ example: 'deliver-0b7c…' }) id: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids only, never content' }) payload: Record<
    string,
    unknown
  >;
  @ApiProperty() reason: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ enum: ['in_app', 'email'] }) channel: string;
  @ApiProperty({ description: 'The account or address it goes to' }) recipient: string;
  @ApiProperty({ enum: ['pending', 'claimed', 'sent', 'failed', 'skipped'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'A claim was found without an outcome and the e-mail was sent again' })
  unconfirmed: boolean;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true }) messageId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class CaughtMailSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() from: string;
  @ApiProperty({ type: [String] }) to: string[];
  @ApiProperty() subject: string;
  @ApiProperty({ type: String, nullable: true }) messageId: string | null;
}

export class CaughtMailDto extends CaughtMailSummaryDto {
  @ApiProperty() text: string;
}
