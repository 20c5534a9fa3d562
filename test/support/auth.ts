import type { RunningApp } from './test-app';
import type { TestUser } from './factories';

export interface SignedIn {
  accessToken: string;
  /** `liaison_refresh=…`, ready for a Cookie header */
  refreshCookie: string;
  body: { accessToken: string; sessionExpiresAt: string; user: { id: string; role: string } };
}

export function cookieFrom(response: Response, name = 'liaison_refresh'): string {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
  if (!cookie) throw new Error(`no ${name} cookie in the response`);
  return cookie.split(';')[0];
}

export async function call(
  app: RunningApp,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** Password step only: the MFA token. */
export async function passwordStep(
  app: RunningApp,
  user: Pick<TestUser, 'email' | 'password'>,
  headers?: Record<string, string>,
): Promise<string> {
  const response = await call(app, 'POST', '/api/auth/sign-in', {
    body: { email: user.email, password: user.password },
    headers,
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { mfaToken: string }).mfaToken;
}

/** Both steps, with the TOTP code for `at` (each code is accepted once per user). */
export async function signIn(app: RunningApp, user: TestUser, at = new Date()): Promise<SignedIn> {
  const mfaToken = await passwordStep(app, user);
  const response = await call(app, 'POST', '/api/auth/sign-in/verify', { body: { mfaToken, code: user.code(at) } });
  if (response.status !== 200) throw new Error(`verify answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as SignedIn['body'];
  return { accessToken: body.accessToken, refreshCookie: cookieFrom(response), body };
}
