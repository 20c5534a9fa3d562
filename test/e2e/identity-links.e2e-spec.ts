import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TOTP_SECRET_CONTEXT, totpCode } from '@liaison/identity';
import { Keyring, KeyRotation } from '@liaison/platform';
import { call, cookieFrom, passwordStep, signIn } from '../support/auth';
import { connectAs, storedRows } from '../support/database';
import { createDirectoryFixture, DirectoryFixture } from '../support/directory';
import { User } from '../support/entities';
import { createUser, TestUser } from '../support/factories';
import { mailedLink, startAppWithMail, TestSmtpServer } from '../support/mail';
import { eventually } from '../support/queues';
import type { RunningApp } from '../support/test-app';

jest.setTimeout(60_000);

interface Preview {
  email: string;
  role: string | null;
  expiresAt: string;
  totp: { secret: string; otpauthUrl: string; qrDataUrl: string };
}

interface LinkState {
  id: string;
  kind: string;
  email: string;
  status: string;
  sentAt: string | null;
  expiresAt: string | null;
}

describe('identity: invitations and resets', () => {
  let api: RunningApp;
  let smtp: TestSmtpServer;
  let close: () => Promise<void>;
  let admin: TestUser;
  let adminToken: string;
  let directory: DirectoryFixture;
  const secrets: string[] = [];

  beforeAll(async () => {
    ({ api, smtp, close } = await startAppWithMail());
    admin = await createUser(api.app, 'admin');
    adminToken = (await signIn(api, admin)).accessToken;
    directory = await createDirectoryFixture(api, adminToken);
  });
  afterAll(() => close());

  const newAddress = () => `invitee-${randomUUID().slice(0, 8)}@test.liaison.example`;

  async function invite(role = 'focal_point', email = newAddress()) {
    const response = await call(api, 'POST', '/api/invitations', {
      token: adminToken,
      body: { email, role, authorityId: directory.authorityId, networkIds: [directory.networkId] },
    });
    expect(response.status).toBe(201);
    const text = await response.text();
    const link = await mailedLink(smtp, email);
    secrets.push(link.token);
    return { email, text, state: JSON.parse(text) as LinkState, ...link };
  }

  const preview = async (kind: 'invitations' | 'password-resets', token: string) =>
    call(api, 'POST', `/api/${kind}/preview`, { body: { token } });

  const previewOf = async (kind: 'invitations' | 'password-resets', token: string) => {
    const response = await preview(kind, token);
    expect(response.status).toBe(200);
    const shown = (await response.json()) as Preview;
    secrets.push(shown.totp.secret);
    return shown;
  };

  const state = async (path: string, token = adminToken) => {
    const response = await call(api, 'GET', path, { token });
    expect(response.status).toBe(200);
    return response.json() as Promise<unknown>;
  };

  it('never shows a one-time link to its issuer: the responses and lists hold no token, only its state', async () => {
    const invitation = await invite();
    expect(invitation.url).toMatch(/^http:\/\/localhost:3000\/invitation#token=[A-Za-z0-9_-]{43}$/);
    expect(invitation.text).not.toContain(invitation.token);
    expect(invitation.text).not.toMatch(/token|#|\/invitation/i);
    expect(invitation.state).toMatchObject({ kind: 'invitation', email: invitation.email, status: 'pending' });
    const listed = JSON.stringify(await state('/api/invitations'));
    expect(listed).toContain(invitation.email);
    expect(listed).not.toContain(invitation.token);

    const user = await createUser(api.app, 'focal_point');
    const reset = await call(api, 'POST', `/api/users/${user.id}/reset-link`, { token: adminToken });
    expect(reset.status).toBe(201);
    const resetText = await reset.text();
    const resetLink = await mailedLink(smtp, user.email);
    secrets.push(resetLink.token);
    expect(resetText).not.toContain(resetLink.token);
    expect(resetText).not.toMatch(/token|#|\/reset/i);
    expect(JSON.stringify(await state(`/api/users/${user.id}/reset-link`))).not.toContain(resetLink.token);

    const email = newAddress();
    const network = await call(api, 'POST', `/api/networks/${directory.networkId}/invitations`, {
      token: adminToken,
      body: { email, authorityId: directory.authorityId },
    });
    expect(network.status).toBe(201);
    const networkText = await network.text();
    const networkLink = await mailedLink(smtp, email);
    secrets.push(networkLink.token);
    expect(networkText).not.toContain(networkLink.token);
    expect(networkText).not.toMatch(/token|#|\/invitation/i);
    // Only the hash of the token is stored.
    const stored = await storedRows<{ token_hash: string }>('SELECT token_hash FROM account_links WHERE email = $1', [
      invitation.email,
    ]);
    expect(stored[0].token_hash).not.toContain(invitation.token);
  });

  it('starts the validity when the e-mail leaves, shows it sent, and a resend voids the previous link', async () => {
    const invitation = await invite();
    const sent = await eventually(async () => {
      const all = (await state('/api/invitations')) as LinkState[];
      const found = all.find((link) => link.id === invitation.state.id);
      return found?.status === 'sent' && found;
    });
    expect(sent.sentAt).not.toBeNull();
    const hours =
      (new Date(sent.expiresAt as string).getTime() - new Date(sent.sentAt as string).getTime()) / 3_600_000;
    expect(hours).toBe(72);

    const resent = await call(api, 'POST', `/api/invitations/${invitation.state.id}/resend`, { token: adminToken });
    expect(resent.status).toBe(201);
    const resentText = await resent.text();
    const second = await mailedLink(smtp, invitation.email, { nth: 2 });
    secrets.push(second.token);
    expect(second.token).not.toBe(invitation.token);
    expect(resentText).not.toContain(second.token);
    expect((await preview('invitations', invitation.token)).status).toBe(404);
    expect((await preview('invitations', second.token)).status).toBe(200);
  });

  it('accepts an invitation with a password and the TOTP secret the server chose, once', async () => {
    const invitation = await invite('coordinator');
    const { totp, email, role } = await previewOf('invitations', invitation.token);
    expect({ email, role }).toEqual({ email: invitation.email, role: 'coordinator' });
    expect(totp.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(totp.otpauthUrl).toContain(`secret=${totp.secret}`);
    // The secret is bound to the link: showing the link again shows the same secret.
    expect((await previewOf('invitations', invitation.token)).totp.secret).toBe(totp.secret);

    const body = { token: invitation.token, displayName: 'Aïcha Maïga', password: 'Bamako-Niamey-Route-2010' };
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
      user: { id: string; role: string; authorityId: string };
    };
    expect(result.recoveryCodes).toHaveLength(10);
    expect(result.user).toMatchObject({ role: 'coordinator', authorityId: directory.authorityId });
    expect(cookieFrom(accepted)).toMatch(/^liaison_refresh=/);
    // The TOTP secret is stored encrypted, never as the secret itself.
    const stored = await storedRows<{ totp_secret: string }>('SELECT totp_secret FROM users WHERE email = $1', [
      invitation.email,
    ]);
    expect(stored[0].totp_secret).toMatch(/^v1\./);
    expect(stored[0].totp_secret).not.toContain(totp.secret);
    expect((await call(api, 'GET', '/api/auth/me', { token: result.accessToken })).status).toBe(200);
    const listed = (await state('/api/invitations')) as LinkState[];
    expect(listed.find((link) => link.id === invitation.state.id)?.status).toBe('accepted');

    const again = await call(api, 'POST', '/api/invitations/accept', {
      body: { ...body, totpCode: totpCode(totp.secret, new Date(Date.now() + 30_000)) },
    });
    expect(again.status).toBe(410);
    expect((await preview('invitations', invitation.token)).status).toBe(410);
  });

  it('refuses a TOTP secret chosen by the client: the person holding the link cannot plant their own', async () => {
    const invitation = await invite();
    await previewOf('invitations', invitation.token);
    const planted = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const response = await call(api, 'POST', '/api/invitations/accept', {
      body: {
        token: invitation.token,
        displayName: 'Planted Secret',
        password: 'Bamako-Niamey-Route-2010',
        totpSecret: planted,
        totpCode: totpCode(planted, new Date()),
      },
    });
    expect(response.status).toBe(400);
    expect(await storedRows('SELECT id FROM users WHERE email = $1', [invitation.email])).toEqual([]);
  });

  it('refuses a forged token, an expired link, and a reset token used as an invitation', async () => {
    expect((await preview('invitations', 'A'.repeat(43))).status).toBe(404);
    const expired = await invite();
    await eventually(
      async () =>
        (await storedRows<{ status: string }>('SELECT status FROM account_links WHERE email = $1', [expired.email]))[0]
          ?.status === 'sent',
    );
    await connectAs('owner', (client) =>
      client.query("UPDATE account_links SET expires_at = now() - interval '1 minute' WHERE email = $1", [
        expired.email,
      ]),
    );
    const response = await preview('invitations', expired.token);
    expect(response.status).toBe(410);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/expired/);
    const listed = (await state('/api/invitations')) as LinkState[];
    expect(listed.find((link) => link.email === expired.email)?.status).toBe('expired');

    const user = await createUser(api.app, 'focal_point');
    expect((await call(api, 'POST', `/api/users/${user.id}/reset-link`, { token: adminToken })).status).toBe(201);
    const reset = await mailedLink(smtp, user.email);
    secrets.push(reset.token);
    expect((await preview('invitations', reset.token)).status).toBe(404);
  });

  it('a reset link sets a new password and TOTP, ends every session, and tells the address', async () => {
    const user = await createUser(api.app, 'focal_point');
    const before = await signIn(api, user);
    expect((await call(api, 'POST', `/api/users/${user.id}/reset-link`, { token: adminToken })).status).toBe(201);
    const { token } = await mailedLink(smtp, user.email);
    secrets.push(token);
    const { totp } = await previewOf('password-resets', token);
    const accepted = await call(api, 'POST', '/api/password-resets/accept', {
      body: { token, password: 'Moroni-Mutsamudu-Ferry-88', totpCode: totpCode(totp.secret, new Date()) },
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
        totpCode: totpCode(totp.secret, new Date(Date.now() + 30_000)),
      },
    });
    expect(reused.status).toBe(410);
    // The address learns that its password and authenticator changed, in a second e-mail without a link.
    const notice = await eventually(() => smtp.to(user.email)[1], 15_000, 'the notice');
    expect(notice.parsed.subject).toMatch(/password and authenticator/i);
    expect(notice.parsed.text).not.toMatch(/#token=/);
  });

  it('suspending an account voids its open reset link, and a suspended account cannot accept one', async () => {
    const user = await createUser(api.app, 'focal_point');
    expect((await call(api, 'POST', `/api/users/${user.id}/reset-link`, { token: adminToken })).status).toBe(201);
    const { token } = await mailedLink(smtp, user.email);
    secrets.push(token);
    const { totp } = await previewOf('password-resets', token);
    expect((await call(api, 'POST', `/api/users/${user.id}/suspend`, { token: adminToken })).status).toBe(200);
    const accepted = await call(api, 'POST', '/api/password-resets/accept', {
      body: { token, password: 'Moroni-Mutsamudu-Ferry-88', totpCode: totpCode(totp.secret, new Date()) },
    });
    expect(accepted.status).toBe(410);
    expect((await preview('password-resets', token)).status).toBe(410);
    // No new link is issued for a suspended account.
    expect((await call(api, 'POST', `/api/users/${user.id}/reset-link`, { token: adminToken })).status).toBe(409);
  });

  it("holds a coordinator's invitation until the secretariat approves it; approval and refusal are audited and told", async () => {
    const coordinator = await createUser(api.app, 'coordinator', { authorityId: directory.authorityId });
    expect(
      (
        await call(api, 'PUT', `/api/networks/${directory.networkId}/coordinators`, {
          token: adminToken,
          body: { userIds: [coordinator.id] },
        })
      ).status,
    ).toBe(200);
    const coordinatorToken = (await signIn(api, coordinator)).accessToken;
    const secretariat = await createUser(api.app, 'secretariat');
    const secretariatToken = (await signIn(api, secretariat)).accessToken;
    const inviteAs = async (email: string) => {
      const response = await call(api, 'POST', `/api/networks/${directory.networkId}/invitations`, {
        token: coordinatorToken,
        body: { email, authorityId: directory.authorityId },
      });
      expect(response.status).toBe(201);
      return (await response.json()) as LinkState;
    };
    const approvedAddress = newAddress();
    const refusedAddress = newAddress();
    const held = await inviteAs(approvedAddress);
    const refused = await inviteAs(refusedAddress);
    expect(held.status).toBe('awaiting_approval');
    // The coordinator sees their invitations, and cannot approve them.
    const mine = (await state('/api/invitations', coordinatorToken)) as LinkState[];
    expect(mine.map((link) => link.id).sort()).toEqual([held.id, refused.id].sort());
    expect((await call(api, 'POST', `/api/invitations/${held.id}/approve`, { token: coordinatorToken })).status).toBe(
      403,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.to(approvedAddress)).toEqual([]);
    expect(await storedRows('SELECT id FROM notification_deliveries WHERE address = $1', [approvedAddress])).toEqual(
      [],
    );

    const approved = await call(api, 'POST', `/api/invitations/${held.id}/approve`, { token: secretariatToken });
    expect(approved.status).toBe(201);
    const link = await mailedLink(smtp, approvedAddress);
    secrets.push(link.token);
    expect(await approved.text()).not.toContain(link.token);
    expect((await preview('invitations', link.token)).status).toBe(200);

    expect((await call(api, 'POST', `/api/invitations/${refused.id}/refuse`, { token: secretariatToken })).status).toBe(
      201,
    );
    expect(
      (await call(api, 'POST', `/api/invitations/${refused.id}/approve`, { token: secretariatToken })).status,
    ).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.to(refusedAddress)).toEqual([]);
    const states = (await state('/api/invitations', coordinatorToken)) as LinkState[];
    expect(Object.fromEntries(states.map((entry) => [entry.email, entry.status]))).toMatchObject({
      [refusedAddress]: 'refused',
    });

    const audited = await storedRows<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM audit_log WHERE target_id IN ($1, $2) AND action IN ('invitation.approved', 'invitation.refused')",
      [held.id, refused.id],
    );
    expect(audited.map((row) => `${row.action} ${row.actor_id}`).sort()).toEqual([
      `invitation.approved ${secretariat.id}`,
      `invitation.refused ${secretariat.id}`,
    ]);
    const told = await eventually(async () => {
      const response = await call(api, 'GET', '/api/notifications', { token: coordinatorToken });
      const list = (await response.json()) as { items: { kind: string }[] };
      const kinds = list.items.map((item) => item.kind).sort();
      return kinds.length >= 2 && kinds;
    });
    expect(told).toEqual(['account.invitation-approved', 'account.invitation-refused']);
  });

  it('binds a sealed TOTP secret to its user: copied to another row it does not decrypt', async () => {
    const victim = await createUser(api.app, 'focal_point');
    const attacker = await createUser(api.app, 'focal_point');
    const [{ totp_secret: own }] = await storedRows<{ totp_secret: string }>(
      'SELECT totp_secret FROM users WHERE id = $1',
      [victim.id],
    );
    // Someone who can write the database puts their own sealed secret into the victim's row.
    await connectAs('superuser', (client) =>
      client.query('UPDATE users SET totp_secret = a.totp_secret FROM users a WHERE a.id = $1 AND users.id = $2', [
        attacker.id,
        victim.id,
      ]),
    );
    try {
      const mfaToken = await passwordStep(api, victim);
      const verify = await call(api, 'POST', '/api/auth/sign-in/verify', {
        body: { mfaToken, code: attacker.code(new Date()) },
      });
      expect(verify.status).toBe(401);
    } finally {
      // The suites share one database: leave no row that key rotation (rightly) reports as unreadable.
      await connectAs('superuser', (client) =>
        client.query('UPDATE users SET totp_secret = $1 WHERE id = $2', [own, victim.id]),
      );
    }
  });

  it('re-seals a TOTP secret sealed the old way at the next sign-in, and by key rotation', async () => {
    const keyring = api.app.get(Keyring);
    const oldWay = async (user: TestUser) =>
      api.app
        .get(DataSource)
        .getRepository(User)
        .update(
          { id: user.id },
          { totpSecret: keyring.encrypt(user.totpSecret, TOTP_SECRET_CONTEXT), totpSecretBound: false },
        );
    const sealed = async (user: TestUser) =>
      (await storedRows<{ totp_secret: string }>('SELECT totp_secret FROM users WHERE id = $1', [user.id]))[0]
        .totp_secret;
    const opensOldWay = (value: string) => {
      try {
        keyring.decrypt(value, TOTP_SECRET_CONTEXT);
        return true;
      } catch {
        return false;
      }
    };

    const signingIn = await createUser(api.app, 'focal_point');
    await oldWay(signingIn);
    expect(opensOldWay(await sealed(signingIn))).toBe(true);
    await signIn(api, signingIn);
    expect(opensOldWay(await sealed(signingIn))).toBe(false);
    // Still the same secret: the next code works.
    await signIn(api, signingIn, new Date(Date.now() + 30_000));

    const rotated = await createUser(api.app, 'focal_point');
    await oldWay(rotated);
    const rotation = api.app.get(KeyRotation);
    expect((await rotation.pending(keyring.currentKeyId))['TOTP secrets']).toBeGreaterThan(0);
    await rotation.run(keyring);
    expect((await rotation.pending(keyring.currentKeyId))['TOTP secrets']).toBe(0);
    expect(opensOldWay(await sealed(rotated))).toBe(false);
    await signIn(api, rotated);
  });

  it('refuses display names with links, control or direction-override characters, naming the field', async () => {
    const invitation = await invite();
    const { totp } = await previewOf('invitations', invitation.token);
    for (const displayName of [
      'Visit https://evil.example now',
      'www.evil.example',
      'Amina\r\nBcc: someone@evil.example',
      'Amina \u202Eelpmaxe.live',
      'A'.repeat(81),
    ]) {
      const response = await call(api, 'POST', '/api/invitations/accept', {
        body: {
          token: invitation.token,
          displayName,
          password: 'Bamako-Niamey-Route-2010',
          totpCode: totpCode(totp.secret, new Date()),
        },
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const body = (await response.json()) as { errors: { field: string }[] };
      expect(body.errors.map((error) => error.field)).toEqual(['displayName']);
    }
    const user = await createUser(api.app, 'focal_point');
    const { accessToken } = await signIn(api, user);
    const profile = await call(api, 'PATCH', '/api/auth/me', {
      token: accessToken,
      body: { displayName: 'Click http://evil.example' },
    });
    expect(profile.status).toBe(400);
    expect(((await profile.json()) as { errors: { field: string }[] }).errors[0].field).toBe('displayName');
    expect(
      (await call(api, 'PATCH', '/api/auth/me', { token: accessToken, body: { displayName: 'Nour El-Houda Ben Ali' } }))
        .status,
    ).toBe(200);
  });

  it('audits every account action, and no entry holds a password, token or code', async () => {
    const { rows } = await connectAs('app', (client) =>
      client.query<{ action: string }>('SELECT DISTINCT action FROM audit_log'),
    );
    const actions = rows.map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'invitation.created',
        'invitation.resent',
        'invitation.accepted',
        'invitation.approved',
        'invitation.refused',
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
