import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { SignedInDto } from '../auth/auth.dto';
import { ROLES, Role } from '../users/role';
import type { AccountLinkKind } from './account-link.entity';

export class CreateInvitationDto {
  @ApiProperty({ type: String, format: 'email', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Required for focal points and coordinators' })
  @IsOptional()
  @IsUUID()
  authorityId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  networkIds?: string[];
}

export class CreatedLinkDto {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;
  @ApiProperty({ type: String, format: 'email' })
  email: string;
  @ApiProperty({
    type: String,
    description: 'Shown once: it carries the token. Also sent by e-mail once delivery exists.',
  })
  url: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
}

export class LinkTokenDto {
  @ApiProperty({ type: String, minLength: 20, maxLength: 200 })
  @IsString()
  @Length(20, 200)
  token: string;
}

export class EnrolmentDto extends LinkTokenDto {
  @ApiProperty({ type: String, description: 'Checked against the password policy (length, common passwords)' })
  @IsString()
  password: string;

  @ApiProperty({ type: String, maxLength: 64, description: 'The secret of the preview, now in the authenticator app' })
  @IsString()
  @MaxLength(64)
  totpSecret: string;

  @ApiProperty({ type: String, pattern: '^\\d{6}$', description: 'The first code the authenticator app shows' })
  @Matches(/^\d{6}$/, { message: 'totpCode must be the 6 digits of your authenticator app' })
  totpCode: string;
}

export class AcceptInvitationDto extends EnrolmentDto {
  @ApiProperty({ type: String, minLength: 2, maxLength: 120 })
  @IsString()
  @Length(2, 120)
  displayName: string;
}

/** A fresh TOTP secret to enrol; sent back with the first code to prove it was scanned. */
export class TotpEnrolmentDto {
  @ApiProperty({ type: String, description: 'Base32' })
  secret: string;
  @ApiProperty({ type: String, description: 'An otpauth:// URL for the authenticator app' })
  otpauthUrl: string;
  @ApiProperty({ type: String, description: 'The otpauth URL as a QR code, a data: URL of a PNG' })
  qrDataUrl: string;
}

/** What an invitation or reset link is for, with a TOTP secret to enrol. */
export class LinkPreviewDto {
  @ApiProperty({ enum: ['invitation', 'reset'], enumName: 'AccountLinkKind' })
  kind: AccountLinkKind;
  @ApiProperty({ type: String, format: 'email' })
  email: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', nullable: true, description: 'Null for a reset link' })
  role: Role | null;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
  @ApiProperty({ type: () => TotpEnrolmentDto })
  totp: TotpEnrolmentDto;
}

/** Signed in after enrolment, with the recovery codes, shown once. */
export class EnrolledDto extends SignedInDto {
  @ApiProperty({ type: [String], description: 'Shown once: each works once' })
  recoveryCodes: string[];
}
