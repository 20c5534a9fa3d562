import { ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import type { Role } from '../users/role';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './access.decorators';

/**
 * The global guard: every route needs a valid access token unless marked @Public(), and a role listed by
 * @Roles() when it has one. Per-resource rules (404 for what you cannot see, 403 for what you cannot do)
 * are the services' policies.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    await super.canActivate(context);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const user = context.switchToHttp().getRequest<Request & { user: AuthUser }>().user;
    if (roles && !roles.includes(user.role)) throw new ForbiddenException('Your role does not allow this');
    return true;
  }
}
