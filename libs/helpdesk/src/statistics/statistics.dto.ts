import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { COOPERATION_TYPES, LEGAL_BASES, OFFENCE_CATEGORIES } from '../vocabulary';

export class StatisticsQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Filed on or after (in the secretariat’s zone)' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Filed on or before' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A coordinator: one of the networks they coordinate' })
  @IsOptional()
  @IsUUID()
  networkId?: string;
  @ApiPropertyOptional({ description: 'Requesting or requested State' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  stateCode?: string;
  @ApiPropertyOptional({ enum: COOPERATION_TYPES }) @IsOptional() @IsIn(COOPERATION_TYPES) cooperationType?: string;
  @ApiPropertyOptional({ enum: OFFENCE_CATEGORIES }) @IsOptional() @IsIn(OFFENCE_CATEGORIES) offenceCategory?: string;
  @ApiPropertyOptional({ enum: LEGAL_BASES }) @IsOptional() @IsIn(LEGAL_BASES) legalBasis?: string;
}

export class CountDto {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
}

export class StatePairCountDto {
  @ApiProperty() requesterStateCode: string;
  @ApiProperty() requestedStateCode: string;
  @ApiProperty() count: number;
}

export class DurationStatsDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Working hours' }) medianHours: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Working hours' }) p90Hours: number | null;
}

export class MonthTrendDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() filed: number;
  @ApiProperty() resolved: number;
  @ApiProperty({ type: Number, nullable: true }) medianResolutionHours: number | null;
}

export class ConventionBasisDto {
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Of all tickets counted, 0 to 1' }) share: number;
}

export class StatisticsDto {
  @ApiProperty({ example: 'Europe/Vienna' }) timeZone: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [CountDto] }) byStatus: CountDto[];
  @ApiProperty({ type: [CountDto] }) byOutcome: CountDto[];
  @ApiProperty({ type: [CountDto] }) byCooperationType: CountDto[];
  @ApiProperty({ type: [CountDto] }) byOffenceCategory: CountDto[];
  @ApiProperty({ type: [CountDto] }) byLegalBasis: CountDto[];
  @ApiProperty({ type: ConventionBasisDto }) conventionBasis: ConventionBasisDto;
  @ApiProperty({ type: [CountDto] }) byLegalInstrument: CountDto[];
  @ApiProperty({ type: [CountDto] }) byBlockageReason: CountDto[];
  @ApiProperty({ type: [CountDto] }) byRefusalGround: CountDto[];
  @ApiProperty({ type: [StatePairCountDto] }) byStatePair: StatePairCountDto[];
  @ApiProperty({ type: DurationStatsDto }) firstResponse: DurationStatsDto;
  @ApiProperty({ type: DurationStatsDto }) resolution: DurationStatsDto;
  @ApiProperty({ type: [MonthTrendDto] }) trend: MonthTrendDto[];
}
