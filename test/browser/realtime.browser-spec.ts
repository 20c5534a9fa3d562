import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchConsole } from '../support/browser';
import { createUser, TestUser } from '../support/factories';
import { closedPort } from '../support/net';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(120_000);

const PHONE = { width: 360, height: 740 };

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/**
 * What Chromium prints while the API is down: the socket's attempts, and the requests that found nobody.
 * Anything else (an uncaught exception, a CSP violation) is a problem.
 */
const OUTAGE_NOISE = [
  /^error: WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/socket\.io\/.*' failed/,
  /^error: Failed to load resource: net::ERR_CONNECTION_REFUSED$/,
];

/**
 * The realtime connection as a signed-in user sees it: the header's indicator says online, then
 * reconnecting while the API is down, then online again once an API answers on the same address, in a
 * 360 px header, in English and in Arabic.
 *
 * The API listens on a port chosen in advance that is also its public origin, so that the refresh endpoint
 * and the socket handshake (both check the Origin) accept the page, and a new API can take over the address.
 */
describe('realtime connection indicator', () => {
  let api: RunningApp | undefined;
  let browser: Browser;
  let port: number;
  let base: string;
  let user: TestUser;

  const start = () => startApp({ port, env: { PUBLIC_ORIGIN: base, CORS_ORIGINS: base } });

  beforeAll(async () => {
    if (!existsSync('dist/web/index.html'))
      throw new Error('dist/web is missing: build the web app first (npm run build)');
    port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    [api, browser] = await Promise.all([start(), launchBrowser()]);
    user = await createUser(api.app, 'focal_point');
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function indicator(page: Page) {
    const element = byTestId(page, 'connection-state');
    return {
      element,
      state: await element.getAttribute('data-state'),
      /** The visible words (a visually hidden "Live updates:" comes before them). */
      text: (await element.locator('.connection__text').innerText()).trim(),
    };
  }

  async function waitForState(page: Page, state: string, timeout: number) {
    await page.locator(`[data-testid="connection-state"][data-state="${state}"]`).waitFor({ timeout });
  }

  /**
   * At 360 px: the indicator is under the site name, on one line, beside the menu button (not over it), inside
   * the header, and nothing overflows.
   */
  async function expectFits(page: Page) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const [box, menu, title, header] = await Promise.all(
      [
        byTestId(page, 'connection-state'),
        byTestId(page, 'menu-button'),
        page.locator('.site-title'),
        page.locator('.site-header'),
      ].map((locator) => locator.boundingBox()),
    );
    if (!box || !menu || !title || !header) throw new Error('the header is not laid out');
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.y).toBeGreaterThanOrEqual(title.y + title.height);
    expect(box.y + box.height).toBeLessThanOrEqual(header.y + header.height);
    expect(box.height).toBeLessThan(32);
    const apart = box.x + box.width <= menu.x || menu.x + menu.width <= box.x || box.y >= menu.y + menu.height;
    expect(apart).toBe(true);
    // The menu button stays on the first row, level with the name and the indicator.
    expect(menu.y).toBeLessThan(box.y + box.height);
  }

  it('shows online, reconnecting while the API is down, and online again when it is back', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    const problems = watchConsole(page);

    // Signed out: no indicator.
    await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
    expect(await byTestId(page, 'connection-state').count()).toBe(0);

    await byTestId(page, 'sign-in-email').fill(user.email);
    await byTestId(page, 'sign-in-password').fill(user.password);
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'sign-in-code').fill(user.code());
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'header-user').waitFor({ state: 'attached' });

    // Online: a polite status region in the header, with a word (not only a colour).
    await waitForState(page, 'online', 15_000);
    let shown = await indicator(page);
    expect(await shown.element.getAttribute('role')).toBe('status');
    expect(shown.text).toBe('Online');
    expect(await shown.element.textContent()).toBe('Live updates: Online');
    await screenshot(page, 'realtime-online');
    await expectFits(page);

    // The API goes away: reconnecting (after the indicator's short grace period).
    await api?.close();
    api = undefined;
    await waitForState(page, 'reconnecting', 10_000);
    shown = await indicator(page);
    expect(shown.text).toBe('Reconnecting…');
    await expectFits(page);
    await screenshot(page, 'realtime-reconnecting');

    // Still down: in Arabic the longer wording still fits (the profile cannot be saved, that is expected).
    await byTestId(page, 'menu-button').click();
    await byTestId(page, 'language-switcher').selectOption('ar');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    shown = await indicator(page);
    expect(shown.state).toBe('reconnecting');
    expect(shown.text).toBe('جارٍ إعادة الاتصال…');
    await expectFits(page);

    // A new API on the same address: online again (socket.io's backoff reaches 10 s, ± 50 %).
    api = await start();
    await waitForState(page, 'online', 20_000);
    shown = await indicator(page);
    expect(shown.text).toBe('متصل');
    await expectFits(page);

    // Signing out removes the indicator.
    await byTestId(page, 'menu-button').click();
    await byTestId(page, 'sign-out').click();
    await page.waitForURL(`${base}/sign-in`);
    expect(await byTestId(page, 'connection-state').count()).toBe(0);

    expect(problems.filter((problem) => !OUTAGE_NOISE.some((noise) => noise.test(problem)))).toEqual([]);
    await context.close();
  });
});
