import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, Clock } from '@liaison/platform';
import type { AuthUser } from '../auth/auth-user';
import { SessionsService } from '../sessions/sessions.service';
import { ACCESS_AUDIENCE, AccessClaims, TOKEN_ALGORITHMS, TOKEN_ISSUER } from '../sessions/tokens.service';

export type AccessRefusal = 'token-missing' | 'token-invalid' | 'token-expired' | 'session-ended';

export type AccessCheck = { ok: true; user: AuthUser; expiresAt: Date } | { ok: false; reason: AccessRefusal };

/**
 * Checks an access token the same way for HTTP and for sockets: signature, algorithm, issuer, audience and
 * expiry, then a live session of an active user read from PostgreSQL, so a revocation or a suspension takes
 * effect at once on every node.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async check(token: string | undefined): Promise<AccessCheck> {
    if (!token) return { ok: false, reason: 'token-missing' };
    let claims: AccessClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync<AccessClaims & { exp: number }>(token, {
        secret: this.config.JWT_SECRET,
        algorithms: TOKEN_ALGORITHMS,
        issuer: TOKEN_ISSUER,
        audience: ACCESS_AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch (error) {
      return { ok: false, reason: (error as Error).name === 'TokenExpiredError' ? 'token-expired' : 'token-invalid' };
    }
    const user = await this.sessions.authenticate(claims.sid, claims.sub);
    if (!user) return { ok: false, reason: 'session-ended' };
    return { ok: true, user, expiresAt: new Date(claims.exp * 1000) };
  }
}
