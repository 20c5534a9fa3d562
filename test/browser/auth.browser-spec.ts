import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { totpCode } from '@liaison/identity';
import { launchBrowser, screenshot, watchConsole } from '../support/browser';
import { createDirectoryFixture } from '../support/directory';
import { createUser, TestUser } from '../support/factories';
import { closedPort, TcpRelay } from '../support/net';
import { mailedLink, startAppWithMail, TestSmtpServer } from '../support/mail';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(60_000);

/** What Chromium prints for a request answered with an error status. */
const FAILED_RESOURCE: Record<number, string> = {
  400: 'error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
  401: 'error: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
};

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

interface Watch {
  /** Console errors and warnings, uncaught exceptions. */
  problems: string[];
  /** Responses with an error status, as "401 POST /api/auth/sign-in/verify". */
  failures: string[];
}

function watch(page: Page): Watch {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400)
      failures.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  return { problems: watchConsole(page), failures };
}

/**
 * Only the deliberately wrong attempts failed, and the console shows nothing but Chromium's one
 * "Failed to load resource" line for each of them.
 */
function expectClean({ problems, failures }: Watch, expectedFailures: string[] = []) {
  expect(failures).toEqual(expectedFailures);
  const remaining = [...problems];
  for (const failure of expectedFailures) {
    const index = remaining.indexOf(FAILED_RESOURCE[Number(failure.split(' ')[0])]);
    expect(index).toBeGreaterThanOrEqual(0);
    remaining.splice(index, 1);
  }
  expect(remaining).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** Both steps of the sign-in form; stops before submitting the code. */
async function signInUpToCode(page: Page, base: string, user: TestUser) {
  await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
  await byTestId(page, 'sign-in-email').fill(user.email);
  await byTestId(page, 'sign-in-password').fill(user.password);
  await byTestId(page, 'sign-in-submit').click();
  await byTestId(page, 'sign-in-code').waitFor();
  await expect(page.getByText('Enter the 6-digit code from your authenticator app').isVisible()).resolves.toBe(true);
}

/** Signs in over HTTP, as an API client would, and returns the access token. */
async function accessTokenOf(base: string, user: TestUser): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const started = await post('/api/auth/sign-in', { email: user.email, password: user.password });
  expect(started.status).toBe(200);
  const { mfaToken } = (await started.json()) as { mfaToken: string };
  const verified = await post('/api/auth/sign-in/verify', { mfaToken, code: user.code() });
  expect(verified.status).toBe(200);
  return ((await verified.json()) as { accessToken: string }).accessToken;
}

/** What the page keeps in Web Storage (it must never be a token). */
function webStorage(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({ local: { ...window.localStorage }, session: { ...window.sessionStorage } }),
  );
}

function assertWebDistBuilt() {
  if (!existsSync('dist/web/index.html'))
    throw new Error('dist/web is missing: build the web app first (npm run build)');
}

describe('sign-in and enrolment pages', () => {
  let api: RunningApp;
  let smtp: TestSmtpServer;
  let browser: Browser;

  beforeAll(async () => {
    assertWebDistBuilt();
    // The page's origin must be allowed: the signed-in page opens a socket, whose handshake checks Origin.
    const port = await closedPort();
    const origin = `http://127.0.0.1:${port}`;
    let mailed: Awaited<ReturnType<typeof startAppWithMail>>;
    [mailed, browser] = await Promise.all([
      startAppWithMail({ port, env: { PUBLIC_ORIGIN: origin, CORS_ORIGINS: origin } }),
      launchBrowser(),
    ]);
    ({ api, smtp } = mailed);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp?.stop();
  });

  it('signs in with a password and a TOTP code, shows who is signed in, and signs out', async () => {
    const user = await createUser(api.app, 'focal_point');
    const page = await browser.newPage({ viewport: DESKTOP });
    const watched = watch(page);

    // Not signed in: the placeholder with a way to sign in.
    await page.goto(api.url, { waitUntil: 'networkidle' });
    await byTestId(page, 'home-sign-in').click();
    await page.waitForURL(`${api.url}/sign-in`);
    await expect(page.title()).resolves.toBe('Sign in – Liaison');

    await byTestId(page, 'sign-in-email').fill(user.email);
    await byTestId(page, 'sign-in-password').fill(user.password);
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'sign-in-code').waitFor();
    await byTestId(page, 'sign-in-code').fill(user.code());
    await screenshot(page, 'sign-in-totp');
    await byTestId(page, 'sign-in-submit').click();

    await page.waitForURL(`${api.url}/`);
    await expect(byTestId(page, 'signed-in-as').textContent()).resolves.toBe(
      `Signed in as Test focal_point (Focal point)`,
    );
    // The platform-status panel is still there.
    await page.locator('[data-testid="status-overall"]:not([data-state="loading"])').waitFor();
    await expect(byTestId(page, 'status-overall').getAttribute('data-state')).resolves.toBe('ok');
    // The access token lives in memory only.
    expect(await webStorage(page)).not.toMatch(/eyJ/);

    await byTestId(page, 'sign-out').click();
    await page.waitForURL(`${api.url}/sign-in`);
    await byTestId(page, 'sign-in-email').waitFor();
    expect(await webStorage(page)).toBe(JSON.stringify({ local: {}, session: {} }));
    await page.goto(api.url, { waitUntil: 'networkidle' });
    await byTestId(page, 'home-sign-in').waitFor();
    expect(await byTestId(page, 'signed-in-as').count()).toBe(0);

    expectClean(watched);
    await page.close();
  });

  it('accepts an invitation: enrols the authenticator, shows the recovery codes once, and signs in', async () => {
    const admin = await createUser(api.app, 'admin');
    const token = await accessTokenOf(api.url, admin);
    const email = `invitee-${randomUUID().slice(0, 8)}@test.liaison.example`;
    // An invitation names a real authority and real networks of the directory.
    const fixture = await createDirectoryFixture(api, token);
    const invited = await fetch(`${api.url}/api/invitations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        email,
        role: 'focal_point',
        authorityId: fixture.authorityId,
        networkIds: [fixture.networkId],
      }),
    });
    expect(invited.status).toBe(201);
    // The issuer gets the invitation's state; the link reaches only the addressee's mailbox.
    expect(await invited.text()).not.toMatch(/token/);
    const link = new URL((await mailedLink(smtp, email)).url);
    expect(link.hash).toMatch(/^#token=/);

    const page = await browser.newPage({ viewport: PHONE });
    const watched = watch(page);
    await page.goto(`${api.url}${link.pathname}${link.hash}`, { waitUntil: 'networkidle' });

    const qr = page.getByAltText('QR code to scan with your authenticator app');
    await qr.waitFor();
    // The token is out of the address bar at once, and the QR code (a data: URL) loaded under the CSP.
    expect(page.url()).toBe(`${api.url}/invitation`);
    expect(await qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    await expect(byTestId(page, 'enrol-email').textContent()).resolves.toBe(email);
    await expect(byTestId(page, 'enrol-role').textContent()).resolves.toBe('Focal point');

    const secretElement = byTestId(page, 'totp-secret');
    const secret = await secretElement.getAttribute('data-secret');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(secretElement.textContent()).resolves.toBe(secret?.match(/.{4}/g)?.join(' '));

    const password = 'Harbour-Quince-Mistral-8141';
    await byTestId(page, 'invite-display-name').fill('Amina Diallo');
    await byTestId(page, 'invite-password').fill(password);
    await byTestId(page, 'invite-password-confirm').fill(password);
    await byTestId(page, 'invite-code').fill(totpCode(secret ?? '', new Date()));
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'invitation-enrol');

    // First a password the API refuses: its message shows next to the field, which it describes, and
    // nothing is used up (the link and the code still work).
    await byTestId(page, 'invite-password').fill('Password2026!');
    await byTestId(page, 'invite-password-confirm').fill('Password2026!');
    await byTestId(page, 'invite-submit').click();
    const passwordError = byTestId(page, 'error-password');
    await passwordError.waitFor();
    await expect(passwordError.textContent()).resolves.toBe('The password is too common; choose another');
    const describedBy = (await byTestId(page, 'invite-password').getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await passwordError.getAttribute('id'));
    await expect(byTestId(page, 'enrol-error').getAttribute('role')).resolves.toBe('alert');

    await byTestId(page, 'invite-password').fill(password);
    await byTestId(page, 'invite-password-confirm').fill(password);
    await byTestId(page, 'invite-code').fill(totpCode(secret ?? '', new Date()));
    await byTestId(page, 'invite-submit').click();

    const codes = byTestId(page, 'recovery-codes');
    await codes.waitFor();
    const items = await codes.locator('li').allTextContents();
    expect(items).toHaveLength(10);
    for (const item of items) expect(item).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(new Set(items).size).toBe(10);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'invitation-recovery-codes');

    await byTestId(page, 'recovery-codes-done').click();
    await page.waitForURL(`${api.url}/`);
    await expect(byTestId(page, 'signed-in-as').textContent()).resolves.toBe('Signed in as Amina Diallo (Focal point)');
    expect(await webStorage(page)).not.toMatch(/eyJ|token/i);

    expectClean(watched, ['400 POST /api/invitations/accept']);
    await page.close();
  });

  it.each([
    ['/%09/evil.example'],
    ['//evil.example'],
    ['/%5Cevil.example'],
    ['https://evil.example'],
    ['javascript:alert(1)'],
  ])('lands on the home page, never elsewhere, after signing in with next=%s', async (next) => {
    const user = await createUser(api.app, 'focal_point');
    const page = await browser.newPage({ viewport: DESKTOP });
    const watched = watch(page);
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(api.url)) elsewhere.push(request.url());
    });
    await page.goto(`${api.url}/sign-in?next=${next}`, { waitUntil: 'networkidle' });
    await byTestId(page, 'sign-in-email').fill(user.email);
    await byTestId(page, 'sign-in-password').fill(user.password);
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'sign-in-code').fill(user.code());
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'signed-in-as').waitFor();
    expect(page.url()).toBe(`${api.url}/`);
    expect(elsewhere).toEqual([]);
    expectClean(watched);
    await page.close();
  });

  it('after the idle limit, the sign-in page says the person was signed out for inactivity', async () => {
    const user = await createUser(api.app, 'focal_point');
    const page = await browser.newPage({ viewport: DESKTOP });
    await signInUpToCode(page, api.url, user);
    await byTestId(page, 'sign-in-code').fill(user.code());
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'signed-in-as').waitFor();
    // The page's own start-up requests may still be on their way and would mark the session used after the
    // clock is wound back: let them land, and leave the app, before half an hour passes.
    await page.waitForLoadState('networkidle');
    await page.goto('about:blank');
    // Half an hour passes with nobody at the keyboard.
    await api.app
      .get(DataSource)
      .query(`UPDATE sessions SET last_used_at = now() - interval '31 minutes' WHERE user_id = $1`, [user.id]);
    await page.goto(`${api.url}/sign-in`, { waitUntil: 'networkidle' });
    await expect(byTestId(page, 'sign-in-ended').textContent()).resolves.toBe(
      'You were signed out because nothing happened for a while. Sign in again to continue.',
    );
    await page.close();
  });

  it('refuses a wrong TOTP code and stays signed out', async () => {
    const user = await createUser(api.app, 'coordinator');
    const page = await browser.newPage({ viewport: PHONE });
    const watched = watch(page);
    await signInUpToCode(page, api.url, user);

    // A code from ten minutes ago: outside the one-step window either side of now.
    const now = Date.now();
    const valid = new Set([-30_000, 0, 30_000].map((offset) => user.code(new Date(now + offset))));
    let wrong = user.code(new Date(now - 600_000));
    if (valid.has(wrong)) wrong = String((Number(wrong) + 1) % 1_000_000).padStart(6, '0');

    await byTestId(page, 'sign-in-code').fill(wrong);
    await byTestId(page, 'sign-in-submit').click();
    const error = byTestId(page, 'sign-in-error');
    await error.waitFor();
    await expect(error.getAttribute('role')).resolves.toBe('alert');
    await expect(error.textContent()).resolves.toBe('The code is wrong or has already been used');
    expect(page.url()).toBe(`${api.url}/sign-in`);
    await expectNoHorizontalOverflow(page);

    // The recovery-code field is one click away.
    await byTestId(page, 'sign-in-recovery-toggle').click();
    await expect(page.getByLabel('Recovery code').isVisible()).resolves.toBe(true);

    // Nothing remembers a session: a fresh load of the home page is signed out.
    expect(await webStorage(page)).toBe(JSON.stringify({ local: {}, session: {} }));
    await page.goto(api.url, { waitUntil: 'networkidle' });
    await byTestId(page, 'home-sign-in').waitFor();
    expect(await byTestId(page, 'signed-in-as').count()).toBe(0);

    expectClean(watched, ['401 POST /api/auth/sign-in/verify']);
    await page.close();
  });
});

/**
 * The refresh endpoint accepts only the public origin (PUBLIC_ORIGIN), so this suite serves the app through a
 * relay on a port chosen in advance and makes that its public origin.
 */
describe('session restore', () => {
  let api: RunningApp;
  let relay: TcpRelay;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    assertWebDistBuilt();
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    [api, browser] = await Promise.all([
      startApp({ env: { PUBLIC_ORIGIN: base, CORS_ORIGINS: base } }),
      launchBrowser(),
    ]);
    relay = await new TcpRelay(Number(new URL(api.url).port), port).open();
  });
  afterAll(async () => {
    await browser?.close();
    await relay?.close();
    await api?.close();
  });

  it('restores the session on reload with one refresh per tab, in two tabs at once, and signs both out', async () => {
    const user = await createUser(api.app, 'focal_point');
    const context = await browser.newContext({ viewport: DESKTOP });
    const first = await context.newPage();
    const firstWatch = watch(first);
    const refreshes: string[] = [];
    context.on('request', (request) => {
      if (request.url().endsWith('/api/auth/refresh')) refreshes.push(request.url());
    });

    await signInUpToCode(first, base, user);
    await byTestId(first, 'sign-in-code').fill(user.code());
    await byTestId(first, 'sign-in-submit').click();
    await byTestId(first, 'signed-in-as').waitFor();
    expect(refreshes).toHaveLength(0);
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'liaison_refresh')).toMatchObject({
      httpOnly: true,
      path: '/api/auth',
    });

    // A reload has no token in memory: one refresh brings the session back.
    await first.reload({ waitUntil: 'networkidle' });
    await byTestId(first, 'signed-in-as').waitFor();
    expect(refreshes).toHaveLength(1);

    // Two tabs starting together: the refreshes take turns (a reused refresh token would end the session).
    const second = await context.newPage();
    const secondWatch = watch(second);
    await Promise.all([first.reload({ waitUntil: 'networkidle' }), second.goto(base, { waitUntil: 'networkidle' })]);
    await Promise.all([byTestId(first, 'signed-in-as').waitFor(), byTestId(second, 'signed-in-as').waitFor()]);
    expect(refreshes).toHaveLength(3);

    // Signing out in one tab signs the other out too (they share the session).
    await byTestId(first, 'sign-out').click();
    await first.waitForURL(`${base}/sign-in`);
    await byTestId(second, 'home-sign-in').waitFor();

    expectClean(firstWatch);
    expectClean(secondWatch);
    await context.close();
  });
});
