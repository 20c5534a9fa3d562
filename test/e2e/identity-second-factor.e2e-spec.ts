import { DataSource } from 'typeorm';
import { call, passwordStep } from '../support/auth';
import { createUser, TestUser } from '../support/factories';
import { TestSmtpServer } from '../support/mail';
import { eventually, queueEnv, withWorkers } from '../support/queues';
import { RunningApp, startApp } from '../support/test-app';

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
const wrongCodeFor = (user: TestUser) => String((Number(user.code()) + 500_000) % 1_000_000).padStart(6, '0');
const from = (ip: string, cookie?: string) => ({ 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) });

describe('identity: the second factor cannot be guessed, and colleagues are not shut out', () => {
  let api: RunningApp;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    // The loopback is a trusted proxy so the test can speak from several client addresses.
    api = await withWorkers(await startApp({ env: queueEnv(smtp.port, { TRUSTED_PROXIES: 'loopback' }) }));
  });
  afterAll(async () => {
    await api.close();
    await smtp.stop();
  });

  const auditCount = async (action: string, userId: string): Promise<number> => {
    const [row] = await api.app
      .get(DataSource)
      .query<{ count: string }[]>('SELECT count(*) FROM audit_log WHERE action = $1 AND target_id = $2', [
        action,
        userId,
      ]);
    return Number(row.count);
  };

  /** Both steps from `ip`, with `cookie` sent along; returns the response of the second step. */
  const signInFrom = async (user: TestUser, ip: string, at: Date, cookie?: string) => {
    const headers = from(ip, cookie);
    const start = await call(api, 'POST', '/api/auth/sign-in', {
      body: { email: user.email, password: user.password },
      headers,
    });
    if (start.status !== 200) return start;
    const { mfaToken } = (await start.json()) as { mfaToken: string };
    return call(api, 'POST', '/api/auth/sign-in/verify', { body: { mfaToken, code: user.code(at) }, headers });
  };

  it('50 parallel wrong codes on one pending sign-in evaluate at most 5; a colleague with a device cookie still signs in from that address', async () => {
    const address = '198.51.100.77';
    const victim = await createUser(api.app, 'focal_point');
    const colleague = await createUser(api.app, 'focal_point');
    const newcomer = await createUser(api.app, 'focal_point');

    // The colleague signed in from the ministry's shared address before: the browser holds a device cookie.
    const earlier = await signInFrom(colleague, address, new Date());
    expect(earlier.status).toBe(200);
    const deviceCookie = earlier.headers
      .getSetCookie()
      .find((line) => line.startsWith('liaison_device'))
      ?.split(';')[0];

    const mfaToken = await passwordStep(api, victim, from(address));
    const wrong = wrongCodeFor(victim);
    const burst = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(api, 'POST', '/api/auth/sign-in/verify', { body: { mfaToken, code: wrong }, headers: from(address) }),
      ),
    );
    expect(burst.every((response) => response.status === 401 || response.status === 429)).toBe(true);
    expect(await auditCount('auth.second-factor-failed', victim.id)).toBeLessThanOrEqual(5);

    // The pending sign-in is void: even the right code, from anywhere, needs the password again.
    const right = await call(api, 'POST', '/api/auth/sign-in/verify', {
      body: { mfaToken, code: victim.code() },
      headers: from('198.51.100.79'),
    });
    expect(right.status).toBe(401);
    expect(((await right.json()) as { detail: string }).detail).toMatch(/password again/);

    // The attacker sprays passwords from the address until it is past its hourly limit of 50 failures.
    for (let spray = 0; spray < 50; spray++) {
      await call(api, 'POST', '/api/auth/sign-in', {
        body: { email: `guess-${spray}-${victim.id}@test.liaison.example`, password: 'Wrong-Password-000' },
        headers: from(address),
      });
    }
    // Now a browser that never signed in there is refused...
    const stranger = await call(api, 'POST', '/api/auth/sign-in', {
      body: { email: newcomer.email, password: newcomer.password },
      headers: from(address),
    });
    expect(stranger.status).toBe(429);
    // ...but the colleague's browser, with its device cookie, signs in.
    const again = await signInFrom(colleague, address, later(30), deviceCookie);
    expect(again.status).toBe(200);
    // A tampered device cookie is none.
    const [name, value] = (deviceCookie ?? '=').split('=');
    const tampered = `${name}=${value.slice(0, -4)}${value.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await signInFrom(colleague, address, later(60), tampered)).status).toBe(429);
    // A device cookie works for its own account only.
    const borrowed = await call(api, 'POST', '/api/auth/sign-in', {
      body: { email: newcomer.email, password: newcomer.password },
      headers: from(address, deviceCookie),
    });
    expect(borrowed.status).toBe(429);
  }, 90_000);

  it('sets the device cookie httpOnly, SameSite=Strict, for the auth endpoints only', async () => {
    const user = await createUser(api.app, 'focal_point');
    const response = await signInFrom(user, '198.51.100.78', new Date());
    expect(response.status).toBe(200);
    const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith('liaison_device'));
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Strict/);
    expect(line).toMatch(/Path=\/api\/auth/);
  });

  it('after 20 wrong codes in an hour, refuses the account’s second step and e-mails its holder', async () => {
    const user = await createUser(api.app, 'focal_point');
    // Four pending sign-ins, five wrong codes each, from four addresses (one address is capped sooner).
    for (let round = 0; round < 4; round++) {
      const ip = `203.0.113.${100 + round}`;
      const mfaToken = await passwordStep(api, user, from(ip));
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await call(api, 'POST', '/api/auth/sign-in/verify', {
          body: { mfaToken, code: wrongCodeFor(user) },
          headers: from(ip),
        });
        expect(response.status).toBe(401);
      }
    }
    // The holder, from a fresh address with the right password and code, is refused until the hour ends.
    const refused = await signInFrom(user, '203.0.113.120', new Date());
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(3000);
    expect(await auditCount('auth.second-factor-capped', user.id)).toBe(1);

    const mail = await eventually(() => smtp.to(user.email)[0], 15_000, 'the warning e-mail');
    expect(mail.parsed.subject).toMatch(/password/i);
    expect(mail.parsed.text).toMatch(/change your password/i);
    // One warning, not one per refused attempt.
    await signInFrom(user, '203.0.113.121', later(30));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.to(user.email)).toHaveLength(1);
  }, 60_000);
});
