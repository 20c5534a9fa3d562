import { Body, Controller, ForbiddenException, Get, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '@liaison/platform';
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
  UserView,
} from './auth.dto';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { clearRefreshCookie, clientOf, refreshCookieOf, signedIn } from './refresh-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly credentials: CredentialsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() body: SignInDto, @Req() request: Request): Promise<SignInStartedDto> {
    return this.auth.signIn(body.email, body.password, clientOf(request));
  }

  @Public()
  @Post('sign-in/verify')
  @HttpCode(200)
  async verify(@Body() body: SecondFactorDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SignedInDto> {
    const issued = await this.auth.completeSignIn(body.mfaToken, { code: body.code, recoveryCode: body.recoveryCode }, clientOf(request));
    return signedIn(response, issued);
  }

  /** Trades the refresh cookie for a new access token and a new cookie. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SignedInDto> {
    // SameSite=Strict already keeps other sites' requests from carrying the cookie; an Origin header, when
    // present, must also be ours.
    const origin = request.get('origin');
    if (origin && origin !== this.config.PUBLIC_ORIGIN && !this.config.CORS_ORIGINS.includes(origin)) {
      throw new ForbiddenException('Unknown origin');
    }
    const token = refreshCookieOf(request);
    if (!token) throw new UnauthorizedException('You are not signed in');
    try {
      return signedIn(response, await this.sessions.refresh(token, clientOf(request)));
    } catch (error) {
      clearRefreshCookie(response);
      throw error;
    }
  }

  @SignedIn()
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@CurrentUser() user: AuthUser, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const session = await this.sessions.findOwn(user.id, user.sessionId);
    await this.sessions.revoke(session, 'sign-out', { ...clientOf(request), actorId: user.id });
    clearRefreshCookie(response);
  }

  @SignedIn()
  @Get('me')
  async me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    const account = await this.users.get(user.id);
    return {
      ...UserView.of(account),
      sessionId: user.sessionId,
      recoveryCodesRemaining: await this.credentials.remainingRecoveryCodes(user.id),
    };
  }

  @SignedIn()
  @Post('password')
  @HttpCode(204)
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto, @Req() request: Request): Promise<void> {
    return this.auth.changePassword(user, body.currentPassword, body.code, body.newPassword, clientOf(request));
  }

  @SignedIn()
  @Post('recovery-codes')
  @HttpCode(200)
  async regenerateRecoveryCodes(@CurrentUser() user: AuthUser, @Body() body: ReauthenticationDto, @Req() request: Request): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.auth.regenerateRecoveryCodes(user, body.password, body.code, clientOf(request)) };
  }
}
