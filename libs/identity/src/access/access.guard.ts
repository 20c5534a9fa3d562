import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { AppConfig, Clock } from '@liaison/platform';
import type { AuthUser } from '../auth/auth-user';
import { SessionsService } from '../sessions/sessions.service';
import { ACCESS_AUDIENCE, AccessClaims, TOKEN_ALGORITHMS, TOKEN_ISSUER } from '../sessions/tokens.service';
import type { Role } from '../users/role';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './access.decorators';

/**
 * The global guard: every route needs a valid access token unless marked @Public(), and a role listed by
 * @Roles() when it has one. The token's signature, algorithm, issuer, audience and expiry are checked, then
 * its session must still be live and its user active — read from PostgreSQL on every request, so that a
 * revocation or a suspension takes effect at once, on every node. Per-resource rules (404 for what you
 * cannot see, 403 for what you cannot do) are the services' policies.
 *
 * Not a passport strategy: passport keeps strategies in one process-wide registry, so two API instances
 * in one process (as the multi-node tests run them) would verify with each other's services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const user = await this.authenticate(request.get('authorization'));
    if (!user) throw new UnauthorizedException('Sign in to continue');
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(user.role)) throw new ForbiddenException('Your role does not allow this');
    return true;
  }

  /** The caller behind a `Bearer` access token, or null. */
  async authenticate(authorization: string | undefined): Promise<AuthUser | null> {
    const token = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization ?? '')?.[1];
    if (!token) return null;
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        secret: this.config.JWT_SECRET,
        algorithms: TOKEN_ALGORITHMS,
        issuer: TOKEN_ISSUER,
        audience: ACCESS_AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch {
      return null;
    }
    return this.sessions.authenticate(claims.sid, claims.sub);
  }
}
