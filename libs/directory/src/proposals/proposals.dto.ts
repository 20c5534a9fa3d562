import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { KeysetQueryDto } from '@liaison/platform';
import { UpdateAuthorityDto } from '../authorities/authorities.dto';
import { StateRefDto } from '../states/states.dto';
import { PersonRefDto } from '../versions/versions.dto';
import { PROPOSAL_STATUSES, ProposalStatus } from './authority-proposal.entity';

/** The fields a focal point may propose: any of the record's, as the form sends them (contact whole). */
export class ProposeChangesDto extends OmitType(UpdateAuthorityDto, [
  'lastVerified',
  'centralAuthority',
  'baseVersion',
] as const) {}

export class ApproveProposalDto {
  @ApiPropertyOptional({
    type: ProposeChangesDto,
    description:
      "The secretariat's own values, overriding the proposal's (and deciding a stale field); a contact names only the sub-fields decided",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProposeChangesDto)
  edits?: ProposeChangesDto;
}

export class RejectProposalDto {
  @ApiProperty({ description: 'Why, for the proposer' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class ProposalQueryDto extends KeysetQueryDto {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES }) @IsOptional() @IsIn(PROPOSAL_STATUSES) status?: ProposalStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() authority?: string;
}

export class AuthorityRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: StateRefDto }) state: StateRefDto;
}

/** One field of a proposal, three ways: what they propose, what it was when they did, what it is now. */
export class ProposalFieldDto {
  @ApiProperty({ example: 'contact.phone' }) field: string;
  @ApiProperty({ nullable: true, description: 'The proposed value (JSON)' }) proposed: unknown;
  @ApiProperty({ nullable: true, description: 'The value when the proposal was made (JSON)' }) base: unknown;
  @ApiProperty({ nullable: true, description: 'The value now (JSON)' }) current: unknown;
  @ApiProperty({ description: 'Changed by someone else since, to another value than proposed' }) conflict: boolean;
}

export class ProposalSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: AuthorityRefDto }) authority: AuthorityRefDto;
  @ApiProperty({ type: PersonRefDto }) proposer: PersonRefDto;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: ProposalStatus;
  @ApiProperty({ type: [String] }) fields: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
}

export class ProposalPageDto {
  @ApiProperty({ type: [ProposalSummaryDto] }) items: ProposalSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ProposalDetailDto extends ProposalSummaryDto {
  @ApiProperty() baseVersion: number;
  @ApiProperty() currentVersion: number;
  @ApiProperty({ type: Number, nullable: true }) approvedVersion: number | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) decidedBy: PersonRefDto | null;
  @ApiProperty({ type: [String], description: 'The fields found stale when an approval was refused' })
  conflicts: string[];
  @ApiProperty({ type: [ProposalFieldDto] }) diff: ProposalFieldDto[];
}
