import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { KeysetQueryDto } from '@liaison/platform';
import { ANSWERS, type Answer } from '../answers/meeting-answer.entity';
import { INVITE_SCOPES, MEETING_MODES, type InviteScope, type MeetingMode } from './meeting.entity';

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const LOCAL_MESSAGE = 'must be a local date-time YYYY-MM-DDTHH:mm';

/** The fields a series has, for scheduling and for changing it. */
export class MeetingFieldsDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ description: 'Markdown', maxLength: 20_000 })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  agenda?: string;

  @ApiProperty({ example: '2026-03-03T10:00', description: 'Wall-clock start in timeZone' })
  @Matches(LOCAL, { message: LOCAL_MESSAGE })
  startLocal: string;

  @ApiProperty({ example: 'Indian/Mauritius', description: "The venue's zone, or the organizer's when online" })
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @ApiProperty({ minimum: 5, maximum: 1440 })
  @IsInt()
  @Min(5)
  @Max(1440)
  durationMinutes: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'FREQ=MONTHLY;BYDAY=1TU',
    description: 'An RRULE without DTSTART',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  rrule?: string | null;

  @ApiProperty({ enum: MEETING_MODES })
  @IsIn(MEETING_MODES)
  mode: MeetingMode;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((dto: MeetingFieldsDto) => dto.mode === 'online' || dto.onlineUrl != null)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'must be an https link' })
  @MaxLength(500)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((dto: MeetingFieldsDto) => dto.mode === 'in_person' || dto.place != null)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  place?: string | null;

  @ApiPropertyOptional({ type: [Number], description: 'Minutes before each occurrence (default 1440 and 60)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(20_160, { each: true })
  reminderMinutes?: number[];
}

export class InviteesDto {
  @ApiProperty({ enum: INVITE_SCOPES })
  @IsIn(INVITE_SCOPES)
  scope: InviteScope;

  @ApiPropertyOptional({ type: [String], description: 'Member States (scope states)' })
  @ValidateIf((dto: InviteesDto) => dto.scope === 'states')
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each must be an ISO country code' })
  stateCodes?: string[];

  @ApiPropertyOptional({ type: [String], description: 'People (scope people)' })
  @ValidateIf((dto: InviteesDto) => dto.scope === 'people')
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  includeSecretariat?: boolean;
}

export class ScheduleMeetingDto extends MeetingFieldsDto {
  @ApiProperty()
  @IsUUID()
  networkId: string;

  @ApiProperty({ type: InviteesDto })
  @ValidateNested()
  @Type(() => InviteesDto)
  invitees: InviteesDto;
}

export class UpdateMeetingDto extends MeetingFieldsDto {}

export class MoveOccurrenceDto {
  @ApiProperty({ example: '2026-03-04T11:00' })
  @Matches(LOCAL, { message: LOCAL_MESSAGE })
  startLocal: string;
}

export class AnswerDto {
  @ApiProperty({ enum: ANSWERS })
  @IsIn(ANSWERS)
  answer: Answer;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'One occurrence (its id); omitted for the whole series',
  })
  @IsOptional()
  @Matches(LOCAL, { message: LOCAL_MESSAGE })
  occurrenceId?: string | null;
}

export class MinutesDto {
  @ApiProperty({ description: 'Markdown', maxLength: 50_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(50_000)
  minutes: string;
}

export class MeetingListQueryDto extends KeysetQueryDto {}

export class AgendaQueryDto {
  @ApiProperty({ example: '2027-01-01T00:00:00Z', description: 'From this instant (inclusive)' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({
    example: '2027-02-01T00:00:00Z',
    description: 'To this instant (exclusive); at most 62 days after from',
  })
  @IsISO8601({ strict: true })
  to: string;
}

export class AgendaItemDto {
  @ApiProperty() meetingId: string;
  @ApiProperty() title: string;
  @ApiProperty() networkId: string;
  @ApiProperty() networkName: string;
  @ApiProperty() occurrenceId: string;
  @ApiProperty({ description: 'Local start in the meeting zone' }) startLocal: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ description: 'UTC instant' }) start: string;
  @ApiProperty({ description: 'UTC instant' }) end: string;
  @ApiProperty({ description: "Start in the viewer's zone, with its offset" }) viewerStart: string;
  @ApiProperty({ enum: ANSWERS, nullable: true, type: String }) myAnswer: Answer | null;
}

export class SlotSearchDto {
  @ApiProperty()
  @IsUUID()
  networkId: string;

  @ApiProperty({ type: InviteesDto })
  @ValidateNested()
  @Type(() => InviteesDto)
  invitees: InviteesDto;

  @ApiProperty({ minimum: 5, maximum: 1440 })
  @IsInt()
  @Min(5)
  @Max(1440)
  durationMinutes: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 8, description: 'How many weeks ahead (default 3)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  weeks?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, description: 'How many slots (default 10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class OccurrenceDto {
  @ApiProperty({ description: 'Its original local start: the id to move, cancel or answer it' })
  occurrenceId: string;
  @ApiProperty({ description: 'Local start in the meeting zone' })
  startLocal: string;
  @ApiProperty({ description: 'UTC instant' })
  start: string;
  @ApiProperty({ description: 'UTC instant' })
  end: string;
  @ApiProperty({ description: "Start in the viewer's zone, with its offset" })
  viewerStart: string;
  @ApiProperty()
  cancelled: boolean;
  @ApiProperty()
  moved: boolean;
  @ApiProperty({ enum: ANSWERS, nullable: true, type: String })
  myAnswer: Answer | null;
}

export class MeetingInviteesDto {
  @ApiProperty({ enum: INVITE_SCOPES })
  scope: InviteScope;
  @ApiProperty({ type: [String] })
  stateCodes: string[];
  @ApiProperty({ type: [String] })
  userIds: string[];
  @ApiProperty()
  includeSecretariat: boolean;
}

export class MeetingDto {
  @ApiProperty() id: string;
  @ApiProperty() networkId: string;
  @ApiProperty() networkName: string;
  @ApiProperty() organizerId: string;
  @ApiProperty() title: string;
  @ApiProperty() agenda: string;
  @ApiProperty() startLocal: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ nullable: true, type: String }) rrule: string | null;
  @ApiProperty({ enum: MEETING_MODES }) mode: MeetingMode;
  @ApiProperty({ nullable: true, type: String }) onlineUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty({ type: MeetingInviteesDto }) invitees: MeetingInviteesDto;
  @ApiProperty({ type: [Number] }) reminderMinutes: number[];
  @ApiProperty() sequence: number;
  @ApiProperty() cancelled: boolean;
  @ApiProperty({ nullable: true, type: String }) minutes: string | null;
  @ApiProperty({ nullable: true, type: String }) minutesPostedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) forumThreadId: string | null;
  @ApiProperty({ description: "The viewer's profile zone" }) viewerTimeZone: string;
  @ApiProperty({ description: 'The viewer coordinates the network: may change the meeting' }) canManage: boolean;
  @ApiProperty({ enum: ANSWERS, nullable: true, type: String, description: 'For the series' })
  myAnswer: Answer | null;
  @ApiProperty({ type: [OccurrenceDto], description: 'The next occurrences (from the start of today)' })
  occurrences: OccurrenceDto[];
}

export class MeetingPageDto {
  @ApiProperty({ type: [MeetingDto] }) items: MeetingDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AnswerViewDto {
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: '`*` for the series' }) occurrenceId: string;
  @ApiProperty({ enum: ANSWERS }) answer: Answer;
  @ApiProperty() answeredAt: string;
}

export class SlotDto {
  @ApiProperty() start: string;
  @ApiProperty() end: string;
  @ApiProperty() allInside: boolean;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
  })
  outside: { id: string; name: string }[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { id: { type: 'string' }, start: { type: 'string' } } },
  })
  local: { id: string; start: string }[];
}

export class SlotsDto {
  @ApiProperty({ description: 'Some slot is inside every invited authority’s office hours' }) common: boolean;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' }, timeZone: { type: 'string' } },
    },
  })
  authorities: { id: string; name: string; timeZone: string }[];
  @ApiProperty({ type: [SlotDto] }) slots: SlotDto[];
}
