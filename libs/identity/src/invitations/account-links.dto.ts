import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { ROLES, Role } from '../users/role';

export class CreateInvitationDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ required: false, description: 'Required for focal points and coordinators' })
  @IsOptional()
  @IsUUID()
  authorityId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  networkIds?: string[];
}

export class CreatedLinkDto {
  id: string;
  email: string;
  @ApiProperty({ description: 'Shown once: it carries the token. Also sent by e-mail once delivery exists.' })
  url: string;
  expiresAt: Date;
}

export class LinkTokenDto {
  @IsString()
  @Length(20, 200)
  token: string;
}

export class EnrolmentDto extends LinkTokenDto {
  @IsString()
  password: string;

  @IsString()
  @MaxLength(64)
  totpSecret: string;

  @Matches(/^\d{6}$/, { message: 'totpCode must be the 6 digits of your authenticator app' })
  totpCode: string;
}

export class AcceptInvitationDto extends EnrolmentDto {
  @IsString()
  @Length(2, 120)
  displayName: string;
}
