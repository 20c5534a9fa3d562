import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, signIn } from '../support/auth';
import { accessibilityProblems, launchBrowser, screenshot, signInThroughPage, watchConsole } from '../support/browser';
import { storedRows as rows } from '../support/database';
import { createDirectoryFixture, DirectoryFixture } from '../support/directory';
import { createUser, TestUser } from '../support/factories';
import { closedPort } from '../support/net';
import { queueEnv, withWorkers } from '../support/queues';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(180_000);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** No horizontal scroll. */
async function expectFits(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * Network meetings in the browser: a coordinator schedules a meeting with the slot finder (one invited
 * authority, in Los Angeles, shares no office hours with the one in Mauritius: the finder says so and
 * names it); the invitee, on a phone in Paris, gets the invitation live in the bell, opens it, sees the
 * time in their zone beside the meeting's, and accepts; the organizer's page shows the answer live. The
 * month calendar in Arabic at 360 px (and the meeting page) pass axe-core without horizontal scroll.
 */
describe('meetings in the browser', () => {
  let api: RunningApp;
  let browser: Browser;
  let base: string;
  let network: DirectoryFixture;
  let farAway: DirectoryFixture;
  /** The authorities of the network's State, as the directory lists them (other specs may add some). */
  let networkAuthorities: number;
  let coordinator: TestUser;
  let focal: TestUser;
  let organizer: { context: BrowserContext; page: Page; problems: string[] };
  let invitee: { context: BrowserContext; page: Page; problems: string[] };
  let meetingId: string;
  let month: string;

  const open = async (viewport: typeof DESKTOP) => {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    const page = await context.newPage();
    return { context, page, problems: watchConsole(page) };
  };

  beforeAll(async () => {
    if (!existsSync('dist/web/index.html'))
      throw new Error('dist/web is missing: build the web app first (npm run build)');
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    const env = queueEnv(await closedPort(), { PUBLIC_ORIGIN: base, CORS_ORIGINS: base });
    [api, browser] = await Promise.all([(async () => withWorkers(await startApp({ port, env })))(), launchBrowser()]);
    const adminToken = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    network = await createDirectoryFixture(api, adminToken, { stateCode: 'QM' });
    // An authority of the same State whose office hours (08:00–16:00 in Los Angeles) never meet Mauritius's.
    farAway = await createDirectoryFixture(api, adminToken, { stateCode: 'QM', timeZone: 'America/Los_Angeles' });
    const listed = await call(api, 'GET', `/api/authorities?network=${network.networkId}&limit=100`, {
      token: adminToken,
    });
    networkAuthorities = ((await listed.json()) as { items: unknown[] }).items.length;
    coordinator = await createUser(api.app, 'coordinator', {
      authorityId: network.authorityId,
      timeZone: 'Indian/Mauritius',
      displayName: 'Ravi Coordinator',
    });
    focal = await createUser(api.app, 'focal_point', {
      authorityId: network.authorityId,
      timeZone: 'Europe/Paris',
      displayName: 'Priya Ramdin',
    });
    const distant = await createUser(api.app, 'focal_point', { authorityId: farAway.authorityId });
    for (const user of [focal, distant]) {
      const added = await call(api, 'POST', `/api/networks/${network.networkId}/members`, {
        token: adminToken,
        body: { userId: user.id },
      });
      expect(added.status).toBe(201);
    }
    const coordinators = await call(api, 'PUT', `/api/networks/${network.networkId}/coordinators`, {
      token: adminToken,
      body: { userIds: [coordinator.id] },
    });
    expect(coordinators.status).toBe(200);
    [organizer, invitee] = await Promise.all([open(DESKTOP), open(PHONE)]);
    await Promise.all([
      signInThroughPage(organizer.page, base, coordinator),
      signInThroughPage(invitee.page, base, focal),
    ]);
  });

  afterAll(async () => {
    // Nothing of this suite may remind anyone later.
    if (network)
      await rows(`UPDATE meetings SET cancelled_at = now() WHERE network_id = $1 AND cancelled_at IS NULL`, [
        network.networkId,
      ]);
    await organizer?.context.close();
    await invitee?.context.close();
    await browser?.close();
    await api?.close();
  });

  it('schedules with the slot finder; the invitee is told live, accepts, and the organizer sees it live', async () => {
    // The invitee has the meetings page open, connected, with what the bell counted so far (being added to
    // the network).
    const phone = invitee.page;
    await phone.goto(`${base}/meetings`, { waitUntil: 'networkidle' });
    await byTestId(phone, 'agenda-empty').waitFor();
    await phone.locator('[data-testid="connection-state"][data-state="online"]').waitFor({ timeout: 15_000 });
    const unread = () =>
      phone.evaluate(() => document.querySelector('[data-testid="notification-unread"]')?.textContent?.trim());
    await phone.waitForFunction(() => document.querySelector('[data-testid="notification-unread"]')?.textContent);
    const before = Number(await unread());

    const page = organizer.page;
    await page.goto(`${base}/meetings`, { waitUntil: 'networkidle' });
    await byTestId(page, 'schedule-meeting').click();
    await page.waitForURL(`${base}/meetings/new`);
    await byTestId(page, 'meeting-title').fill('Focal points meeting');
    await byTestId(page, 'meeting-agenda').fill('1. Pending requests\n2. **Any** other business');
    await expect(byTestId(page, 'meeting-zone').inputValue()).resolves.toBe('Indian/Mauritius');

    // The finder: no time suits both authorities; the best slots name the one outside its hours.
    await byTestId(page, 'find-slots').click();
    const slots = byTestId(page, 'slot');
    await slots.first().waitFor();
    await expect(byTestId(page, 'slots-summary').innerText()).resolves.toContain(
      'No time is inside every invited authority’s office hours.',
    );
    const first = await slots.first().innerText();
    expect(first).toMatch(/Outside office hours: Fixture central authority/);
    expect(first).toContain('(America/Los_Angeles)');
    expect(first).toContain('(Indian/Mauritius)');
    await slots.first().getByRole('button', { name: 'Use this time' }).click();
    const start = await byTestId(page, 'meeting-start').inputValue();
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    // Inside Mauritius's office hours, on a weekday.
    const hour = Number(start.slice(11, 13));
    expect(hour).toBeGreaterThanOrEqual(8);
    expect(hour).toBeLessThan(16);
    // Each invited authority's local time for the chosen start: every authority of the network's State.
    expect(networkAuthorities).toBeGreaterThanOrEqual(2);
    await expect(byTestId(page, 'authority-time').count()).resolves.toBe(networkAuthorities);
    const form = await accessibilityProblems(page, 'schedule form (en)');
    expect(form.problems).toEqual([]);
    await screenshot(page, 'meetings-schedule-form');

    await byTestId(page, 'meeting-url').fill('https://meet.example.org/ioc');
    await byTestId(page, 'meeting-submit').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    meetingId = page.url().split('/').pop() ?? '';
    month = start.slice(0, 7);
    await expect(byTestId(page, 'meeting-heading').innerText()).resolves.toBe('Focal points meeting');
    await byTestId(page, 'answers-empty').waitFor();

    // The invitee, on a phone: the agenda shows the meeting and the bell counts the invitation, without a
    // reload; the bell's item opens the meeting.
    await byTestId(phone, 'agenda').getByText('Focal points meeting').waitFor({ timeout: 15_000 });
    // At least one more: the notices of joining the network may still be arriving beside the invitation.
    await phone.waitForFunction(
      (counted) => Number(document.querySelector('[data-testid="notification-unread"]')?.textContent?.trim()) > counted,
      before,
      { timeout: 15_000 },
    );
    await byTestId(phone, 'notification-bell').click();
    const item = byTestId(phone, 'notification-item').filter({ hasText: 'Invitation to a meeting' }).first();
    await item.waitFor();
    await item.locator('a').click();
    await phone.waitForURL(`${base}/meetings/${meetingId}`);
    // Their time (Paris) first, the meeting's (Mauritius) beside it.
    const when = await byTestId(phone, 'meeting-when').innerText();
    expect(when).toContain('(Indian/Mauritius)');
    expect(when).toContain(`${start.slice(11, 16)} (Indian/Mauritius)`);
    await byTestId(phone, 'answer-series-accepted').click();
    await phone.locator('[data-testid="answer-series-accepted"][aria-pressed="true"]').waitFor();

    // The organizer's open page lists the answer, live.
    const row = byTestId(page, 'answer-row');
    await row.waitFor({ timeout: 15_000 });
    await expect(row.innerText()).resolves.toMatch(/Priya Ramdin[\s\S]*For every date[\s\S]*Accepted/);
    await screenshot(page, 'meetings-page-organizer');

    expect([...organizer.problems, ...invitee.problems]).toEqual([]);
  });

  it('shows the month calendar in Arabic at 360 px, right to left, axe-clean and without horizontal scroll', async () => {
    const phone = invitee.page;
    await phone.evaluate(() => window.localStorage.setItem('liaison.locale', 'ar'));
    const violations: string[] = [];
    const audit = async (name: string, path: string, ready: string) => {
      await phone.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      await phone.locator(ready).first().waitFor();
      await expect(phone.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');
      expect(await phone.locator('h1').count()).toBe(1);
      const { problems, passes } = await accessibilityProblems(phone, `${name} (ar, 360 px)`);
      expect(passes).toBeGreaterThan(10);
      violations.push(...problems);
      await expectFits(phone);
      await screenshot(phone, `meetings-${name}-ar-phone`);
    };

    // At 360 px the month is the list of its days; the meeting is in it, under its day.
    await audit('calendar', `/meetings?month=${month}`, '[data-testid="month-list"] [data-testid="agenda-item"]');
    await expect(byTestId(phone, 'month-grid').isVisible()).resolves.toBe(false);
    await expect(byTestId(phone, 'month-title').innerText()).resolves.not.toBe(month);
    await audit('meeting', `/meetings/${meetingId}`, '[data-testid="occurrence"]');

    // Wider, the grid: the meeting is a link in its day, reached from the keyboard.
    await phone.setViewportSize(DESKTOP);
    await phone.goto(`${base}/meetings?month=${month}`, { waitUntil: 'networkidle' });
    const entry = byTestId(phone, 'month-entry').first();
    await entry.waitFor();
    await entry.focus();
    await phone.keyboard.press('Enter');
    await phone.waitForURL(`${base}/meetings/${meetingId}`);
    await phone.setViewportSize(PHONE);
    await phone.evaluate(() => window.localStorage.setItem('liaison.locale', 'en'));

    expect(violations).toEqual([]);
    expect(invitee.problems).toEqual([]);
  });
});
