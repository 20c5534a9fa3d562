import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PASSWORD_MAX } from '../credentials/passwords';
import { ROLES, type Role } from '@liaison/contracts';
import type { User } from '../users/user.entity';
import { DISPLAY_NAME_MAX, DISPLAY_NAME_MIN, IsDisplayName } from '../users/display-name';

const TOTP_CODE = /^\d{6}$/;
const TOTP_PATTERN = '^\\d{6}$';

export class SignInDto {
  @ApiProperty({ type: String, format: 'email', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: PASSWORD_MAX })
  @IsString()
  @Length(1, PASSWORD_MAX)
  password: string;
}

export class SignInStartedDto {
  @ApiProperty({ description: 'Present it with the second factor within five minutes' })
  mfaToken: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
}

export class SecondFactorDto {
  @ApiProperty({ type: String, maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  mfaToken: string;

  @ApiPropertyOptional({ description: 'The 6-digit code of the authenticator app (or give recoveryCode)' })
  @ValidateIf((dto: SecondFactorDto) => dto.recoveryCode === undefined)
  @Matches(TOTP_CODE, { message: 'code must be the 6 digits of your authenticator app' })
  code?: string;

  @ApiPropertyOptional({ description: 'One of the recovery codes, instead of code' })
  @ValidateIf((dto: SecondFactorDto) => dto.code === undefined)
  @IsString()
  @Length(16, 40)
  recoveryCode?: string;
}

export class ReauthenticationDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: PASSWORD_MAX })
  @IsString()
  @Length(1, PASSWORD_MAX)
  password: string;

  @ApiProperty({ type: String, pattern: TOTP_PATTERN, description: 'The 6-digit code of the authenticator app' })
  @Matches(TOTP_CODE, { message: 'code must be the 6 digits of your authenticator app' })
  code: string;
}

export class ChangePasswordDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: PASSWORD_MAX })
  @IsString()
  @Length(1, PASSWORD_MAX)
  currentPassword: string;

  @ApiProperty({ type: String, pattern: TOTP_PATTERN, description: 'The 6-digit code of the authenticator app' })
  @Matches(TOTP_CODE, { message: 'code must be the 6 digits of your authenticator app' })
  code: string;

  @ApiProperty({ type: String, description: 'Checked against the password policy (length, common passwords)' })
  @IsString()
  newPassword: string;
}

export class UserView {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;
  @ApiProperty({ type: String, format: 'email' })
  email: string;
  @ApiProperty({ type: String })
  displayName: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role: Role;
  @ApiProperty({ enum: ['active', 'suspended'], enumName: 'UserStatus' })
  status: 'active' | 'suspended';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for admin and secretariat accounts' })
  authorityId: string | null;
  @ApiProperty({ type: String })
  locale: string;
  @ApiProperty({ type: String, description: 'An IANA time zone' })
  timeZone: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  static of(user: User): UserView {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      status: user.status,
      authorityId: user.authorityId,
      locale: user.locale,
      timeZone: user.timeZone,
      createdAt: user.createdAt,
    };
  }
}

export class SignedInDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer …`; the refresh token is in an httpOnly cookie' })
  accessToken: string;
  @ApiProperty({ type: String, format: 'date-time' })
  accessTokenExpiresAt: Date;
  @ApiProperty({ type: String, format: 'date-time' })
  sessionExpiresAt: Date;
  @ApiProperty({ type: () => UserView })
  user: UserView;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Shown once: each works once' })
  recoveryCodes: string[];
}

export class MeDto extends UserView {
  @ApiProperty({ type: 'integer', minimum: 0 })
  recoveryCodesRemaining: number;
  @ApiProperty({ type: String, format: 'uuid' })
  sessionId: string;
}

export const LOCALES = ['en', 'fr', 'ar'] as const;

export class UpdateProfileDto {
  @ApiPropertyOptional({ type: String, minLength: DISPLAY_NAME_MIN, maxLength: DISPLAY_NAME_MAX })
  @IsOptional()
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: (typeof LOCALES)[number];

  /** An IANA time zone, e.g. Indian/Mauritius. */
  @ApiPropertyOptional({ type: String, description: 'An IANA time zone, e.g. Indian/Mauritius' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}
