import { randomUUID } from 'node:crypto';
import { totpCode } from '@liaison/identity';
import { DomainEvents } from '@liaison/platform';
import { call, cookieFrom, signIn } from '../support/auth';
import { connectAs } from '../support/database';
import { createDirectoryFixture, DirectoryFixture } from '../support/directory';
import { createUser, TestUser } from '../support/factories';
import { RunningApp, startApp } from '../support/test-app';

interface Preview {
  email: string;
  role: string | null;
  totp: { secret: string; otpauthUrl: string; qrDataUrl: string };
}

const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '');

describe('identity: invitations and resets', () => {
  let api: RunningApp;
  let admin: TestUser;
  let adminToken: string;
  let directory: DirectoryFixture;
  const secrets: string[] = [];

  beforeAll(async () => {
    api = await startApp();
    admin = await createUser(api.app, 'admin');
    adminToken = (await signIn(api, admin)).accessToken;
    directory = await createDirectoryFixture(api, adminToken);
  });
  afterAll(() => api.close());

  async function invite(role = 'focal_point') {
    const email = `invitee-${randomUUID().slice(0, 8)}@test.liaison.example`;
    const response = await call(api, 'POST', '/api/invitations', {
      token: adminToken,
      body: { email, role, authorityId: directory.authorityId, networkIds: [directory.networkId] },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { url: string; expiresAt: string };
    secrets.push(tokenOf(body.url));
    return { email, token: tokenOf(body.url), ...body };
  }

  const preview = async (kind: 'invitations' | 'password-resets', token: string) =>
    call(api, 'POST', `/api/${kind}/preview`, { body: { token } });

  it('invites with a single-use, 72-hour link whose token never appears in a URL path or query', async () => {
    const published: { url: string }[] = [];
    api.app.get(DomainEvents).on('identity.account-link-created', (event) => {
      published.push(event);
    });
    const invitation = await invite();
    expect(invitation.url).toMatch(/^http:\/\/localhost:3000\/invitation#token=[A-Za-z0-9_-]{43}$/);
    const hours = (new Date(invitation.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    expect(published.map((event) => event.url)).toContain(invitation.url);
    const stored = await connectAs('app', (client) =>
      client.query('SELECT token_hash FROM account_links WHERE email = $1', [invitation.email]),
    );
    expect(stored.rows[0].token_hash).not.toContain(invitation.token);
  });

  it('accepts an invitation with a password and a TOTP enrolment, once', async () => {
    const invitation = await invite('coordinator');
    const shown = await preview('invitations', invitation.token);
    expect(shown.status).toBe(200);
    const { totp, email, role } = (await shown.json()) as Preview;
    expect({ email, role }).toEqual({ email: invitation.email, role: 'coordinator' });
    expect(totp.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(totp.otpauthUrl).toContain(`secret=${totp.secret}`);
    secrets.push(totp.secret);

    const body = {
      token: invitation.token,
      displayName: 'Aïcha Maïga',
      password: 'Bamako-Niamey-Route-2010',
      totpSecret: totp.secret,
    };
    const weak = await call(api, 'POST', '/api/invitations/accept', {
      body: { ...body, password: 'qwerty123456', totpCode: totpCode(totp.secret, new Date()) },
    });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { errors: { field: string }[] }).errors).toEqual([
      { field: 'password', message: 'is too common; choose another' },
    ]);
    const badCode = await call(api, 'POST', '/api/invitations/accept', { body: { ...body, totpCode: '000000' } });
    expect(((await badCode.json()) as { errors: { field: string }[] }).errors[0].field).toBe('totpCode');

    const accepted = await call(api, 'POST', '/api/invitations/accept', {
      body: { ...body, totpCode: totpCode(totp.secret, new Date()) },
    });
    expect(accepted.status).toBe(201);
    const result = (await accepted.json()) as {
      accessToken: string;
      recoveryCodes: string[];
      user: { role: string; authorityId: string };
    };
    expect(result.recoveryCodes).toHaveLength(10);
    expect(result.user).toMatchObject({ role: 'coordinator', authorityId: directory.authorityId });
    expect(cookieFrom(accepted)).toMatch(/^liaison_refresh=/);
    // The TOTP secret is stored encrypted, never as the secret itself.
    const stored = await connectAs('app', (client) =>
      client.query<{ totp_secret: string }>('SELECT totp_secret FROM users WHERE email = $1', [invitation.email]),
    );
    expect(stored.rows[0].totp_secret).toMatch(/^v1\./);
    expect(stored.rows[0].totp_secret).not.toContain(totp.secret);
    expect((await call(api, 'GET', '/api/auth/me', { token: result.accessToken })).status).toBe(200);

    const again = await call(api, 'POST', '/api/invitations/accept', {
      body: { ...body, totpCode: totpCode(totp.secret, new Date(Date.now() + 30_000)) },
    });
    expect(again.status).toBe(410);
    expect((await preview('invitations', invitation.token)).status).toBe(410);
  });

  it('refuses a forged token, an expired link, and a reset token used as an invitation', async () => {
    expect((await preview('invitations', 'A'.repeat(43))).status).toBe(404);
    const expired = await invite();
    await connectAs('owner', (client) =>
      client.query("UPDATE account_links SET expires_at = now() - interval '1 minute' WHERE email = $1", [
        expired.email,
      ]),
    );
    const response = await preview('invitations', expired.token);
    expect(response.status).toBe(410);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/expired/);

    const user = await createUser(api.app, 'focal_point');
    const reset = (await (
      await call(api, 'POST', `/api/users/${user.id}/reset-link`, { token: adminToken })
    ).json()) as { url: string };
    secrets.push(tokenOf(reset.url));
    expect((await preview('invitations', tokenOf(reset.url))).status).toBe(404);
  });

  it('a reset link sets a new password and TOTP and ends every session', async () => {
    const user = await createUser(api.app, 'focal_point');
    const before = await signIn(api, user);
    const issued = await call(api, 'POST', `/api/users/${user.id}/reset-link`, { token: adminToken });
    expect(issued.status).toBe(201);
    const token = tokenOf(((await issued.json()) as { url: string }).url);
    secrets.push(token);
    const { totp } = (await (await preview('password-resets', token)).json()) as Preview;
    const accepted = await call(api, 'POST', '/api/password-resets/accept', {
      body: {
        token,
        password: 'Moroni-Mutsamudu-Ferry-88',
        totpSecret: totp.secret,
        totpCode: totpCode(totp.secret, new Date()),
      },
    });
    expect(accepted.status).toBe(200);
    expect((await call(api, 'GET', '/api/auth/me', { token: before.accessToken })).status).toBe(401);
    expect(
      (await call(api, 'POST', '/api/auth/sign-in', { body: { email: user.email, password: user.password } })).status,
    ).toBe(401);
    expect(
      (
        await call(api, 'POST', '/api/auth/sign-in', {
          body: { email: user.email, password: 'Moroni-Mutsamudu-Ferry-88' },
        })
      ).status,
    ).toBe(200);
    const reused = await call(api, 'POST', '/api/password-resets/accept', {
      body: {
        token,
        password: 'Another-Strong-Pass-99',
        totpSecret: totp.secret,
        totpCode: totpCode(totp.secret, new Date(Date.now() + 30_000)),
      },
    });
    expect(reused.status).toBe(410);
  });

  it('audits every account action, and no entry holds a password, token or code', async () => {
    const { rows } = await connectAs('app', (client) =>
      client.query<{ action: string }>('SELECT DISTINCT action FROM audit_log'),
    );
    const actions = rows.map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'invitation.created',
        'invitation.accepted',
        'auth.totp-enrolled',
        'reset.issued',
        'reset.completed',
        'auth.totp-reset',
        'auth.signed-in',
        'auth.sign-in-failed',
      ]),
    );
    const all = await connectAs('app', (client) =>
      client.query<{ row: string }>('SELECT row_to_json(audit_log)::text AS row FROM audit_log'),
    );
    const text = all.rows.map((row) => row.row).join('\n');
    for (const secret of [...secrets, admin.password, 'Bamako-Niamey-Route-2010', 'Moroni-Mutsamudu-Ferry-88']) {
      expect(text).not.toContain(secret);
    }
  });
});
