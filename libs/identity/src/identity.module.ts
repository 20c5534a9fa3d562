import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessGuard } from './access/access.guard';
import { AccessTokens } from './access/access-tokens';
import { AccessPassport } from './access/access-passport';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { SignInThrottle } from './auth/sign-in-throttle';
import { DeviceCookies } from './auth/device-cookie';
import { CredentialsService } from './credentials/credentials.service';
import { AccountLinksService } from './invitations/account-links.service';
import { InvitationsController, PasswordResetsController } from './invitations/account-links.controller';
import { SessionsController } from './sessions/sessions.controller';
import { AccountSessionsController } from './sessions/account-sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { TokensService } from './sessions/tokens.service';
import { UsersController } from './users/users.controller';
import { PeopleService } from './users/people.service';
import { UsersService } from './users/users.service';

/** Accounts, credentials, sessions and the global deny-by-default guard. */
@Module({
  imports: [JwtModule.register({})],
  controllers: [
    AuditController,
    AuthController,
    SessionsController,
    AccountSessionsController,
    InvitationsController,
    PasswordResetsController,
    UsersController,
  ],
  providers: [
    AuthService,
    SignInThrottle,
    DeviceCookies,
    CredentialsService,
    AccountLinksService,
    SessionsService,
    TokensService,
    UsersService,
    PeopleService,
    AccessTokens,
    AccessPassport,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    AccessTokens,
    AccessPassport,
    SessionsService,
    UsersService,
    PeopleService,
    AccountLinksService,
    CredentialsService,
  ],
})
export class IdentityModule {}
