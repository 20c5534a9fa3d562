import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@liaison/platform';
import { sha256 } from '../credentials/secrets';

const PREFIX = 'liaison_device_';
const COOKIE_PATH = '/api/auth';
const LIFETIME_DAYS = 180;

/**
 * The OWASP device cookie: a browser that once completed both sign-in steps for an account gets an opaque,
 * signed cookie for that account (`<user id>.<nonce>.<HMAC>`, httpOnly, SameSite=Strict, sent to the auth
 * endpoints only). Holding it exempts that browser, for that account only, from the account+address and
 * address lock-outs that strangers trigger, so an attacker behind a shared ministry address cannot shut
 * out colleagues who signed in there before. It proves nothing else: the password and the code are still
 * needed, and the per-account limits still apply.
 */
@Injectable()
export class DeviceCookies {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    // A key of its own, derived from the token secret, so a device cookie can never pass for a token.
    this.key = createHmac('sha256', config.JWT_SECRET).update('liaison device cookie v1').digest();
  }

  /** One cookie per account, so one browser can be trusted for several accounts. */
  private nameFor(userId: string): string {
    return `${PREFIX}${sha256(userId).slice(0, 16)}`;
  }

  private sign(userId: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`${userId}.${nonce}`).digest('base64url');
  }

  set(response: Response, userId: string): void {
    const nonce = randomBytes(16).toString('base64url');
    response.cookie(this.nameFor(userId), `${userId}.${nonce}.${this.sign(userId, nonce)}`, {
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: COOKIE_PATH,
      maxAge: LIFETIME_DAYS * 24 * 3_600_000,
    });
  }

  /** Whether the request carries a genuine device cookie of this account. */
  trusted(request: Request, userId: string | undefined): boolean {
    if (!userId) return false;
    const value = (request.cookies as Record<string, unknown> | undefined)?.[this.nameFor(userId)];
    if (typeof value !== 'string') return false;
    const [owner, nonce, signature, ...rest] = value.split('.');
    if (rest.length > 0 || owner !== userId || !nonce || !signature) return false;
    const expected = Buffer.from(this.sign(owner, nonce));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
