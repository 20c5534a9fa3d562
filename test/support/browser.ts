import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';
import type { TestUser } from './factories';

/** Debian's Chromium; tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '../../reports/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects what a user's console would show as a problem: errors, uncaught exceptions, CSP violations. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    // Chromium's own note when a page closes a WebSocket that is still opening (signing out while the
    // realtime connection starts): nothing the user sees and nothing wrong.
    if (message.text().includes('WebSocket is closed before the connection is established')) return;
    problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * axe-core on the page as it is, with the experimental label-in-name rule on: the serious and critical violations, one line each and labelled, and how
 * many checks passed (a page that rendered nothing passes few).
 */
export async function accessibilityProblems(
  page: Page,
  label: string,
): Promise<{ problems: string[]; passes: number }> {
  const { violations, passes } = await new AxeBuilder({ page })
    .setLegacyMode(true)
    // WCAG 2.5.3 (label in name): experimental in axe-core, so off unless asked for.
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const problems = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${label}: ${violation.id} — ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  return { problems, passes: passes.length };
}

/**
 * Signs a user in through the sign-in page: password, then the authenticator's code at `at`, or at the
 * moment the code is typed (on a busy machine the password step can outlast a code's window).
 */
export async function signInThroughPage(page: Page, base: string, user: TestUser, at?: Date): Promise<void> {
  await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
  await page.locator('[data-testid="sign-in-email"]').fill(user.email);
  await page.locator('[data-testid="sign-in-password"]').fill(user.password);
  await page.locator('[data-testid="sign-in-submit"]').click();
  await page.locator('[data-testid="sign-in-code"]').fill(user.code(at ?? new Date()));
  await page.locator('[data-testid="sign-in-submit"]').click();
  await page.locator('[data-testid="header-user"]').waitFor({ state: 'attached' });
}
