import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, watchConsole } from '../support/browser';
import { RunningApp, startApp } from '../support/test-app';

describe('placeholder page', () => {
  let api: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync('dist/web/index.html'))
      throw new Error('dist/web is missing: build the web app first (npm run build)');
    [api, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it.each([
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 360, height: 740 }],
  ])('loads under the CSP with no console error and shows the platform up (%s)', async (name, viewport) => {
    const page = await browser.newPage({ viewport });
    const problems = watchConsole(page);
    const response = await page.goto(api.url, { waitUntil: 'networkidle' });
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await page.locator('[data-testid="status-overall"][data-state="ok"]').waitFor();
    expect(await page.locator('[data-testid="status-database"]').getAttribute('data-state')).toBe('up');
    expect(await page.locator('[data-testid="status-redis"]').getAttribute('data-state')).toBe('up');
    await expect(page.title()).resolves.toBe('Liaison');
    // Nothing wider than the screen on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await screenshot(page, `placeholder-${name}`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
