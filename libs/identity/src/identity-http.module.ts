import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access/access.guard';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { InvitationsController } from './invitations/invitations.controller';
import { PasswordResetsController } from './password-resets/password-resets.controller';
import { SessionsController } from './sessions/sessions.controller';
import { UsersController } from './users/users.controller';
import { IdentityModule } from './identity.module';

/** Identity's routes, and the global deny-by-default guard every route of the API passes (API only). */
@Module({
  imports: [IdentityModule],
  controllers: [
    AuditController,
    AuthController,
    SessionsController,
    InvitationsController,
    PasswordResetsController,
    UsersController,
  ],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class IdentityHttpModule {}
