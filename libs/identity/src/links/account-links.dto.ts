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
import { ROLES, Role } from '@liaison/contracts';
import { DISPLAY_NAME_MAX, DISPLAY_NAME_MIN, IsDisplayName } from '../users/display-name';
import type { AccountLinkKind } from './account-link.entity';
import type { LinkStatus } from './account-links.service';

const LINK_STATUSES: LinkStatus[] = [
  'awaiting_approval',
  'refused',
  'pending',
  'sent',
  'failed',
  'accepted',
  'expired',
  'voided',
];

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

/** What the issuer of a one-time link sees: its state, never its token. */
export class LinkStateDto {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;
  @ApiProperty({ enum: ['invitation', 'reset'], enumName: 'AccountLinkKind' })
  kind: AccountLinkKind;
  @ApiProperty({ type: String, format: 'email' })
  email: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', nullable: true, description: 'Null for a reset link' })
  role: Role | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  authorityId: string | null;
  @ApiProperty({ type: [String], format: 'uuid' })
  networkIds: string[];
  @ApiProperty({ enum: LINK_STATUSES, enumName: 'AccountLinkStatus' })
  status: LinkStatus;
  @ApiProperty({ type: String, format: 'uuid' })
  createdBy: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the e-mail left' })
  sentAt: Date | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null until the e-mail has left: the validity starts then',
  })
  expiresAt: Date | null;
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

  @ApiProperty({ type: String, pattern: '^\\d{6}$', description: 'The first code the authenticator app shows' })
  @Matches(/^\d{6}$/, { message: 'totpCode must be the 6 digits of your authenticator app' })
  totpCode: string;
}

export class AcceptInvitationDto extends EnrolmentDto {
  @ApiProperty({ type: String, minLength: DISPLAY_NAME_MIN, maxLength: DISPLAY_NAME_MAX })
  @IsDisplayName()
  displayName: string;
}

/** The TOTP secret to enrol, chosen by the server for this link; its first code proves it was scanned. */
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
