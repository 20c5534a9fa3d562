import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import type { Role } from '@liaison/contracts';
import { AccessPassport } from './access-passport.service';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './access.decorators';

/**
 * The global guard: every route needs a valid access token unless marked @Public(), and a role listed by
 * @Roles() when it has one, checked by the application's passport strategy (shared with the socket
 * handshake; see AccessPassport). Per-resource rules (404 for what you cannot see, 403 for what you cannot
 * do) are the services' policies.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly passport: AccessPassport,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const access = await this.passport.authenticate(request);
    if (!access.ok) throw new UnauthorizedException('Sign in to continue');
    request.user = access.user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(access.user.role)) throw new ForbiddenException('Your role does not allow this');
    return true;
  }
}
