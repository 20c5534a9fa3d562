import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SessionsService } from '@liaison/identity';
import { ClusterEvents } from '@liaison/platform';
import { call, cookieFrom, passwordStep, signIn } from '../support/auth';
import { User } from '../support/entities';
import { createUser } from '../support/factories';
import { closedPort } from '../support/net';
import { RunningApp, startApp } from '../support/test-app';

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe('identity: signing in', () => {
  let api: RunningApp;
  let second: RunningApp;

  beforeAll(async () => {
    // Both trust the loopback as a proxy so a test can speak from several client addresses.
    [api, second] = await Promise.all([
      startApp({ env: { TRUSTED_PROXIES: 'loopback' } }),
      startApp({ env: { TRUSTED_PROXIES: 'loopback' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([api.close(), second.close()]);
  });

  describe('password then TOTP', () => {
    it('signs in and knows who I am', async () => {
      const user = await createUser(api.app, 'focal_point');
      const { accessToken, refreshCookie } = await signIn(api, user);
      expect(refreshCookie).toMatch(/^liaison_refresh=[A-Za-z0-9_-]{43}$/);
      const me = await call(api, 'GET', '/api/auth/me', { token: accessToken });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: user.email, role: 'focal_point', recoveryCodesRemaining: 0 });
    });

    it('sets the refresh cookie httpOnly, Secure, SameSite=Strict, for the auth endpoints only', async () => {
      const user = await createUser(api.app, 'focal_point');
      const mfaToken = await passwordStep(api, user);
      const response = await call(api, 'POST', '/api/auth/sign-in/verify', { body: { mfaToken, code: user.code() } });
      const cookie = response.headers.getSetCookie()[0];
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/auth/);
      expect(JSON.stringify(await response.json())).not.toContain(cookieFrom(response).split('=')[1]);
    });

    it('answers a wrong password and an unknown account alike', async () => {
      const user = await createUser(api.app, 'focal_point');
      const wrong = await call(api, 'POST', '/api/auth/sign-in', {
        body: { email: user.email, password: 'Not-The-Password-9' },
      });
      const unknown = await call(api, 'POST', '/api/auth/sign-in', {
        body: { email: `nobody-${randomUUID()}@test.liaison.example`, password: 'Not-The-Password-9' },
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(await wrong.json()).toEqual({
        ...((await unknown.json()) as object),
        instance: '/api/auth/sign-in',
        requestId: expect.any(String),
      });
    });

    it('refuses a wrong TOTP code', async () => {
      const user = await createUser(api.app, 'focal_point');
      const mfaToken = await passwordStep(api, user);
      const wrongCode = String((Number(user.code()) + 1) % 1_000_000).padStart(6, '0');
      const response = await call(api, 'POST', '/api/auth/sign-in/verify', { body: { mfaToken, code: wrongCode } });
      expect(response.status).toBe(401);
    });

    it('refuses the same valid code a second time, also on a second API instance', async () => {
      const user = await createUser(api.app, 'focal_point');
      const code = user.code();
      const first = await call(api, 'POST', '/api/auth/sign-in/verify', {
        body: { mfaToken: await passwordStep(api, user), code },
      });
      expect(first.status).toBe(200);
      const sameNode = await call(api, 'POST', '/api/auth/sign-in/verify', {
        body: { mfaToken: await passwordStep(api, user), code },
      });
      expect(sameNode.status).toBe(401);
      const otherNode = await call(second, 'POST', '/api/auth/sign-in/verify', {
        body: { mfaToken: await passwordStep(second, user), code },
      });
      expect(otherNode.status).toBe(401);
      // The next time step's code still works.
      const next = await call(second, 'POST', '/api/auth/sign-in/verify', {
        body: { mfaToken: await passwordStep(second, user), code: user.code(later(30)) },
      });
      expect(next.status).toBe(200);
    });

    it('refuses an MFA token as an access token, and a forged one at the second step', async () => {
      const user = await createUser(api.app, 'focal_point');
      const mfaToken = await passwordStep(api, user);
      expect((await call(api, 'GET', '/api/auth/me', { token: mfaToken })).status).toBe(401);
      const [header, payload] = mfaToken.split('.');
      const forged = `${header}.${payload}.${'A'.repeat(43)}`;
      expect(
        (await call(api, 'POST', '/api/auth/sign-in/verify', { body: { mfaToken: forged, code: user.code() } })).status,
      ).toBe(401);
    });
  });

  describe('recovery codes', () => {
    it('a recovery code works once, and regenerating needs the password and a code', async () => {
      const user = await createUser(api.app, 'focal_point');
      const { accessToken } = await signIn(api, user);
      const missingReauth = await call(api, 'POST', '/api/auth/recovery-codes', {
        token: accessToken,
        body: { password: user.password },
      });
      expect(missingReauth.status).toBe(400);
      const badReauth = await call(api, 'POST', '/api/auth/recovery-codes', {
        token: accessToken,
        body: { password: 'Wrong-Password-123', code: user.code(later(30)) },
      });
      expect(badReauth.status).toBe(401);
      const regenerated = await call(api, 'POST', '/api/auth/recovery-codes', {
        token: accessToken,
        body: { password: user.password, code: user.code(later(30)) },
      });
      expect(regenerated.status).toBe(200);
      const { recoveryCodes } = (await regenerated.json()) as { recoveryCodes: string[] };
      expect(new Set(recoveryCodes).size).toBe(10);

      const useCode = async (recoveryCode: string) =>
        call(api, 'POST', '/api/auth/sign-in/verify', {
          body: { mfaToken: await passwordStep(api, user), recoveryCode },
        });
      expect((await useCode(recoveryCodes[0].toUpperCase())).status).toBe(200);
      expect((await useCode(recoveryCodes[0])).status).toBe(401);
      expect((await useCode(recoveryCodes[1])).status).toBe(200);
    });
  });

  describe('sessions and refresh tokens', () => {
    it('rotates the refresh token on every use', async () => {
      const user = await createUser(api.app, 'focal_point');
      const { refreshCookie } = await signIn(api, user);
      const first = await call(api, 'POST', '/api/auth/refresh', { cookie: refreshCookie });
      expect(first.status).toBe(200);
      const rotated = cookieFrom(first);
      expect(rotated).not.toBe(refreshCookie);
      const { accessToken } = (await first.json()) as { accessToken: string };
      expect((await call(api, 'GET', '/api/auth/me', { token: accessToken })).status).toBe(200);
      expect((await call(second, 'POST', '/api/auth/refresh', { cookie: rotated })).status).toBe(200);
    });

    it('a reused refresh token revokes the session: its access token is refused at once, on every node', async () => {
      const user = await createUser(api.app, 'focal_point');
      const { refreshCookie } = await signIn(api, user);
      const rotated = await call(api, 'POST', '/api/auth/refresh', { cookie: refreshCookie });
      const { accessToken } = (await rotated.json()) as { accessToken: string };
      const revoked = new Promise((resolve) =>
        second.app.get(ClusterEvents).on('identity.session-revoked', (event) => {
          if (event.userId === user.id) resolve(event.reason);
        }),
      );

      const replay = await call(api, 'POST', '/api/auth/refresh', { cookie: refreshCookie });
      expect(replay.status).toBe(401);
      await expect(revoked).resolves.toBe('refresh-token-reuse');
      expect((await call(api, 'GET', '/api/auth/me', { token: accessToken })).status).toBe(401);
      expect((await call(second, 'GET', '/api/auth/me', { token: accessToken })).status).toBe(401);
      // The thief's rotated token dies with the session too.
      expect((await call(api, 'POST', '/api/auth/refresh', { cookie: cookieFrom(rotated) })).status).toBe(401);
    });

    it('refuses a refresh from a foreign Origin', async () => {
      const user = await createUser(api.app, 'focal_point');
      const { refreshCookie } = await signIn(api, user);
      const response = await call(api, 'POST', '/api/auth/refresh', {
        cookie: refreshCookie,
        headers: { origin: 'https://evil.example' },
      });
      expect(response.status).toBe(403);
    });

    it('lists my sessions, revokes one, and signs out', async () => {
      const user = await createUser(api.app, 'focal_point');
      const phone = await signIn(api, user);
      const laptop = await signIn(api, user, later(30));
      const list = (await (await call(api, 'GET', '/api/sessions', { token: laptop.accessToken })).json()) as {
        id: string;
        current: boolean;
      }[];
      expect(list).toHaveLength(2);
      const phoneSession = list.find((session) => !session.current);
      expect(phoneSession).toBeDefined();

      expect(
        (await call(api, 'DELETE', `/api/sessions/${phoneSession?.id}`, { token: laptop.accessToken })).status,
      ).toBe(204);
      expect((await call(api, 'GET', '/api/auth/me', { token: phone.accessToken })).status).toBe(401);

      expect((await call(api, 'POST', '/api/auth/sign-out', { token: laptop.accessToken })).status).toBe(204);
      expect((await call(api, 'GET', '/api/auth/me', { token: laptop.accessToken })).status).toBe(401);
      expect((await call(api, 'POST', '/api/auth/refresh', { cookie: laptop.refreshCookie })).status).toBe(401);
    });

    it('changing the password needs re-authentication and ends my other sessions', async () => {
      const user = await createUser(api.app, 'focal_point');
      // Another device's session, opened directly so that this test needs only two TOTP codes.
      const stored = await api.app.get(DataSource).getRepository(User).findOneByOrFail({ id: user.id });
      const other = await api.app.get(SessionsService).open(stored, { ip: '192.0.2.1' });
      const current = await signIn(api, user);
      const tooCommon = await call(api, 'POST', '/api/auth/password', {
        token: current.accessToken,
        body: { currentPassword: user.password, code: user.code(later(30)), newPassword: 'password1234' },
      });
      expect(tooCommon.status).toBe(400);
      expect(((await tooCommon.json()) as { errors: { field: string }[] }).errors[0].field).toBe('newPassword');

      const changed = await call(api, 'POST', '/api/auth/password', {
        token: current.accessToken,
        body: { currentPassword: user.password, code: user.code(later(30)), newPassword: 'Anjouan-Moheli-Ferry-77' },
      });
      expect(changed.status).toBe(204);
      expect((await call(api, 'GET', '/api/auth/me', { token: other.accessToken })).status).toBe(401);
      expect((await call(api, 'GET', '/api/auth/me', { token: current.accessToken })).status).toBe(200);
      const oldPassword = await call(api, 'POST', '/api/auth/sign-in', {
        body: { email: user.email, password: user.password },
      });
      expect(oldPassword.status).toBe(401);
    });
  });

  describe('throttling', () => {
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const attempt = (app: RunningApp, email: string, password: string, ip: string) =>
      call(app, 'POST', '/api/auth/sign-in', { body: { email, password }, headers: from(ip) });

    it('locks an account and address pair after 5 failures, shared by two API instances, not the account elsewhere', async () => {
      const user = await createUser(api.app, 'focal_point');
      for (let failure = 0; failure < 5; failure++) {
        const node = failure % 2 ? second : api;
        expect((await attempt(node, user.email, 'Wrong-Password-000', '198.51.100.20')).status).toBe(401);
      }
      // Locked on both nodes, even with the right password.
      for (const node of [api, second]) {
        const locked = await attempt(node, user.email, user.password, '198.51.100.20');
        expect(locked.status).toBe(429);
        expect(((await locked.json()) as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(800);
      }
      // The real user, elsewhere, still gets in.
      expect((await attempt(api, user.email, user.password, '203.0.113.5')).status).toBe(200);
    }, 20_000);

    it('answers 503 while Redis is unreachable, never signing in unthrottled', async () => {
      const isolated = await startApp({ env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
      try {
        const user = await createUser(isolated.app, 'focal_point');
        const response = await call(isolated, 'POST', '/api/auth/sign-in', {
          body: { email: user.email, password: user.password },
        });
        expect(response.status).toBe(503);
      } finally {
        await isolated.close();
      }
    });

    it('locks an unknown address exactly as a known one, revealing nothing', async () => {
      const email = `nobody-${randomUUID()}@test.liaison.example`;
      for (let failure = 0; failure < 5; failure++) await attempt(api, email, 'Wrong-Password-000', '198.51.100.21');
      expect((await attempt(api, email, 'Wrong-Password-000', '198.51.100.21')).status).toBe(429);
    }, 20_000);
  });
});
