import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokens } from './access/access-tokens.service';
import { AccessPassport } from './access/access-passport.service';
import { AuthService } from './auth/auth.service';
import { SignInThrottle } from './auth/sign-in-throttle.service';
import { DeviceCookies } from './auth/device-cookies.service';
import { CredentialsService } from './credentials/credentials.service';
import { AccountLinksService } from './links/account-links.service';
import { InvitationsService } from './invitations/invitations.service';
import { PasswordResetsService } from './password-resets/password-resets.service';
import { SessionsService } from './sessions/sessions.service';
import { TokensService } from './sessions/tokens.service';
import { PeopleService } from './users/people.service';
import { UsersService } from './users/users.service';

/** Accounts, credentials and sessions: the core every process loads. */
@Module({
  imports: [JwtModule.register({})],
  providers: [
    AuthService,
    SignInThrottle,
    DeviceCookies,
    CredentialsService,
    AccountLinksService,
    InvitationsService,
    PasswordResetsService,
    SessionsService,
    TokensService,
    UsersService,
    PeopleService,
    AccessTokens,
    AccessPassport,
  ],
  exports: [
    AccessTokens,
    AccessPassport,
    AuthService,
    DeviceCookies,
    SessionsService,
    UsersService,
    PeopleService,
    AccountLinksService,
    InvitationsService,
    PasswordResetsService,
    CredentialsService,
  ],
})
export class IdentityModule {}
