import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '@liaison/identity';
import { call } from '../support/auth';
import { accessibilityProblems, launchBrowser, screenshot, watchConsole } from '../support/browser';
import { createUser, TestUser } from '../support/factories';
import { closedPort, TcpRelay } from '../support/net';
import { mailedLink, startAppWithMail, TestSmtpServer } from '../support/mail';
import type { RunningApp } from '../support/test-app';

jest.setTimeout(120_000);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** Mon–Fri, one interval a day, in the authority's own zone. */
const weekdays = (start: string, end: string) => {
  const day = [{ start, end }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
};

interface Created {
  id: string;
  name: string;
}

/**
 * The web shell: a focal point's journey from the invitation to an authority's office hours in their own
 * zone, the language switcher (Arabic, right to left, remembered), and every page checked with axe-core, at
 * 360 px, in English and in Arabic.
 *
 * The refresh endpoint accepts only the public origin, so the app is served through a relay on a port chosen
 * in advance and made its public origin: pages keep their session across reloads, as in production.
 */
describe('web shell', () => {
  let api: RunningApp;
  let relay: TcpRelay;
  let browser: Browser;
  let smtp: TestSmtpServer;
  let base: string;
  let admin: TestUser;
  let adminToken: string;
  const suffix = randomUUID().slice(0, 6);
  const states = { indian: 'QM', europe: 'QP' };
  let networkA: Created;
  let networkB: Created;
  let mauritius: Created;
  let paris: Created;

  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await call(api, method, path, { token: adminToken, body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  const authority = (
    stateCode: string,
    name: string,
    timeZone: string,
    hours: ReturnType<typeof weekdays>,
    extra: object = {},
  ) => ({
    stateCode,
    name,
    categories: ['extradition', 'mla'],
    officeHours: hours,
    timeZone,
    languages: ['fr', 'en'],
    documentsRequired: ['Signed request with a certified translation', 'Copy of the arrest warrant'],
    channels: ['diplomatic', 'email'],
    acceptsInterpol: true,
    urgentProcedure: 'Send the request by e-mail first, then by the diplomatic channel.',
    remarks: null,
    contact: {
      email: `office-${suffix}@test.liaison.example`,
      phone: '+33 1 00 00 00 00',
      address: '13 place Vendôme\n75001 Paris',
    },
    lastVerified: '2026-11-01',
    ...extra,
  });

  /** Signs in over HTTP, as an API client would. */
  async function accessTokenOf(user: TestUser, at = new Date()): Promise<string> {
    const started = await call(api, 'POST', '/api/auth/sign-in', {
      body: { email: user.email, password: user.password },
    });
    const { mfaToken } = (await started.json()) as { mfaToken: string };
    const verified = await call(api, 'POST', '/api/auth/sign-in/verify', { body: { mfaToken, code: user.code(at) } });
    expect(verified.status).toBe(200);
    return ((await verified.json()) as { accessToken: string }).accessToken;
  }

  beforeAll(async () => {
    if (!existsSync('dist/web/index.html'))
      throw new Error('dist/web is missing: build the web app first (npm run build)');
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    let mailed: Awaited<ReturnType<typeof startAppWithMail>>;
    [mailed, browser] = await Promise.all([
      startAppWithMail({ env: { PUBLIC_ORIGIN: base, CORS_ORIGINS: base } }),
      launchBrowser(),
    ]);
    ({ api, smtp } = mailed);
    relay = await new TcpRelay(Number(new URL(api.url).port), port).open();

    admin = await createUser(api.app, 'admin');
    adminToken = await accessTokenOf(admin);

    // Two States of our own (they outlive this file in the run's database, so an earlier run's are reused).
    for (const [code, name] of [
      [states.indian, 'Islands of Testland'],
      [states.europe, 'Republic of Testland'],
    ]) {
      const exists = await call(api, 'PATCH', `/api/states/${code}`, { token: adminToken, body: {} });
      if (exists.status === 404)
        await send('POST', '/api/states', { code, name, untocParty: true, untocExtraditionBasis: true });
    }
    networkA = await send('POST', '/api/networks', {
      slug: `ocean-${suffix}`,
      name: `Ocean judicial platform ${suffix}`,
      description: 'Judicial cooperation between the island States of the test ocean.',
      stateCodes: [states.indian],
    });
    networkB = await send('POST', '/api/networks', {
      slug: `continent-${suffix}`,
      name: `Continental network ${suffix}`,
      description: 'Central authorities of the test continent.',
      stateCodes: [states.europe],
    });
    mauritius = await send(
      'POST',
      '/api/authorities',
      authority(states.indian, `Attorney General's Office ${suffix}`, 'Indian/Mauritius', weekdays('08:30', '16:00'), {
        languages: ['en', 'fr'],
      }),
    );
    paris = await send(
      'POST',
      '/api/authorities',
      authority(
        states.europe,
        `Bureau de l'entraide pénale internationale ${suffix}`,
        'Europe/Paris',
        weekdays('09:00', '13:00'),
      ),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await relay?.close();
    await api?.close();
    await smtp?.stop();
  });

  /** Console errors and warnings (none are expected), and error responses. */
  function watch(page: Page) {
    const failures: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400)
        failures.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
    return { problems: watchConsole(page), failures };
  }

  /** Invites through the API and returns the link as its addressee receives it, by e-mail. */
  async function invite(body: { email: string; [field: string]: unknown }): Promise<URL> {
    await send('POST', '/api/invitations', body);
    return new URL((await mailedLink(smtp, body.email)).url);
  }

  async function signInThroughPage(page: Page, user: TestUser, at: Date) {
    await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
    await byTestId(page, 'sign-in-email').fill(user.email);
    await byTestId(page, 'sign-in-password').fill(user.password);
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'sign-in-code').fill(user.code(at));
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'header-user').waitFor({ state: 'attached' });
  }

  async function documentLanguage(page: Page) {
    return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
  }

  it('a focal point accepts an invitation, finds a Paris authority and reads its hours in their own zone, then switches to Arabic', async () => {
    const email = `focal-${suffix}@test.liaison.example`;
    const link = await invite({ email, role: 'focal_point', authorityId: mauritius.id, networkIds: [networkA.id] });
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const watched = watch(page);

    // Enrolment: the authenticator from the QR code's secret, then the recovery codes, then signed in.
    await page.goto(`${base}${link.pathname}${link.hash}`, { waitUntil: 'networkidle' });
    const secret = (await byTestId(page, 'totp-secret').getAttribute('data-secret')) ?? '';
    await byTestId(page, 'invite-display-name').fill('Priya Ramdin');
    await byTestId(page, 'invite-password').fill('Harbour-Quince-Mistral-8141');
    await byTestId(page, 'invite-password-confirm').fill('Harbour-Quince-Mistral-8141');
    await byTestId(page, 'invite-code').fill(totpCode(secret, new Date()));
    await byTestId(page, 'invite-submit').click();
    await byTestId(page, 'recovery-codes').waitFor();
    await byTestId(page, 'recovery-codes-done').click();
    await page.waitForURL(`${base}/`);
    await expect(byTestId(page, 'header-user').textContent()).resolves.toBe('Priya Ramdin');

    // Home: the networks of the invitation.
    const cards = byTestId(page, 'network-card');
    await cards.first().waitFor();
    expect(await cards.allTextContents()).toEqual([expect.stringContaining(networkA.name)]);

    // Directory: search by words of the name (of an authority of the other network).
    await byTestId(page, 'nav-directory').click();
    await page.waitForURL(`${base}/directory`);
    await byTestId(page, 'directory-q').fill(`entraide ${suffix}`);
    await byTestId(page, 'directory-submit').click();
    await page.waitForURL((url) => url.searchParams.get('q') === `entraide ${suffix}`);
    const results = byTestId(page, 'authority-result');
    await results.first().waitFor();
    expect(await results.count()).toBe(1);
    await results.first().getByRole('link', { name: paris.name }).click();
    await page.waitForURL(`${base}/directory/${paris.id}`);

    // The record: open or closed now, and the hours in the viewer's zone (the authority's: Indian/Mauritius).
    await byTestId(page, 'office-hours-viewer').waitFor();
    await expect(byTestId(page, 'authority-name').textContent()).resolves.toBe(paris.name);
    expect(await byTestId(page, 'open-now').getAttribute('data-state')).toMatch(/^(open|closed)$/);
    // (Zone names are set in the sentence between Unicode isolates, for Arabic.)
    const header = (await byTestId(page, 'office-hours-viewer').locator('thead').textContent())?.replace(
      /[\u2068\u2069]/g,
      '',
    );
    expect(header).toContain('Your time (Indian/Mauritius)');
    expect(header).toContain('Europe/Paris');
    const viewerHours = await byTestId(page, 'viewer-hours').allTextContents();
    const localHours = await byTestId(page, 'authority-hours').allTextContents();
    expect(new Set(localHours)).toEqual(new Set(['09:00–13:00']));
    // Paris 09:00 is 12:00 in Mauritius in winter (UTC+1 / UTC+4), 11:00 in summer.
    const opening = DateTime.now().setZone('Europe/Paris').set({ hour: 9, minute: 0 }).setZone('Indian/Mauritius');
    const expected = `${opening.toFormat('HH:mm')}–${opening.plus({ hours: 4 }).toFormat('HH:mm')}`;
    expect(viewerHours).toContain(expected);
    expect(viewerHours).toHaveLength(5);
    await expect(page.locator('a[href^="mailto:"]').first().isVisible()).resolves.toBe(true);

    // Arabic: right to left on the record, the directory and the profile; saved to the profile; remembered.
    await byTestId(page, 'language-switcher').selectOption('ar');
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    await expect(page.title()).resolves.toBe(`${paris.name}`.concat(' – Liaison'));
    await byTestId(page, 'nav-directory').click();
    await byTestId(page, 'directory-q').waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    await expect(page.locator('h1').textContent()).resolves.toBe('الدليل');
    // On a phone the navigation folds into a menu button.
    await page.setViewportSize(PHONE);
    const menu = byTestId(page, 'menu-button');
    await expect(byTestId(page, 'nav-profile').isVisible()).resolves.toBe(false);
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await menu.click();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    await byTestId(page, 'nav-profile').click();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await byTestId(page, 'sessions').waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    await expect(page.locator('h1').textContent()).resolves.toBe('الملف الشخصي');
    await expect(byTestId(page, 'profile-time-zone').inputValue()).resolves.toBe('Indian/Mauritius');

    await page.reload({ waitUntil: 'networkidle' });
    await byTestId(page, 'sessions').waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    // The first Tab reaches the skip link, which leads to the main content.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe('#main');
    expect(await page.evaluate(() => window.localStorage.getItem('liaison.locale'))).toBe('ar');
    const [account] = await send<{ email: string; locale: string; timeZone: string }[]>(
      'GET',
      `/api/users?q=${encodeURIComponent(email)}`,
    );
    expect(account).toMatchObject({ email, locale: 'ar', timeZone: 'Indian/Mauritius' });

    expect(watched.failures).toEqual([]);
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('an admin manages States, authorities and invitations through the pages; a coordinator invites a focal point', async () => {
    const manager = await createUser(api.app, 'admin');
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const watched = watch(page);
    await signInThroughPage(page, manager, new Date());

    // A State: the API's refusal shows at its field, then a valid one is added.
    await byTestId(page, 'nav-admin').click();
    await byTestId(page, 'admin-tab-states').click();
    await byTestId(page, 'state-code').fill('Q');
    await byTestId(page, 'state-name').fill('Testland of the Lakes');
    await page.getByRole('button', { name: 'Add a State' }).click();
    await byTestId(page, 'error-code').waitFor();
    expect(await byTestId(page, 'state-code').getAttribute('aria-describedby')).toContain(
      await byTestId(page, 'error-code').getAttribute('id'),
    );
    await byTestId(page, 'state-code').fill('QL');
    await page.getByRole('button', { name: 'Add a State' }).click();
    await page.getByRole('status').filter({ hasText: 'Testland of the Lakes is added.' }).waitFor();
    await byTestId(page, 'states').getByRole('cell', { name: 'Testland of the Lakes', exact: true }).waitFor();

    // An authority with its office hours.
    const name = `Procureur général des Lacs ${suffix}`;
    await byTestId(page, 'admin-tab-authorities').click();
    await byTestId(page, 'authority-new').click();
    await byTestId(page, 'authority-state').selectOption('QL');
    await byTestId(page, 'authority-name-input').fill(name);
    await page.getByLabel('Extradition', { exact: true }).check();
    await byTestId(page, 'authority-zone').selectOption('Africa/Bamako');
    await byTestId(page, 'hours-mon-add').click();
    await byTestId(page, 'hours-mon-0-start').fill('10:00');
    await byTestId(page, 'hours-mon-0-end').fill('12:30');
    await byTestId(page, 'authority-save').click();
    await page
      .getByRole('status')
      .filter({ hasText: `${name} is added.` })
      .waitFor();
    const created = await send<{ items: { id: string; name: string; timeZone: string }[] }>(
      'GET',
      `/api/authorities?q=${encodeURIComponent(`Lacs ${suffix}`)}`,
    );
    expect(created.items).toEqual([expect.objectContaining({ name, timeZone: 'Africa/Bamako' })]);
    const record = await send<{ officeHours: Record<string, unknown[]>; categories: string[] }>(
      'GET',
      `/api/authorities/${created.items[0].id}`,
    );
    expect(record.officeHours.mon).toEqual([{ start: '10:00', end: '12:30' }]);
    expect(record.categories).toEqual(['extradition']);

    // An invitation: e-mailed to the person, its state shown here, the link never.
    const lakes = `lakes-${suffix}@test.liaison.example`;
    await byTestId(page, 'admin-tab-invite').click();
    await byTestId(page, 'invite-email').fill(lakes);
    await byTestId(page, 'invite-authority').selectOption(mauritius.id);
    await byTestId(page, 'invite-networks').getByLabel(networkA.name).check();
    await byTestId(page, 'invite-submit-admin').click();
    await page
      .getByRole('status')
      .filter({ hasText: `The invitation is on its way to ${lakes}.` })
      .waitFor();
    await byTestId(page, 'invitation-row').filter({ hasText: lakes }).waitFor();
    const mailedToLakes = await mailedLink(smtp, lakes);
    expect(await page.content()).not.toContain(mailedToLakes.token);
    expect(await page.content()).not.toContain('#token=');

    expect(watched.failures).toEqual(['400 POST /api/states']);
    expect(watched.problems).toEqual([
      'error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await context.close();

    // A coordinator invites a focal point of a member State into the network they coordinate.
    const coordinator = await createUser(api.app, 'coordinator', { authorityId: mauritius.id });
    await send('PUT', `/api/networks/${networkA.id}/coordinators`, { userIds: [coordinator.id] });
    const coordinatorContext = await browser.newContext({ viewport: PHONE });
    const phone = await coordinatorContext.newPage();
    const phoneWatch = watch(phone);
    await signInThroughPage(phone, coordinator, new Date());
    await byTestId(phone, 'menu-button').click();
    await byTestId(phone, 'nav-coordination').click();
    await byTestId(phone, 'coordination-email').fill(`island-${suffix}@test.liaison.example`);
    await byTestId(phone, 'coordination-authority').selectOption(mauritius.id);
    await byTestId(phone, 'coordination-submit').click();
    const island = `island-${suffix}@test.liaison.example`;
    await phone
      .getByRole('status')
      .filter({ hasText: `The invitation to ${island} awaits the secretariat’s approval.` })
      .waitFor();
    await byTestId(phone, 'invitation-row').filter({ hasText: island }).getByText('Awaiting approval').waitFor();
    expect(await phone.content()).not.toContain('#token=');
    expect(phoneWatch.failures).toEqual([]);
    expect(phoneWatch.problems).toEqual([]);
    expect(smtp.to(island)).toEqual([]);
    await coordinatorContext.close();

    // The secretariat approves it; only then is it e-mailed.
    const secretariat = await createUser(api.app, 'secretariat');
    const staffContext = await browser.newContext({ viewport: DESKTOP });
    const staff = await staffContext.newPage();
    const staffWatch = watch(staff);
    await signInThroughPage(staff, secretariat, new Date());
    await staff.goto(`${base}/admin`, { waitUntil: 'networkidle' });
    await byTestId(staff, 'admin-tab-invite').click();
    const row = byTestId(staff, 'invitation-row').filter({ hasText: island });
    await row.getByRole('button', { name: 'Approve and send' }).click();
    await staff
      .getByRole('status')
      .filter({ hasText: `The invitation to ${island} is approved and on its way.` })
      .waitFor();
    const approvedLink = await mailedLink(smtp, island);
    expect(await staff.content()).not.toContain(approvedLink.token);
    expect(staffWatch.failures).toEqual([]);
    expect(staffWatch.problems).toEqual([]);
    await staffContext.close();
    await coordinatorContext.close();
  });

  describe('every page', () => {
    interface Check {
      name: string;
      /** A path, or a function giving the URL to open (links carry a fresh token in their fragment). */
      open: string | (() => string);
      /** What shows once the page has loaded its data. */
      ready: string;
      /** Click this first (a section that opens in place). */
      then?: (page: Page) => Promise<void>;
    }

    const violations: string[] = [];

    /** axe-core (no serious or critical violation), one h1, landmarks, no horizontal scroll at 360 px, screenshots. */
    async function audit(page: Page, check: Check, language: 'en' | 'ar') {
      const url = typeof check.open === 'string' ? `${base}${check.open}` : check.open();
      await page.setViewportSize(DESKTOP);
      await page.goto(url, { waitUntil: 'networkidle' });
      await page.locator(check.ready).first().waitFor({ state: 'attached' });
      if (check.then) await check.then(page);
      await expect(documentLanguage(page)).resolves.toEqual(
        language === 'ar' ? { lang: 'ar', dir: 'rtl' } : { lang: 'en', dir: 'ltr' },
      );
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('main#main').count()).toBe(1);
      expect(await page.locator('header nav[aria-label]').count()).toBe(1);

      const { problems, passes } = await accessibilityProblems(page, `${check.name} (${language})`);
      expect(passes).toBeGreaterThan(10);
      violations.push(...problems);
      if (language === 'en') await screenshot(page, `shell-${check.name}`);

      await page.setViewportSize(PHONE);
      // The widest offenders are named, to find them without a screenshot.
      const overflow = await page.evaluate(() => {
        const width = window.innerWidth;
        const by = document.documentElement.scrollWidth - width;
        const wide = [...document.querySelectorAll('body *')]
          .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
          })
          .slice(-3)
          .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
        return by > 0 ? { by, wide } : { by };
      });
      expect({ page: check.name, language, overflow }).toEqual({ page: check.name, language, overflow: { by: 0 } });
      if (language === 'ar') await screenshot(page, `shell-${check.name}-ar-phone`);
    }

    async function auditAll(context: BrowserContext, checks: Check[], signIn?: (page: Page) => Promise<void>) {
      const page = await context.newPage();
      const watched = watch(page);
      if (signIn) await signIn(page);
      else await page.goto(base, { waitUntil: 'networkidle' });
      for (const language of ['en', 'ar'] as const) {
        await page.evaluate((choice) => window.localStorage.setItem('liaison.locale', choice), language);
        for (const check of checks) await audit(page, check, language);
      }
      expect(watched.failures).toEqual([]);
      expect(watched.problems).toEqual([]);
      await page.close();
    }

    afterAll(() => {
      // Reported once, all together, so that one run shows every page's problems.
      expect(violations).toEqual([]);
    });

    it('signed out: home, sign-in, invitation and reset (with valid links)', async () => {
      const invitation = await invite({
        email: `later-${suffix}@test.liaison.example`,
        role: 'focal_point',
        authorityId: mauritius.id,
        networkIds: [networkA.id],
      });
      const someone = await createUser(api.app, 'focal_point', { authorityId: mauritius.id });
      await send('POST', `/api/users/${someone.id}/reset-link`);
      const reset = new URL((await mailedLink(smtp, someone.email)).url);
      const context = await browser.newContext({ viewport: DESKTOP });
      await auditAll(context, [
        { name: 'home', open: '/', ready: '[data-testid="status-overall"][data-state="ok"]' },
        { name: 'sign-in', open: '/sign-in', ready: '[data-testid="sign-in-email"]' },
        {
          name: 'invitation',
          open: () => `${base}${invitation.pathname}${invitation.hash}`,
          ready: '[data-testid="totp-secret"]',
        },
        { name: 'reset', open: () => `${base}${reset.pathname}${reset.hash}`, ready: '[data-testid="totp-secret"]' },
        { name: 'not-found', open: '/no-such-page', ready: '[data-testid="not-found"]' },
      ]);
      await context.close();
    });

    it('a focal point: home, directory, record and profile', async () => {
      const focal = await createUser(api.app, 'focal_point', {
        authorityId: mauritius.id,
        timeZone: 'Indian/Mauritius',
      });
      await send('POST', `/api/networks/${networkA.id}/members`, { userId: focal.id });
      const context = await browser.newContext({ viewport: DESKTOP });
      await auditAll(
        context,
        [
          { name: 'home-signed-in', open: '/', ready: '[data-testid="network-card"]' },
          { name: 'directory', open: `/directory?network=${networkB.id}`, ready: '[data-testid="authority-result"]' },
          { name: 'record', open: `/directory/${paris.id}`, ready: '[data-testid="office-hours-viewer"]' },
          { name: 'profile', open: '/profile', ready: '[data-testid="sessions"]' },
        ],
        (page) => signInThroughPage(page, focal, new Date()),
      );
      await context.close();
    });

    it('an admin: every section of the administration', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      await auditAll(
        context,
        [
          { name: 'admin-users', open: '/admin/users', ready: '[data-testid="user-row"]' },
          { name: 'admin-invite', open: '/admin/invite', ready: '[data-testid="invite-networks"] input' },
          { name: 'admin-states', open: '/admin/states', ready: '[data-testid="states"]' },
          {
            name: 'admin-authorities',
            open: '/admin/authorities',
            ready: '[data-testid="authorities"]',
            then: async (page) => {
              await byTestId(page, 'authority-new').click();
              await byTestId(page, 'office-hours-editor').waitFor();
            },
          },
          {
            name: 'admin-networks',
            open: '/admin/networks',
            ready: '[data-testid="networks"]',
            then: async (page) => {
              await page.locator('[data-testid="networks"] li', { hasText: networkA.name }).getByRole('button').click();
              await byTestId(page, 'members').waitFor();
            },
          },
          { name: 'admin-audit', open: '/admin/audit', ready: '[data-testid="audit-entry"]' },
        ],
        // The admin signed in over HTTP at the start: the page uses the next code.
        (page) => signInThroughPage(page, admin, new Date(Date.now() + 30_000)),
      );
      await context.close();
    });

    it('a coordinator: the networks they coordinate', async () => {
      const coordinator = await createUser(api.app, 'coordinator', { authorityId: mauritius.id });
      await send('PUT', `/api/networks/${networkA.id}/coordinators`, { userIds: [coordinator.id] });
      const context = await browser.newContext({ viewport: DESKTOP });
      await auditAll(
        context,
        [
          {
            name: 'coordination',
            open: '/coordination',
            ready: '[data-testid="coordination-authority"] option[value]:not([value=""])',
          },
        ],
        (page) => signInThroughPage(page, coordinator, new Date()),
      );
      await context.close();
    });
  });
});
