import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '@liaison/platform';
import type { AuthUser } from '../auth/auth-user';
import { SessionsService } from '../sessions/sessions.service';
import { ACCESS_AUDIENCE, AccessClaims, TOKEN_ALGORITHMS, TOKEN_ISSUER } from '../sessions/tokens.service';

/**
 * Bearer access tokens: signature, algorithm, issuer, audience and expiry checked by passport-jwt; then the
 * session must still be live and the user active, read from PostgreSQL on every request so that a
 * revocation or a suspension takes effect at once, on every node.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.JWT_SECRET,
      algorithms: TOKEN_ALGORITHMS,
      issuer: TOKEN_ISSUER,
      audience: ACCESS_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims): Promise<AuthUser | false> {
    return (await this.sessions.authenticate(claims.sid, claims.sub)) ?? false;
  }
}
