import './identity-events';

export { IdentityModule } from './identity.module';
export { IdentityHttpModule } from './identity-http.module';
export { identityEntities } from './identity-entities';
export type {
  AccountLinkCreated,
  AccountLinkReleased,
  CredentialsReset,
  InvitationDecided,
  InvitationAccepted,
  RoleChanged,
  SecondFactorCapped,
  SessionRevoked,
  UserSuspended,
} from './identity-events';
export { CurrentUser, Public, Roles, SignedIn } from './access/access.decorators';
export type { AuthUser } from './auth/auth-user';
export { ROLES, GLOBAL_ROLES, canManageRole, canChangeRole } from '@liaison/contracts';
export type { Role } from '@liaison/contracts';
export type { UserStatus } from './users/user.entity';
export { PeopleService } from './users/people.service';
export type { PeopleFilter, Person, PersonChanges } from './users/people.service';
export { SessionsService } from './sessions/sessions.service';
export { AccessTokens } from './access/access-tokens.service';
export { AccessPassport } from './access/access-passport.service';
export type { AccessCheck, AccessRefusal } from './access/access-tokens.service';
export { UsersService } from './users/users.service';
export { AccountLinksService } from './links/account-links.service';
export { InvitationsService } from './invitations/invitations.service';
export type { LinkState, NewInvitation } from './links/account-links.service';
export { LinkStateDto } from './links/account-links.dto';
export { displayNameProblem, IsDisplayName } from './users/display-name';
export { hashPassword, passwordProblem } from './credentials/passwords';
export { newTotpSecret, totpCode, TOTP_SECRET_CONTEXT, totpSecretContext } from './credentials/totp';
