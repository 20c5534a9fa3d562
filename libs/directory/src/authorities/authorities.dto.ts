import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { KeysetQueryDto } from '@liaison/platform';
import { CATEGORIES, Category, Channel, CHANNELS, OfficeHours, Weekday, WEEKDAYS } from '@liaison/contracts';
import { PersonDto } from '../memberships/memberships.dto';
import { NetworkRefDto } from '../networks/networks.dto';
import { STATE_CODE, StateRefDto } from '../states/states.dto';

const LANGUAGE = /^[a-z]{2,3}$/;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class OpeningIntervalDto {
  @ApiProperty({ example: '08:00' })
  @Matches(TIME, { message: 'start must be HH:MM' })
  start: string;

  @ApiProperty({ example: '12:30' })
  @Matches(TIME, { message: 'end must be HH:MM' })
  end: string;
}

export class OfficeHoursDto implements OfficeHours {
  @ApiProperty({ type: [OpeningIntervalDto] })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => OpeningIntervalDto)
  mon: OpeningIntervalDto[];
  @ApiProperty({ type: [OpeningIntervalDto] })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => OpeningIntervalDto)
  tue: OpeningIntervalDto[];
  @ApiProperty({ type: [OpeningIntervalDto] })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => OpeningIntervalDto)
  wed: OpeningIntervalDto[];
  @ApiProperty({ type: [OpeningIntervalDto] })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => OpeningIntervalDto)
  thu: OpeningIntervalDto[];
  @ApiProperty({ type: [OpeningIntervalDto] })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => OpeningIntervalDto)
  fri: OpeningIntervalDto[];
  @ApiProperty({ type: [OpeningIntervalDto] })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => OpeningIntervalDto)
  sat: OpeningIntervalDto[];
  @ApiProperty({ type: [OpeningIntervalDto] })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => OpeningIntervalDto)
  sun: OpeningIntervalDto[];
}

export class ContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) fax?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string;
}

export class AuthorityFieldsDto {
  @ApiProperty()
  @IsString()
  @Length(3, 300)
  name: string;

  @ApiProperty({ enum: CATEGORIES, isArray: true })
  @IsArray()
  @IsIn(CATEGORIES, { each: true })
  categories: Category[];

  @ApiProperty({ type: OfficeHoursDto })
  @ValidateNested()
  @Type(() => OfficeHoursDto)
  officeHours: OfficeHoursDto;

  @ApiProperty({ example: 'Indian/Mauritius' })
  @IsTimeZone()
  timeZone: string;

  @ApiProperty({ type: [String], example: ['en', 'fr'] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE, { each: true, message: 'languages must be ISO 639 codes' })
  languages: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  documentsRequired: string[];

  @ApiProperty({ enum: CHANNELS, isArray: true })
  @IsArray()
  @IsIn(CHANNELS, { each: true })
  channels: Channel[];

  @ApiProperty()
  @IsBoolean()
  acceptsInterpol: boolean;

  @ApiProperty({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  urgentProcedure: string | null;

  @ApiProperty({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  remarks: string | null;

  @ApiProperty({ type: ContactDto })
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @ApiProperty({ type: String, nullable: true, example: '2026-06-30' })
  @IsOptional()
  @IsISO8601({ strict: true })
  lastVerified: string | null;
}

export class CreateAuthorityDto extends AuthorityFieldsDto {
  @ApiProperty({ example: 'MU' })
  @Matches(STATE_CODE, { message: 'stateCode must be an ISO 3166-1 alpha-2 code in capitals' })
  stateCode: string;

  @ApiPropertyOptional({ description: "The State's central authority" })
  @IsOptional()
  @IsBoolean()
  centralAuthority?: boolean;
}

export class UpdateAuthorityDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 300) name?: string;
  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(CATEGORIES, { each: true })
  categories?: Category[];
  @ApiPropertyOptional({ type: OfficeHoursDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OfficeHoursDto)
  officeHours?: OfficeHoursDto;
  @ApiPropertyOptional() @IsOptional() @IsTimeZone() timeZone?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @Matches(LANGUAGE, { each: true, message: 'languages must be ISO 639 codes' })
  languages?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  documentsRequired?: string[];
  @ApiPropertyOptional({ enum: CHANNELS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(CHANNELS, { each: true })
  channels?: Channel[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() acceptsInterpol?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(5000) urgentProcedure?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(10000) remarks?:
    string | null;
  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsISO8601({ strict: true }) lastVerified?:
    string | null;
  @ApiPropertyOptional({ description: "The State's central authority" })
  @IsOptional()
  @IsBoolean()
  centralAuthority?: boolean;
  @ApiPropertyOptional({
    description: 'The version the edit was made on: a field someone changed since is refused (409), not overwritten',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  baseVersion?: number;
}

export class AuthorityQueryDto extends KeysetQueryDto {
  @ApiPropertyOptional({ description: 'Words of the name or of the State' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ example: 'MU' })
  @IsOptional()
  @Matches(STATE_CODE, { message: 'state must be an ISO 3166-1 alpha-2 code in capitals' })
  state?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() network?: string;
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional({ example: 'fr' })
  @IsOptional()
  @Matches(LANGUAGE, { message: 'language must be an ISO 639 code' })
  language?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() acceptsInterpol?: boolean;
}

export class AuthorityRecordQueryDto {
  @ApiPropertyOptional({ description: 'Show office hours in this IANA zone (default: my profile zone)' })
  @IsOptional()
  @IsTimeZone()
  tz?: string;
}

export class AuthoritySummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: StateRefDto }) state: StateRefDto;
  @ApiProperty({ enum: CATEGORIES, isArray: true }) categories: Category[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ enum: CHANNELS, isArray: true }) channels: Channel[];
  @ApiProperty() acceptsInterpol: boolean;
  @ApiProperty() timeZone: string;
  @ApiProperty({ description: 'Invented demo record' }) demo: boolean;
  @ApiProperty({ description: "The State's central authority" }) centralAuthority: boolean;
  @ApiProperty({ type: String, nullable: true }) lastVerified: string | null;
  @ApiProperty({ description: 'Not verified for 6 months, or never' }) verificationDue: boolean;
}

export class AuthorityPageDto {
  @ApiProperty({ type: [AuthoritySummaryDto] }) items: AuthoritySummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ScheduledOpeningDto {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty({ enum: WEEKDAYS }) authorityDay: Weekday;
  @ApiProperty() authorityStart: string;
  @ApiProperty() authorityEnd: string;
  @ApiProperty({ enum: WEEKDAYS }) viewerDay: Weekday;
  @ApiProperty() viewerStart: string;
  @ApiProperty() viewerEnd: string;
}

export class ScheduleDto {
  @ApiProperty() authorityTimeZone: string;
  @ApiProperty() viewerTimeZone: string;
  @ApiProperty() openNow: boolean;
  @ApiProperty({ type: [ScheduledOpeningDto] }) week: ScheduledOpeningDto[];
}

export class AuthorityDetailDto extends AuthoritySummaryDto {
  @ApiProperty({ type: OfficeHoursDto }) officeHours: OfficeHours;
  @ApiProperty({ type: [String] }) documentsRequired: string[];
  @ApiProperty({ type: String, nullable: true }) urgentProcedure: string | null;
  @ApiProperty({ type: String, nullable: true }) remarks: string | null;
  @ApiProperty({ type: ContactDto }) contact: ContactDto;
  @ApiProperty({ description: "The record's version, raised by every change" }) version: number;
  @ApiProperty({ type: [NetworkRefDto] }) networks: NetworkRefDto[];
  @ApiProperty({ type: [PersonDto] }) focalPoints: PersonDto[];
  @ApiProperty({ type: ScheduleDto }) schedule: ScheduleDto;
}
