import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, signIn } from '../support/auth';
import { accessibilityProblems, launchBrowser, screenshot, watchConsole } from '../support/browser';
import { connectAs } from '../support/database';
import { createDirectoryFixture, DirectoryFixture } from '../support/directory';
import { createUser, TestUser } from '../support/factories';
import { closedPort } from '../support/net';
import { eventually, queueEnv, withWorkers } from '../support/queues';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(180_000);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/**
 * What Chromium prints while the API is down (the socket's attempts, the requests that found nobody), and
 * the mail section's 404 (this deployment has an SMTP relay, so no mail catcher). Anything else is a problem.
 */
const EXPECTED_NOISE = [
  /^error: WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/socket\.io\/.*' failed/,
  /^error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/,
  /^error: Failed to load resource: the server responded with a status of 404 \(Not Found\)$/,
];

/**
 * Notifications as a signed-in focal point sees them: the header's bell counts and lists a notification the
 * moment an admin adds them to a network, without a reload, at 360 px; after the API restarts (and a
 * notification was made while the page was not connected) the count is right again without a reload; items
 * open their link and are marked read; the notifications page, and the admin's failed jobs, deliveries and
 * mail sections pass axe-core in English and in Arabic.
 *
 * The API runs the queue workers in its own process (as the worker process would), on a port chosen in
 * advance that is also its public origin, so that a new API can take over the address. E-mail goes to a
 * port where nothing listens: e-mail deliveries fail and end as failed jobs, which the admin section shows.
 */
describe('notifications in the browser', () => {
  let api: RunningApp | undefined;
  let browser: Browser;
  let port: number;
  let base: string;
  let env: Record<string, string>;
  let admin: TestUser;
  let adminToken: string;
  let networks: DirectoryFixture[];
  let focal: TestUser;
  /** The focal point's page, signed in across the tests that follow one another. */
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const requests: string[] = [];

  const start = async () => withWorkers(await startApp({ port, env }));
  const running = () => {
    if (!api) throw new Error('the API is not running');
    return api;
  };

  async function addToNetwork(index: number) {
    const response = await call(running(), 'POST', `/api/networks/${networks[index].networkId}/members`, {
      token: adminToken,
      body: { userId: focal.id },
    });
    expect(response.status).toBeLessThan(300);
  }

  async function networkName(index: number): Promise<string> {
    const response = await call(running(), 'GET', `/api/networks/${networks[index].networkId}`, { token: adminToken });
    return ((await response.json()) as { name: string }).name;
  }

  async function signInThroughPage(target: Page, user: TestUser, at = new Date()) {
    await target.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
    await byTestId(target, 'sign-in-email').fill(user.email);
    await byTestId(target, 'sign-in-password').fill(user.password);
    await byTestId(target, 'sign-in-submit').click();
    await byTestId(target, 'sign-in-code').fill(user.code(at));
    await byTestId(target, 'sign-in-submit').click();
    await byTestId(target, 'header-user').waitFor({ state: 'attached' });
  }

  /** Waits for the number the badge holds (the element is there, hidden, at 0). */
  async function waitForUnread(target: Page, count: number, timeout = 15_000) {
    await target.waitForFunction(
      (expected) => document.querySelector('[data-testid="notification-unread"]')?.textContent?.trim() === expected,
      String(count),
      {
        timeout,
      },
    );
  }

  async function waitForConnection(target: Page, state: string, timeout: number) {
    await target.locator(`[data-testid="connection-state"][data-state="${state}"]`).waitFor({ timeout });
  }

  /** No horizontal scroll, and the element (if given) inside the viewport. */
  async function expectFits(target: Page, testId?: string) {
    const overflow = await target.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    if (!testId) return;
    const box = await byTestId(target, testId).boundingBox();
    if (!box) throw new Error(`${testId} is not laid out`);
    const width = target.viewportSize()?.width ?? 0;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  }

  beforeAll(async () => {
    if (!existsSync('dist/web/index.html'))
      throw new Error('dist/web is missing: build the web app first (npm run build)');
    port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    // Two attempts for a job: the e-mails (to a closed port) end as failed jobs within a second.
    env = queueEnv(await closedPort(), {
      PUBLIC_ORIGIN: base,
      CORS_ORIGINS: base,
      SWEEP_INTERVAL_MS: '1000',
      QUEUE_ATTEMPTS: '2',
    });
    [api, browser] = await Promise.all([start(), launchBrowser()]);
    admin = await createUser(api.app, 'admin');
    adminToken = (await signIn(api, admin)).accessToken;
    // Three networks of the same State, and a focal point of an authority of that State.
    networks = [];
    for (let i = 0; i < 3; i++) networks.push(await createDirectoryFixture(api, adminToken));
    focal = await createUser(api.app, 'focal_point', {
      authorityId: networks[0].authorityId,
      displayName: 'Priya Ramdin',
    });

    context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    page = await context.newPage();
    problems = watchConsole(page);
    page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.close();
  });

  it('counts and lists a new notification live, without a reload, on a phone', async () => {
    await signInThroughPage(page, focal);
    await waitForConnection(page, 'online', 15_000);
    const bell = byTestId(page, 'notification-bell');
    const badge = byTestId(page, 'notification-unread');

    // Nothing yet: 0, said in the button's name; the badge is hidden but holds the number.
    await waitForUnread(page, 0);
    await expect(page.getByRole('button', { name: 'Notifications (unread: 0)', exact: true }).count()).resolves.toBe(1);
    await expect(badge.isVisible()).resolves.toBe(false);
    await expect(bell.getAttribute('aria-expanded')).resolves.toBe('false');
    await bell.click();
    await expect(bell.getAttribute('aria-expanded')).resolves.toBe('true');
    await byTestId(page, 'notification-panel').getByText('No notifications yet.').waitFor();

    // The admin adds them to a network: the open panel lists it, and the badge counts it.
    const name = await networkName(0);
    await addToNetwork(0);
    await waitForUnread(page, 1);
    await expect(badge.isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Notifications (unread: 1)', exact: true }).count()).resolves.toBe(1);
    const items = byTestId(page, 'notification-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    await expect(items.first().getAttribute('data-read')).resolves.toBe('false');
    const text = await items.first().innerText();
    expect(text).toContain('Added to a network');
    expect(text).toContain(name);
    expect(text).toMatch(/by \u2068Test admin\u2069/);
    // Announced to screen readers.
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `New notification: Added to a network (${name})` })
        .count(),
    ).resolves.toBe(1);
    await expectFits(page, 'notification-panel');
    await screenshot(page, 'notifications-bell-phone');

    // Escape closes it and gives the focus back to the bell; so does a click elsewhere.
    await page.keyboard.press('Escape');
    await expect(bell.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
      'notification-bell',
    );
    await bell.click();
    await byTestId(page, 'notification-panel').waitFor();
    await byTestId(page, 'connection-state').click();
    await expect(bell.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(byTestId(page, 'notification-panel').isVisible()).resolves.toBe(false);

    // In Arabic, right to left, the bell and its panel still fit.
    await byTestId(page, 'menu-button').click();
    await byTestId(page, 'language-switcher').selectOption('ar');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(page.getByRole('button', { name: 'الإشعارات (غير المقروءة: 1)', exact: true }).count()).resolves.toBe(
      1,
    );
    await bell.click();
    await expect(items.first().innerText()).resolves.toContain('إضافة إلى شبكة');
    await expectFits(page, 'notification-panel');
    await screenshot(page, 'notifications-bell-ar-phone');
    await page.keyboard.press('Escape');
    await byTestId(page, 'menu-button').click();
    await byTestId(page, 'language-switcher').selectOption('en');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  });

  it('gets the count right after the API restarts, for a notification made while the page was not connected', async () => {
    await running().close();
    api = undefined;
    const before = requests.length;
    await waitForConnection(page, 'reconnecting', 10_000);

    // A new API on the same address (and its workers): the admin adds them to a second network at once,
    // before the page is back (socket.io waits 0.5 s, then up to 10 s, ± 50 %, between attempts).
    api = await start();
    await addToNetwork(1);
    await waitForConnection(page, 'online', 30_000);
    await waitForUnread(page, 2);
    // Caught up by fetching again once connected (whether or not the event itself arrived).
    expect(requests.slice(before)).toContain('GET /api/notifications/unread-count');
    await expect(page.getByRole('button', { name: 'Notifications (unread: 2)', exact: true }).count()).resolves.toBe(1);
    await byTestId(page, 'notification-bell').click();
    const items = byTestId(page, 'notification-item');
    await expect(items.first().innerText()).resolves.toContain(await networkName(1));
    expect(await items.count()).toBe(2);
    await page.keyboard.press('Escape');
  });

  it('opens an item (marked read), lists them all, takes a new one live and marks all read', async () => {
    const bell = byTestId(page, 'notification-bell');
    await bell.click();
    const items = byTestId(page, 'notification-item');
    // The newest: opening it marks it read and goes to its link.
    await items.first().locator('a').click();
    await page.waitForURL(`${base}/profile`);
    await expect(bell.getAttribute('aria-expanded')).resolves.toBe('false');
    await waitForUnread(page, 1);

    // The profile: which kinds also come by e-mail.
    const preference = byTestId(page, 'email-preference-network.member-added');
    await preference.waitFor();
    await expect(preference.isChecked()).resolves.toBe(true);
    await preference.uncheck();
    await byTestId(page, 'email-preferences-save').click();
    await byTestId(page, 'email-preferences-notice').getByText('Your e-mail choices are saved.').waitFor();
    await page.reload({ waitUntil: 'networkidle' });
    await preference.waitFor();
    await expect(preference.isChecked()).resolves.toBe(false);

    // All of them, from the bell's link.
    await bell.click();
    await byTestId(page, 'notification-all').click();
    await page.waitForURL(`${base}/notifications`);
    const rows = byTestId(page, 'notifications-row');
    await byTestId(page, 'notifications-count').filter({ hasText: 'Shown: 2 · Unread: 1' }).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-read')))).toEqual([
      'true',
      'false',
    ]);

    // A third arrives while the page is open: above the others, unread.
    const third = await networkName(2);
    await addToNetwork(2);
    await waitForUnread(page, 2);
    await expect(rows.first().innerText()).resolves.toContain(third);
    expect(await rows.count()).toBe(3);
    await expect(rows.first().getAttribute('data-read')).resolves.toBe('false');

    // Unread only: the two unread ones.
    await byTestId(page, 'notifications-unread-only').check();
    await page.waitForURL(`${base}/notifications?unread=1`);
    await byTestId(page, 'notifications-count').filter({ hasText: 'Shown: 2 · Unread: 2' }).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await expectFits(page);
    await screenshot(page, 'notifications-page-phone');

    // Mark all read: the rows and the bell follow, and the server agrees (after a reload).
    await byTestId(page, 'notifications-mark-all').click();
    await page.getByRole('status').filter({ hasText: 'All notifications are marked read.' }).waitFor();
    await waitForUnread(page, 0);
    expect(await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-read')))).toEqual([
      'true',
      'true',
    ]);
    await page.reload({ waitUntil: 'networkidle' });
    await byTestId(page, 'notifications-empty').waitFor();
    await waitForUnread(page, 0);

    expect(problems.filter((problem) => !EXPECTED_NOISE.some((noise) => noise.test(problem)))).toEqual([]);
  });

  describe('axe-core', () => {
    const violations: string[] = [];

    afterAll(() => {
      // Reported once, all together, so that one run shows every page's problems.
      expect(violations).toEqual([]);
    });

    /** axe-core (no serious or critical violation), one h1, no horizontal scroll at 360 px, screenshots. */
    async function audit(target: Page, name: string, path: string, ready: string, language: 'en' | 'ar') {
      await target.setViewportSize(DESKTOP);
      await target.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      await target.locator(ready).first().waitFor({ state: 'attached' });
      await expect(target.evaluate(() => document.documentElement.dir)).resolves.toBe(
        language === 'ar' ? 'rtl' : 'ltr',
      );
      expect(await target.locator('h1').count()).toBe(1);
      const { problems, passes } = await accessibilityProblems(target, `${name} (${language})`);
      expect(passes).toBeGreaterThan(10);
      violations.push(...problems);
      await screenshot(target, `notifications-${name}-${language}`);
      await target.setViewportSize(PHONE);
      await expectFits(target);
      await screenshot(target, `notifications-${name}-${language}-phone`);
    }

    it('the notifications page, in English and in Arabic', async () => {
      for (const language of ['en', 'ar'] as const) {
        await page.evaluate((choice) => window.localStorage.setItem('liaison.locale', choice), language);
        await audit(page, 'page', '/notifications', '[data-testid="notifications-row"]', language);
      }
      await page.evaluate(() => window.localStorage.setItem('liaison.locale', 'en'));
    });

    it('the admin’s jobs and mail sections, in English and in Arabic', async () => {
      // The e-mails of the three additions have failed by now (nothing listens on the SMTP port).
      await eventually(
        async () => {
          const response = await call(running(), 'GET', '/api/admin/jobs/failed', { token: adminToken });
          const jobs = (await response.json()) as unknown[];
          return jobs.length > 0 || undefined;
        },
        20_000,
        'a failed job',
      );

      // One e-mail as if its sender had died mid-send and it had been sent again (what the worker's claim
      // records then): the section flags it.
      await connectAs('superuser', (client) =>
        client.query(
          `UPDATE notification_deliveries SET unconfirmed = true
            WHERE id = (SELECT id FROM notification_deliveries WHERE user_id = $1 AND channel = 'email' ORDER BY created_at LIMIT 1)`,
          [focal.id],
        ),
      );

      const manager = await createUser(running().app, 'admin');
      const adminContext = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
      const adminPage = await adminContext.newPage();
      const adminProblems = watchConsole(adminPage);
      await signInThroughPage(adminPage, manager);

      // Failed jobs, with a retry that queues one again (it fails again later: nothing listens).
      await adminPage.goto(`${base}/admin/jobs`, { waitUntil: 'networkidle' });
      const jobs = byTestId(adminPage, 'failed-job');
      await jobs.first().waitFor();
      const count = await jobs.count();
      await expect(jobs.first().innerText()).resolves.toContain('notifications.deliver');
      await jobs.first().getByRole('button').click();
      await byTestId(adminPage, 'failed-jobs-notice')
        .getByText(/is queued again\.$/)
        .waitFor();
      // The deliveries that need attention: the failed e-mails to the focal point.
      const deliveries = byTestId(adminPage, 'delivery');
      await deliveries.first().waitFor();
      await expect(deliveries.first().innerText()).resolves.toContain(focal.email);
      expect(count).toBeGreaterThan(0);
      const flagged = adminPage.locator('[data-testid="delivery"][data-unconfirmed="true"]');
      expect(await flagged.count()).toBe(1);
      await expect(flagged.locator('[data-testid="delivery-unconfirmed"]').innerText()).resolves.toContain(
        'Sent again',
      );
      await expect(flagged.innerText()).resolves.toContain('the recipient may have it twice');

      // The mail section says why it has nothing to show (an SMTP relay is configured: no mail catcher).
      await adminPage.goto(`${base}/admin/mail`, { waitUntil: 'networkidle' });
      await expect(byTestId(adminPage, 'mail-unavailable').innerText()).resolves.toContain('SMTP relay');

      for (const language of ['en', 'ar'] as const) {
        await adminPage.evaluate((choice) => window.localStorage.setItem('liaison.locale', choice), language);
        await audit(adminPage, 'admin-jobs', '/admin/jobs', '[data-testid="delivery"]', language);
        await audit(adminPage, 'admin-mail', '/admin/mail', '[data-testid="mail-unavailable"]', language);
      }

      expect(adminProblems.filter((problem) => !EXPECTED_NOISE.some((noise) => noise.test(problem)))).toEqual([]);
      await adminContext.close();
    });
  });
});
