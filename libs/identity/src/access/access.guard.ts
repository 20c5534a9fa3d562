import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import type { Role } from '../users/role';
import { AccessTokens } from './access-tokens';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './access.decorators';

/**
 * The global guard: every route needs a valid access token unless marked @Public(), and a role listed by
 * @Roles() when it has one, checked by AccessTokens (shared with the socket handshake). Per-resource rules (404 for what you
 * cannot see, 403 for what you cannot do) are the services' policies.
 *
 * Not a passport strategy: passport keeps strategies in one process-wide registry, so two API instances
 * in one process (as the multi-node tests run them) would verify with each other's services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const bearer = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(request.get('authorization') ?? '')?.[1];
    const access = await this.tokens.check(bearer);
    if (!access.ok) throw new UnauthorizedException('Sign in to continue');
    request.user = access.user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(access.user.role)) throw new ForbiddenException('Your role does not allow this');
    return true;
  }
}
