import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { VERSION_SOURCES, VersionSource } from './authority-version.entity';

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

/** One field's change: `contact.phone` from one value to another (JSON values). */
export class FieldChangeDto {
  @ApiProperty({ example: 'contact.phone' }) field: string;
  @ApiProperty({ nullable: true, description: 'The value before (JSON)' }) from: unknown;
  @ApiProperty({ nullable: true, description: 'The value after (JSON)' }) to: unknown;
}

export class VersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ enum: VERSION_SOURCES }) source: VersionSource;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: PersonRefDto, nullable: true }) actor: PersonRefDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposalId: string | null;
  @ApiProperty({ type: [String], description: 'Fields changed from the version before' }) changedFields: string[];
}

export class VersionComparisonQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) from: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) to: number;
}

export class VersionComparisonDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [FieldChangeDto] }) changes: FieldChangeDto[];
}
