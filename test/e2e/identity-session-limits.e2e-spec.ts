import { DataSource } from 'typeorm';
import { call, cookieFrom, signIn } from '../support/auth';
import { createUser } from '../support/factories';
import { RunningApp, startApp } from '../support/test-app';

describe('identity: sessions end when nobody is there', () => {
  let api: RunningApp;

  beforeAll(async () => {
    api = await startApp();
  });
  afterAll(async () => {
    await api.close();
  });

  /** Time passes for one session: its last activity (or its end) moves into the past. */
  const age = (sessionId: string, column: 'last_used_at' | 'expires_at', minutes: number) =>
    api.app
      .get(DataSource)
      .query(`UPDATE sessions SET ${column} = now() - make_interval(mins => $2) WHERE id = $1`, [sessionId, minutes]);
  const lastUsed = async (sessionId: string): Promise<number> => {
    const [row] = await api.app
      .get(DataSource)
      .query<{ at: Date }[]>('SELECT last_used_at AS at FROM sessions WHERE id = $1', [sessionId]);
    return row.at.getTime();
  };
  const sessionOf = async (token: string) =>
    ((await (await call(api, 'GET', '/api/auth/me', { token })).json()) as { sessionId: string }).sessionId;

  it('ends a session after 30 minutes without activity and says so', async () => {
    const user = await createUser(api.app, 'focal_point');
    const session = await signIn(api, user);
    const sessionId = await sessionOf(session.accessToken);
    await age(sessionId, 'last_used_at', 31);
    expect((await call(api, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
    const refresh = await call(api, 'POST', '/api/auth/refresh', {
      cookie: session.refreshCookie,
      headers: { 'x-liaison-activity': 'user' },
    });
    expect(refresh.status).toBe(401);
    expect(await refresh.json()).toMatchObject({ type: '/problems/session-ended', reason: 'idle' });
  });

  it('does not count the timed refresh as activity, only a refresh that says the person did something', async () => {
    const user = await createUser(api.app, 'focal_point');
    const session = await signIn(api, user);
    const sessionId = await sessionOf(session.accessToken);
    await age(sessionId, 'last_used_at', 20);
    const before = await lastUsed(sessionId);
    const timed = await call(api, 'POST', '/api/auth/refresh', { cookie: session.refreshCookie });
    expect(timed.status).toBe(200);
    expect(await lastUsed(sessionId)).toBe(before);
    const active = await call(api, 'POST', '/api/auth/refresh', {
      cookie: cookieFrom(timed),
      headers: { 'x-liaison-activity': 'user' },
    });
    expect(active.status).toBe(200);
    expect(await lastUsed(sessionId)).toBeGreaterThan(before + 19 * 60_000);
  });

  it('ends every session 12 hours after sign-in, however active', async () => {
    const user = await createUser(api.app, 'focal_point');
    const session = await signIn(api, user);
    const lifetime = new Date(session.body.sessionExpiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(11.9 * 3_600_000);
    expect(lifetime).toBeLessThanOrEqual(12 * 3_600_000);
    await age(await sessionOf(session.accessToken), 'expires_at', 1);
    const refresh = await call(api, 'POST', '/api/auth/refresh', {
      cookie: session.refreshCookie,
      headers: { 'x-liaison-activity': 'user' },
    });
    expect(refresh.status).toBe(401);
    expect(await refresh.json()).toMatchObject({ reason: 'expired' });
  });

  it('lets admins and the secretariat end any session of an account they manage, and nobody else', async () => {
    const admin = await createUser(api.app, 'admin');
    const secretariat = await createUser(api.app, 'secretariat');
    const focal = await createUser(api.app, 'focal_point');
    const otherAdmin = await createUser(api.app, 'admin');
    const [adminSession, secretariatSession, focalSession, otherAdminSession] = await Promise.all([
      signIn(api, admin),
      signIn(api, secretariat),
      signIn(api, focal),
      signIn(api, otherAdmin),
    ]);
    const focalSessionId = await sessionOf(focalSession.accessToken);

    // A focal point cannot end anyone's session; the secretariat cannot end an admin's.
    expect(
      (
        await call(api, 'DELETE', `/api/users/${focal.id}/sessions/${focalSessionId}`, {
          token: (await signIn(api, await createUser(api.app, 'focal_point'))).accessToken,
        })
      ).status,
    ).toBe(403);
    const adminSessionId = await sessionOf(otherAdminSession.accessToken);
    expect(
      (
        await call(api, 'DELETE', `/api/users/${otherAdmin.id}/sessions/${adminSessionId}`, {
          token: secretariatSession.accessToken,
        })
      ).status,
    ).toBe(403);

    const listed = await call(api, 'GET', `/api/users/${focal.id}/sessions`, { token: secretariatSession.accessToken });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { id: string }[]).map((row) => row.id)).toEqual([focalSessionId]);
    const ended = await call(api, 'DELETE', `/api/users/${focal.id}/sessions/${focalSessionId}`, {
      token: secretariatSession.accessToken,
    });
    expect(ended.status).toBe(204);
    expect((await call(api, 'GET', '/api/auth/me', { token: focalSession.accessToken })).status).toBe(401);
    // An admin ends another admin's session.
    expect(
      (
        await call(api, 'DELETE', `/api/users/${otherAdmin.id}/sessions/${adminSessionId}`, {
          token: adminSession.accessToken,
        })
      ).status,
    ).toBe(204);
    expect((await call(api, 'GET', '/api/auth/me', { token: otherAdminSession.accessToken })).status).toBe(401);
    // A session of another account is not found under this one.
    expect(
      (
        await call(api, 'DELETE', `/api/users/${focal.id}/sessions/${adminSessionId}`, {
          token: adminSession.accessToken,
        })
      ).status,
    ).toBe(404);
  });
});
