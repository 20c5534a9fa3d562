import { ApiProperty } from '@nestjs/swagger';
import { CATEGORIES, Category, Channel, CHANNELS, OfficeHours } from '@liaison/contracts';
import { ContactDto, OfficeHoursDto } from '../authorities/authorities.dto';
import { StateRefDto } from '../states/states.dto';
import { PersonRefDto } from '../versions/versions.dto';

export class SnapshotFocalPointDto {
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
}

/** A record as the directory showed it when the snapshot was published. */
export class SnapshotRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: StateRefDto }) state: StateRefDto;
  @ApiProperty({ enum: CATEGORIES, isArray: true }) categories: Category[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ enum: CHANNELS, isArray: true }) channels: Channel[];
  @ApiProperty() acceptsInterpol: boolean;
  @ApiProperty() centralAuthority: boolean;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: OfficeHoursDto }) officeHours: OfficeHours;
  @ApiProperty({ type: [String] }) documentsRequired: string[];
  @ApiProperty({ type: String, nullable: true }) urgentProcedure: string | null;
  @ApiProperty({ type: String, nullable: true }) remarks: string | null;
  @ApiProperty({ type: ContactDto }) contact: ContactDto;
  @ApiProperty({ type: String, nullable: true }) lastVerified: string | null;
  @ApiProperty({ type: [SnapshotFocalPointDto] }) focalPoints: SnapshotFocalPointDto[];
}

export class SnapshotSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: PersonRefDto, nullable: true }) publishedBy: PersonRefDto | null;
  @ApiProperty() recordCount: number;
}

export class SnapshotPageDto {
  @ApiProperty({ type: [SnapshotSummaryDto] }) items: SnapshotSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class SnapshotDto extends SnapshotSummaryDto {
  @ApiProperty({ type: [SnapshotRecordDto] }) records: SnapshotRecordDto[];
}

export class SnapshotFieldChangeDto {
  @ApiProperty({ example: 'contact' }) field: string;
  @ApiProperty({ nullable: true, description: 'In the snapshot (JSON)' }) from: unknown;
  @ApiProperty({ nullable: true, description: 'In the directory now (JSON)' }) to: unknown;
}

export class SnapshotRecordChangeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: StateRefDto }) state: StateRefDto;
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) change: 'added' | 'removed' | 'changed';
  @ApiProperty({ type: [SnapshotFieldChangeDto] }) fields: SnapshotFieldChangeDto[];
}

export class SnapshotComparisonDto {
  @ApiProperty({ format: 'uuid' }) snapshotId: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: [SnapshotRecordChangeDto], description: 'Records that differ; the others are unchanged' })
  records: SnapshotRecordChangeDto[];
}
