import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { PersonDto } from '../memberships/memberships.dto';
import { STATE_CODE, StateRefDto } from '../states/states.dto';

export class NetworkRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class CreateNetworkDto {
  @ApiProperty({ example: 'ioc-judicial-platform' })
  @Matches(SLUG, { message: 'slug must be lowercase words joined by -' })
  @MaxLength(60)
  slug: string;
  @ApiProperty() @IsString() @Length(3, 200) name: string;
  @ApiProperty() @IsString() @MaxLength(2000) description: string;
  @ApiProperty({ type: [String], example: ['MU', 'SC'] })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(STATE_CODE, { each: true, message: 'stateCodes must be ISO 3166-1 alpha-2 codes' })
  stateCodes: string[];
}

export class UpdateNetworkDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(STATE_CODE, { each: true, message: 'stateCodes must be ISO 3166-1 alpha-2 codes' })
  stateCodes?: string[];
}

export class SetCoordinatorsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
}

export class InviteFocalPointDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() authorityId: string;
}

export class CoordinatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class NetworkSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [StateRefDto] }) memberStates: StateRefDto[];
  @ApiProperty({ type: [CoordinatorDto] }) coordinators: CoordinatorDto[];
  @ApiProperty() memberCount: number;
  @ApiProperty() demo: boolean;
}

export class MemberAuthorityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() stateCode: string;
}

export class MemberDto extends PersonDto {
  @ApiProperty({ enum: ['member', 'coordinator'] }) networkRole: 'member' | 'coordinator';
  @ApiProperty({ type: MemberAuthorityDto, nullable: true }) authority: MemberAuthorityDto | null;
}

export class NetworkDetailDto extends NetworkSummaryDto {
  @ApiProperty({ type: [MemberDto] }) members: MemberDto[];
}
