import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Patch,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig, RequestMeta, RequestMetadata } from '@liaison/platform';
import { CurrentUser, Public, SignedIn } from '../access/access.decorators';
import { CredentialsService } from '../credentials/credentials.service';
import { SessionsService } from '../sessions/sessions.service';
import { UsersService } from '../users/users.service';
import {
  ChangePasswordDto,
  MeDto,
  ReauthenticationDto,
  RecoveryCodesDto,
  SecondFactorDto,
  SignedInDto,
  SignInDto,
  SignInStartedDto,
  UpdateProfileDto,
  UserView,
} from './auth.dto';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { DeviceCookies } from './device-cookies.service';
import { clearRefreshCookie, refreshCookieOf, signedIn } from './refresh-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly credentials: CredentialsService,
    private readonly config: AppConfig,
    private readonly devices: DeviceCookies,
  ) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  @ApiOkResponse({ type: SignInStartedDto })
  signIn(
    @Body() body: SignInDto,
    @Req() request: Request,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<SignInStartedDto> {
    return this.auth.signIn(body.email, body.password, meta, (userId) => this.devices.trusted(request, userId));
  }

  @Public()
  @Post('sign-in/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: SignedInDto })
  async verify(
    @Body() body: SecondFactorDto,
    @Req() request: Request,
    @RequestMeta() meta: RequestMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedInDto> {
    const issued = await this.auth.completeSignIn(
      body.mfaToken,
      { code: body.code, recoveryCode: body.recoveryCode },
      meta,
      (userId) => this.devices.trusted(request, userId),
    );
    this.devices.set(response, issued.user.id);
    return signedIn(response, issued);
  }

  /** Trades the refresh cookie for a new access token and a new cookie. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SignedInDto })
  async refresh(
    @Req() request: Request,
    @RequestMeta() meta: RequestMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedInDto> {
    // SameSite=Strict already keeps other sites' requests from carrying the cookie; an Origin header, when
    // present, must also be ours.
    const origin = request.get('origin');
    if (origin && origin !== this.config.PUBLIC_ORIGIN && !this.config.CORS_ORIGINS.includes(origin)) {
      throw new ForbiddenException('Unknown origin');
    }
    const token = refreshCookieOf(request);
    if (!token) throw new UnauthorizedException('You are not signed in');
    try {
      // The web app sends this header when the person did something since its previous refresh.
      const active = request.get('x-liaison-activity') === 'user';
      return signedIn(response, await this.sessions.refresh(token, meta, active));
    } catch (error) {
      clearRefreshCookie(response);
      throw error;
    }
  }

  @SignedIn()
  @Post('sign-out')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out' })
  async signOut(
    @CurrentUser() user: AuthUser,
    @RequestMeta() meta: RequestMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const session = await this.sessions.findOwn(user.id, user.sessionId);
    await this.sessions.revoke(session, 'sign-out', { ...meta, actorId: user.id });
    clearRefreshCookie(response);
  }

  @SignedIn()
  @Get('me')
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    const account = await this.users.get(user.id);
    return {
      ...UserView.of(account),
      sessionId: user.sessionId,
      recoveryCodesRemaining: await this.credentials.remainingRecoveryCodes(user.id),
    };
  }

  /** My display name, language and time zone. */
  @SignedIn()
  @Patch('me')
  @ApiOkResponse({ type: MeDto })
  async updateProfile(@CurrentUser() user: AuthUser, @Body() body: UpdateProfileDto): Promise<MeDto> {
    await this.users.updateProfile(user.id, body);
    return this.me(user);
  }

  @SignedIn()
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; the other sessions are revoked' })
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<void> {
    return this.auth.changePassword(user, body.currentPassword, body.code, body.newPassword, meta);
  }

  @SignedIn()
  @Post('recovery-codes')
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryCodesDto })
  async regenerateRecoveryCodes(
    @CurrentUser() user: AuthUser,
    @Body() body: ReauthenticationDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<RecoveryCodesDto> {
    return {
      recoveryCodes: await this.auth.regenerateRecoveryCodes(user, body.password, body.code, meta),
    };
  }
}
