import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { AppConfig, Clock } from '@liaison/platform';

export const TOKEN_ISSUER = 'liaison';
export const ACCESS_AUDIENCE = 'liaison-api';
/** A password-checked sign-in waiting for its second factor; never accepted as an access token. */
const MFA_AUDIENCE = 'liaison-mfa';
const MFA_TTL_SECONDS = 300;
export const TOKEN_ALGORITHMS = ['HS256' as const];

export interface AccessClaims {
  sub: string;
  sid: string;
  role: string;
}

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private now(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  async access(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const iat = this.now();
    const exp = iat + this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = await this.jwt.signAsync(
      { ...claims, iat, exp },
      { secret: this.config.JWT_SECRET, algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: ACCESS_AUDIENCE },
    );
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async mfa(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const iat = this.now();
    const exp = iat + MFA_TTL_SECONDS;
    const token = await this.jwt.signAsync(
      { sub: userId, iat, exp },
      {
        secret: this.config.JWT_SECRET,
        algorithm: 'HS256',
        issuer: TOKEN_ISSUER,
        audience: MFA_AUDIENCE,
        // Names this pending sign-in, so its wrong codes are counted and it can be voided.
        jwtid: randomUUID(),
      },
    );
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The pending sign-in and its user; 401 when it is forged, expired or not an MFA token. */
  async verifyMfa(token: string): Promise<{ userId: string; pendingId: string }> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; jti?: string }>(token, {
        secret: this.config.JWT_SECRET,
        algorithms: TOKEN_ALGORITHMS,
        issuer: TOKEN_ISSUER,
        audience: MFA_AUDIENCE,
        clockTimestamp: this.now(),
      });
      if (!payload.jti) throw new Error('no jti');
      return { userId: payload.sub, pendingId: payload.jti };
    } catch {
      throw new UnauthorizedException('Your sign-in has expired; enter your password again');
    }
  }
}
