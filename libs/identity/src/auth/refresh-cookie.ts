import type { Request, Response } from 'express';
import type { IssuedSession } from '../sessions/sessions.service';
import { SignedInDto, UserView } from './auth.dto';

export const REFRESH_COOKIE = 'liaison_refresh';
/** Sent only to the endpoints that use it. */
const COOKIE_PATH = '/api/auth';

/** Puts the refresh token in its cookie and returns what the client may see. */
export function signedIn(response: Response, issued: IssuedSession): SignedInDto {
  response.cookie(REFRESH_COOKIE, issued.refreshToken, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: COOKIE_PATH,
    expires: issued.sessionExpiresAt,
  });
  return {
    accessToken: issued.accessToken,
    accessTokenExpiresAt: issued.accessTokenExpiresAt,
    sessionExpiresAt: issued.sessionExpiresAt,
    user: UserView.of(issued.user),
  };
}

export function clearRefreshCookie(response: Response): void {
  response.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: COOKIE_PATH });
}

export function refreshCookieOf(request: Request): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
