import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Passport } from 'passport';
import { Strategy as CustomStrategy } from 'passport-custom';
import { AccessCheck, AccessTokens } from './access-tokens.service';

const STRATEGY = 'liaison-access';

/** The token of `Authorization: Bearer …`, the only place the strategy reads one from. */
export function bearerOf(request: Pick<Request, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  return /^Bearer ([A-Za-z0-9_.-]+)$/.exec(typeof header === 'string' ? header : '')?.[1];
}

/**
 * passport, with one strategy: the access token and its live session, checked by AccessTokens. HTTP requests
 * (the access guard) and socket handshakes (the realtime gateway) both authenticate through it, so there is
 * one check for both.
 *
 * The strategy lives on an Authenticator of this application's own (`new Passport()`), never on passport's
 * process-wide default instance, which is also why @nestjs/passport is not used (its PassportStrategy
 * registers on that global instance): two API instances in one process — the multi-node tests — would
 * otherwise verify tokens with each other's services.
 */
@Injectable()
export class AccessPassport {
  private readonly passport = new Passport();

  constructor(tokens: AccessTokens) {
    this.passport.use(
      STRATEGY,
      new CustomStrategy((request, done) => {
        tokens.check(bearerOf(request)).then(
          (access) => (access.ok ? done(null, access) : done(null, false, access)),
          (error: unknown) => done(error),
        );
      }),
    );
  }

  /** Runs the strategy on a request: the caller and its token's expiry, or why it was refused. */
  authenticate(request: Pick<Request, 'headers'>): Promise<AccessCheck> {
    return new Promise((resolve, reject) => {
      const middleware = this.passport.authenticate(
        STRATEGY,
        { session: false },
        (error: unknown, access: AccessCheck | false, refusal: AccessCheck | undefined) => {
          if (error) reject(error instanceof Error ? error : new Error(String(error)));
          else resolve(access || refusal || { ok: false, reason: 'token-invalid' });
        },
      ) as (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
      // With a callback, passport neither writes to the response nor calls next on success or failure.
      middleware(request, {} as Response, (error?: unknown) => reject(error ?? new Error('passport called next')));
    });
  }

  /** A socket handshake's token, presented to the same strategy as an HTTP request would present it. */
  authenticateToken(token: string | undefined): Promise<AccessCheck> {
    return this.authenticate({ headers: token ? { authorization: `Bearer ${token}` } : {} });
  }
}
