import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { KeysetQueryDto } from '@liaison/platform';
import {
  BLOCKAGE_REASONS,
  COOPERATION_TYPES,
  LEGAL_BASES,
  OFFENCE_CATEGORIES,
  OUTCOMES,
  PRIORITIES,
  REFUSAL_GROUNDS,
  TICKET_CHANNELS,
  URGENCIES,
} from '../vocabulary';
import { SLA_OUTCOMES, SlaOutcome } from '../sla/sla.policy';
import { STATUSES } from '../workflow/workflow.policy';
import type { BlockageReason, CooperationType, LegalBasis, Outcome, TicketChannel, Urgency } from '../vocabulary';
import type { TicketStatus } from '../workflow/workflow.policy';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const list = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter((item) => item.length > 0) : value;
const DATE = { strict: true };

/**
 * A filing, complete or not: every fact is optional here so that the service can name each missing one
 * (field by field, with what to give); a fact that is given must be well-formed.
 */
export class FilingDto {
  @ApiPropertyOptional({ example: 'MU' }) @IsOptional() @Matches(/^[A-Z]{2}$/) requestedStateCode?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  requestedAuthorityId?: string | null;
  @ApiPropertyOptional({ enum: COOPERATION_TYPES })
  @IsOptional()
  @IsIn(COOPERATION_TYPES)
  cooperationType?: CooperationType;
  @ApiPropertyOptional({ enum: OFFENCE_CATEGORIES }) @IsOptional() @IsIn(OFFENCE_CATEGORIES) offenceCategory?: string;
  @ApiPropertyOptional({ enum: LEGAL_BASES }) @IsOptional() @IsIn(LEGAL_BASES) legalBasis?: LegalBasis;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The treaty a bilateral or regional basis names' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  legalInstrument?: string | null;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString(DATE) dateSent?: string;
  @ApiPropertyOptional({ description: 'The requester’s own reference (encrypted at rest)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  requesterReference?: string;
  @ApiPropertyOptional({ enum: TICKET_CHANNELS }) @IsOptional() @IsIn(TICKET_CHANNELS) channel?: TicketChannel;
  @ApiPropertyOptional({ enum: BLOCKAGE_REASONS })
  @IsOptional()
  @IsIn(BLOCKAGE_REASONS)
  blockageReason?: BlockageReason;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsDateString(DATE)
  blockedSince?: string | null;
  @ApiPropertyOptional({ enum: REFUSAL_GROUNDS, nullable: true })
  @IsOptional()
  @IsIn(REFUSAL_GROUNDS)
  refusalGround?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Documents asked for, or what else is wrong (encrypted)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  blockageDetails?: string | null;
  @ApiPropertyOptional({ enum: URGENCIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(URGENCIES.length)
  @IsIn(URGENCIES, { each: true })
  urgency?: Urgency[];
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsDateString(DATE)
  deadline?: string | null;
  @ApiPropertyOptional({ description: 'The case (encrypted at rest)' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The network, when the two States share none' })
  @IsOptional()
  @IsUUID()
  networkId?: string;
}

export class StatusChangeDto {
  @ApiProperty({ enum: STATUSES }) @IsIn(STATUSES) status: TicketStatus;
  @ApiPropertyOptional({ enum: OUTCOMES }) @IsOptional() @IsIn(OUTCOMES) outcome?: Outcome;
  @ApiPropertyOptional({ enum: REFUSAL_GROUNDS }) @IsOptional() @IsIn(REFUSAL_GROUNDS) outcomeGround?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() duplicateOf?: string;
}

export class TriageDto {
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: unassign' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  assigneeId?: string | null;
}

export class BulkAssignDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  ticketIds: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  assigneeId: string | null;
}

export class InviteCounterpartDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
}

export class TicketQueryDto extends KeysetQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, isArray: true, description: 'Comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsIn(STATUSES, { each: true })
  status?: TicketStatus[];
  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true, description: 'Comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsIn(PRIORITIES, { each: true })
  priority?: string[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() networkId?: string;
  @ApiPropertyOptional({ description: 'Requested or requesting State' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  stateCode?: string;
  @ApiPropertyOptional({ enum: COOPERATION_TYPES }) @IsOptional() @IsIn(COOPERATION_TYPES) cooperationType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() unassigned?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ example: 'HD-2026-00042' })
  @IsOptional()
  @Matches(/^HD-\d{4}-\d{5,}$/i)
  reference?: string;
  @ApiPropertyOptional({ enum: ['newest', 'oldest', 'due', 'updated', 'priority'] })
  @IsOptional()
  @IsIn(['newest', 'oldest', 'due', 'updated', 'priority'])
  sort?: 'newest' | 'oldest' | 'due' | 'updated' | 'priority';
}

// --- Responses ----------------------------------------------------------------------------------------

export class RefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class FieldProblemDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class FilingWarningDto {
  @ApiProperty() field: string;
  @ApiProperty({ enum: ['channel-not-accepted', 'cooperation-not-handled'] })
  code: 'channel-not-accepted' | 'cooperation-not-handled';
  @ApiProperty() message: string;
}

export class AuthorityFactsDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() stateCode: string;
  @ApiProperty({ type: [String] }) documentsRequired: string[];
  @ApiProperty({ type: [String] }) channels: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: [String] }) categories: string[];
  @ApiProperty() acceptsInterpol: boolean;
}

export class FilingCheckDto {
  @ApiProperty({ type: [FieldProblemDto] }) missing: FieldProblemDto[];
  @ApiProperty({ type: [FilingWarningDto] }) warnings: FilingWarningDto[];
  @ApiProperty({ type: AuthorityFactsDto, nullable: true }) requestedAuthority: AuthorityFactsDto | null;
  @ApiProperty({ type: [RefDto] }) sharedNetworks: RefDto[];
}

export class SlaViewDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until the first public answer' })
  responseDueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Capped by the deadline date' })
  resolutionDueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstResponseAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Working seconds to the first response' })
  responseWorkingSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Working seconds to resolution' })
  resolutionWorkingSeconds: number | null;
  @ApiProperty({ description: 'Waiting on the requester: the clock is paused' }) paused: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Working hours to the first response; null: not planned' })
  responseTargetHours: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Working hours to resolution; null: not planned' })
  resolutionTargetHours: number | null;
  @ApiProperty({
    enum: SLA_OUTCOMES,
    nullable: true,
    description: 'The first response came within its target; null until it came (or without a target)',
  })
  responseOutcome: SlaOutcome | null;
  @ApiProperty({
    enum: SLA_OUTCOMES,
    nullable: true,
    description: 'Resolved within its target and before the deadline date; null while open (or without a target)',
  })
  resolutionOutcome: SlaOutcome | null;
}

export class TicketSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HD-2026-00042' }) reference: string;
  @ApiProperty({ enum: STATUSES }) status: TicketStatus;
  @ApiProperty({ enum: PRIORITIES }) priority: string;
  @ApiProperty({ type: RefDto }) requesterAuthority: RefDto;
  @ApiProperty() requesterStateCode: string;
  @ApiProperty() requestedStateCode: string;
  @ApiProperty({ type: RefDto, nullable: true }) requestedAuthority: RefDto | null;
  @ApiProperty({ enum: COOPERATION_TYPES }) cooperationType: string;
  @ApiProperty({ enum: OFFENCE_CATEGORIES }) offenceCategory: string;
  @ApiProperty({ enum: BLOCKAGE_REASONS }) blockageReason: string;
  @ApiProperty({ enum: URGENCIES, isArray: true }) urgency: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadline: string | null;
  @ApiProperty({ type: RefDto, nullable: true }) assignee: RefDto | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The next SLA deadline of a running clock; null while paused or stopped',
  })
  dueAt: string | null;
  @ApiProperty({ type: SlaViewDto }) sla: SlaViewDto;
  @ApiProperty({ description: 'A running SLA clock is past its deadline' }) overdue: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TicketPageDto {
  @ApiProperty({ type: [TicketSummaryDto] }) items: TicketSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class TimelineEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: RefDto, nullable: true, description: 'null: the platform (auto-close)' }) actor: RefDto | null;
  @ApiProperty({ example: 'status' }) action: string;
  @ApiProperty({ type: String, nullable: true }) oldValue: string | null;
  @ApiProperty({ type: String, nullable: true }) newValue: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class TicketReferenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
}

export class TicketDetailDto extends TicketSummaryDto {
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis: string;
  @ApiProperty({ type: String, nullable: true }) legalInstrument: string | null;
  @ApiProperty({ format: 'date' }) dateSent: string;
  @ApiProperty({ enum: TICKET_CHANNELS }) channel: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) blockedSince: string | null;
  @ApiProperty({ type: String, nullable: true }) refusalGround: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) requesterReference: string | null;
  @ApiProperty({ type: String, nullable: true }) blockageDetails: string | null;
  @ApiProperty() unreadable: boolean;
  @ApiProperty({ type: String, enum: OUTCOMES, nullable: true }) outcome: string | null;
  @ApiProperty({ type: String, nullable: true }) outcomeGround: string | null;
  @ApiProperty({ type: TicketReferenceDto, nullable: true }) duplicateOf: TicketReferenceDto | null;
  @ApiProperty({ type: [RefDto] }) networks: RefDto[];
  @ApiProperty({ type: [RefDto] }) counterparts: RefDto[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline: TimelineEntryDto[];
  @ApiProperty({ format: 'uuid' }) publicThreadId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The secretariat only' })
  internalThreadId: string | null;
  @ApiProperty({ enum: ['secretariat', 'requester', 'counterpart'] }) viewer:
    'secretariat' | 'requester' | 'counterpart';
  @ApiProperty({ enum: STATUSES, isArray: true }) allowedTransitions: TicketStatus[];
  @ApiProperty() canWithdraw: boolean;
  @ApiProperty({ type: AuthorityFactsDto, nullable: true }) requestedAuthorityFacts: AuthorityFactsDto | null;
  @ApiProperty({ type: [FilingWarningDto] }) warnings: FilingWarningDto[];
}

export class BulkAssignResultDto {
  @ApiProperty() assigned: number;
}
