import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import type { Role } from '@liaison/contracts';

export const PUBLIC_ROUTE = 'liaison:public';
export const REQUIRED_ROLES = 'liaison:roles';

/** Open to anyone, signed in or not. Everything else needs a valid access token (deny by default). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Signed in with one of these roles; any other signed-in user gets 403. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse(),
    ApiForbiddenResponse(),
  );

/** Signed in, any role. */
export const SignedIn = () => applyDecorators(ApiBearerAuth(), ApiUnauthorizedResponse());

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
  if (!user) throw new Error('CurrentUser on a public route');
  return user;
});
