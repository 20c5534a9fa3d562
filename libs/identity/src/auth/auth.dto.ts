import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PASSWORD_MAX } from '../credentials/passwords';
import type { Role } from '../users/role';
import type { User } from '../users/user.entity';

const TOTP_CODE = /^\d{6}$/;

export class SignInDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @Length(1, PASSWORD_MAX)
  password: string;
}

export class SignInStartedDto {
  @ApiProperty({ description: 'Present it with the second factor within five minutes' })
  mfaToken: string;
  expiresAt: Date;
}

export class SecondFactorDto {
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
  @IsString()
  @Length(1, PASSWORD_MAX)
  password: string;

  @Matches(TOTP_CODE, { message: 'code must be the 6 digits of your authenticator app' })
  code: string;
}

export class ChangePasswordDto {
  @IsString()
  @Length(1, PASSWORD_MAX)
  currentPassword: string;

  @Matches(TOTP_CODE, { message: 'code must be the 6 digits of your authenticator app' })
  code: string;

  @IsString()
  newPassword: string;
}

export class UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: 'active' | 'suspended';
  authorityId: string | null;
  networkIds: string[];
  locale: string;
  timeZone: string;
  createdAt: Date;

  static of(user: User): UserView {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      status: user.status,
      authorityId: user.authorityId,
      networkIds: user.networkIds,
      locale: user.locale,
      timeZone: user.timeZone,
      createdAt: user.createdAt,
    };
  }
}

export class SignedInDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer …`; the refresh token is in an httpOnly cookie' })
  accessToken: string;
  accessTokenExpiresAt: Date;
  sessionExpiresAt: Date;
  user: UserView;
}

export class RecoveryCodesDto {
  @ApiProperty({ description: 'Shown once: each works once' })
  recoveryCodes: string[];
}

export class MeDto extends UserView {
  recoveryCodesRemaining: number;
  sessionId: string;
}
