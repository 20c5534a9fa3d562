import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { call, signIn } from '../support/auth';
import { createUser } from '../support/factories';
import { RunningApp, startApp } from '../support/test-app';

/** Every route the running application serves, with whether it is marked @Public(). */
function routesOf(app: RunningApp): { method: string; path: string; isPublic: boolean }[] {
  const discovery = app.app.get(DiscoveryService);
  const scanner = app.app.get(MetadataScanner);
  const reflector = app.app.get(Reflector);
  return discovery.getControllers().flatMap((wrapper) => {
    const instance = wrapper.instance as object | undefined;
    const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!instance || !controller) return [];
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = Object.getPrototypeOf(instance) as Record<string, () => unknown>;
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) return [];
      const isPublic = Boolean(reflector.getAllAndOverride<boolean>('liaison:public', [handler, controller]));
      const full = `/${[prefix, path].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
      const routed = full.startsWith('/health/') ? full : `/api${full}`;
      return [{ method: RequestMethod[method], path: routed.replace(/:[A-Za-z]+/g, randomUUID()), isPublic }];
    });
  });
}

describe('identity: access control', () => {
  let api: RunningApp;

  beforeAll(async () => {
    api = await startApp({ modules: [DiscoveryModule] });
  });
  afterAll(() => api.close());

  it('answers 401 without a token on every route not marked public (routes read from the running app)', async () => {
    const routes = routesOf(api);
    const guarded = routes.filter((route) => !route.isPublic);
    expect(guarded.length).toBeGreaterThanOrEqual(12);
    expect(
      routes
        .filter((route) => route.isPublic)
        .map((route) => route.path)
        .sort(),
    ).toEqual(
      [
        '/api/auth/refresh',
        '/api/auth/sign-in',
        '/api/auth/sign-in/verify',
        '/api/invitations/accept',
        '/api/invitations/preview',
        '/api/password-resets/accept',
        '/api/password-resets/preview',
        '/health/live',
        '/health/ready',
      ].sort(),
    );
    for (const route of guarded) {
      const response = await call(api, route.method, route.path, { body: route.method === 'GET' ? undefined : {} });
      expect(`${route.method} ${route.path} ${response.status}`).toBe(`${route.method} ${route.path} 401`);
    }
  });

  it('refuses a token signed with another key, with alg none, or expired', async () => {
    const user = await createUser(api.app, 'focal_point');
    const { accessToken } = await signIn(api, user);
    const [header, payload] = accessToken.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    for (const token of [`${header}.${payload}.${'x'.repeat(43)}`, none]) {
      expect((await call(api, 'GET', '/api/auth/me', { token })).status).toBe(401);
    }
    const shortLived = await startApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '5' } });
    try {
      const { accessToken: expiring } = await signIn(shortLived, await createUser(shortLived.app, 'focal_point'));
      expect((await call(shortLived, 'GET', '/api/auth/me', { token: expiring })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 6000));
      expect((await call(shortLived, 'GET', '/api/auth/me', { token: expiring })).status).toBe(401);
    } finally {
      await shortLived.close();
    }
  }, 20_000);

  it('gives a focal point 403 on secretariat and admin routes', async () => {
    const focalPoint = await createUser(api.app, 'focal_point');
    const { accessToken } = await signIn(api, focalPoint);
    const someone = await createUser(api.app, 'focal_point');
    for (const [method, path, body] of [
      ['GET', '/api/users', undefined],
      ['POST', '/api/invitations', { email: 'x@test.liaison.example', role: 'focal_point', authorityId: randomUUID() }],
      ['POST', `/api/users/${someone.id}/suspend`, undefined],
      ['PATCH', `/api/users/${someone.id}/role`, { role: 'coordinator' }],
      ['POST', `/api/users/${someone.id}/reset-link`, undefined],
      ['GET', `/api/users/${someone.id}/reset-link`, undefined],
      ['GET', '/api/invitations', undefined],
      ['POST', `/api/invitations/${randomUUID()}/approve`, undefined],
      ['POST', `/api/invitations/${randomUUID()}/refuse`, undefined],
      ['POST', `/api/invitations/${randomUUID()}/resend`, undefined],
    ] as const) {
      expect(`${method} ${path} ${(await call(api, method, path, { token: accessToken, body })).status}`).toBe(
        `${method} ${path} 403`,
      );
    }
  });

  it('answers 404 for another user’s session, as if it did not exist', async () => {
    const me = await signIn(api, await createUser(api.app, 'focal_point'));
    const other = await createUser(api.app, 'focal_point');
    await signIn(api, other);
    const theirs = (await (
      await call(api, 'GET', '/api/sessions', {
        token: (await signIn(api, other, new Date(Date.now() + 30_000))).accessToken,
      })
    ).json()) as { id: string }[];
    for (const method of ['GET', 'DELETE']) {
      expect((await call(api, method, `/api/sessions/${theirs[0].id}`, { token: me.accessToken })).status).toBe(404);
    }
    expect((await call(api, 'GET', `/api/sessions/${randomUUID()}`, { token: me.accessToken })).status).toBe(404);
    const forged = await call(api, 'GET', '/api/sessions/not-a-uuid', { token: me.accessToken });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { errors: { field: string }[] }).errors[0].field).toBe('id');
  });

  describe('who may manage whom', () => {
    it('the secretariat manages focal points and coordinators, not admins or the secretariat', async () => {
      const secretariat = await signIn(api, await createUser(api.app, 'secretariat'));
      const admin = await createUser(api.app, 'admin');
      const focalPoint = await createUser(api.app, 'focal_point');
      const token = secretariat.accessToken;

      const promote = (id: string, role: string) =>
        call(api, 'PATCH', `/api/users/${id}/role`, { token, body: { role } });
      expect((await promote(focalPoint.id, 'coordinator')).status).toBe(200);
      expect((await promote(focalPoint.id, 'secretariat')).status).toBe(403);
      expect((await promote(focalPoint.id, 'admin')).status).toBe(403);
      expect((await promote(admin.id, 'focal_point')).status).toBe(403);
      const invite = (role: string) =>
        call(api, 'POST', '/api/invitations', { token, body: { email: `${randomUUID()}@test.liaison.example`, role } });
      expect((await invite('secretariat')).status).toBe(403);
      expect((await invite('admin')).status).toBe(403);
      expect((await call(api, 'POST', `/api/users/${admin.id}/suspend`, { token })).status).toBe(403);
      expect((await call(api, 'POST', `/api/users/${admin.id}/reset-link`, { token })).status).toBe(403);
      expect((await call(api, 'GET', `/api/users/${admin.id}/reset-link`, { token })).status).toBe(403);
    });

    it('only an admin grants the secretariat role', async () => {
      const admin = await signIn(api, await createUser(api.app, 'admin'));
      const focalPoint = await createUser(api.app, 'focal_point');
      const response = await call(api, 'PATCH', `/api/users/${focalPoint.id}/role`, {
        token: admin.accessToken,
        body: { role: 'secretariat' },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { role: string }).role).toBe('secretariat');
    });

    it('suspension ends every session at once; reinstatement lets the user sign in again', async () => {
      const secretariat = await signIn(api, await createUser(api.app, 'secretariat'));
      const user = await createUser(api.app, 'coordinator');
      const session = await signIn(api, user);
      const suspended = await call(api, 'POST', `/api/users/${user.id}/suspend`, { token: secretariat.accessToken });
      expect(((await suspended.json()) as { status: string }).status).toBe('suspended');
      expect((await call(api, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
      expect((await call(api, 'POST', '/api/auth/refresh', { cookie: session.refreshCookie })).status).toBe(401);
      expect(
        (await call(api, 'POST', '/api/auth/sign-in', { body: { email: user.email, password: user.password } })).status,
      ).toBe(401);

      await call(api, 'POST', `/api/users/${user.id}/reinstate`, { token: secretariat.accessToken });
      await expect(signIn(api, user, new Date(Date.now() + 30_000))).resolves.toBeDefined();
    });
  });
});
