import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, signIn } from '../support/auth';
import { accessibilityProblems, launchBrowser, signInThroughPage, watchConsole } from '../support/browser';
import { createUser, TestUser } from '../support/factories';
import { closedPort } from '../support/net';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(180_000);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

const week = (start: string, end: string) => {
  const day = [{ start, end }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
};

/**
 * Editing the directory in the browser: a focal point proposes a change from the record's prefilled form;
 * the secretariat, on a 360 px phone in Arabic, reviews the field-by-field diff in its queue and approves;
 * the record shows the new value. From the record, a focal point starts a private thread with its other
 * focal points. The pages pass axe-core.
 */
describe('directory editing in the browser', () => {
  let api: RunningApp;
  let browser: Browser;
  let base: string;
  let authorityId: string;
  let proposer: TestUser;
  let colleague: TestUser;
  let secretariat: TestUser;
  const contexts: BrowserContext[] = [];
  const suffix = randomUUID().slice(0, 6);
  const NEW_REMARK = `Requests by e-mail are answered within two days ${suffix}`;

  async function newPage(viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    contexts.push(context);
    return context.newPage();
  }

  async function expectAccessible(page: Page, label: string) {
    const { problems, passes } = await accessibilityProblems(page, label);
    expect(problems).toEqual([]);
    expect(passes).toBeGreaterThan(10);
  }

  beforeAll(async () => {
    if (!existsSync('dist/web/index.html'))
      throw new Error('dist/web is missing: build the web app first (npm run build)');
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    [api, browser] = await Promise.all([
      startApp({ port, env: { PUBLIC_ORIGIN: base, CORS_ORIGINS: base } }),
      launchBrowser(),
    ]);
    const admin = (await signIn(api, await createUser(api.app, 'admin'))).accessToken;
    const state = await call(api, 'POST', '/api/states', {
      token: admin,
      body: { code: 'QB', name: 'Browserland QB', untocParty: true, untocExtraditionBasis: true },
    });
    expect([201, 409]).toContain(state.status);
    const created = await call(api, 'POST', '/api/authorities', {
      token: admin,
      body: {
        stateCode: 'QB',
        name: `Browser central authority ${suffix}`,
        categories: ['mla'],
        officeHours: week('09:00', '17:00'),
        timeZone: 'Europe/Vienna',
        languages: ['en'],
        documentsRequired: ['Signed request'],
        channels: ['direct'],
        acceptsInterpol: false,
        urgentProcedure: null,
        remarks: 'Closed on public holidays',
        contact: { email: 'office@test.liaison.example' },
        lastVerified: null,
      },
    });
    expect(created.status).toBe(201);
    authorityId = ((await created.json()) as { id: string }).id;
    proposer = await createUser(api.app, 'focal_point', { authorityId, displayName: 'Amina Proposer' });
    // Another person of the authority: signing in the proposer again within the same 30 s would replay a code.
    colleague = await createUser(api.app, 'focal_point', { authorityId, displayName: 'Jean Colleague' });
    secretariat = await createUser(api.app, 'secretariat', { displayName: 'Secretariat Reviewer' });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await api?.close();
  });

  it('a focal point proposes; the secretariat reviews the diff on a phone in Arabic and approves', async () => {
    const page = await newPage(DESKTOP);
    const problems = watchConsole(page);
    await signInThroughPage(page, base, proposer);
    await page.goto(`${base}/directory/${authorityId}`, { waitUntil: 'networkidle' });
    await byTestId(page, 'verification-due').waitFor();
    await expectAccessible(page, 'record');
    await byTestId(page, 'propose-link').click();
    await page.waitForURL(`${base}/directory/${authorityId}/propose`);
    // Prefilled from the record.
    await expect(byTestId(page, 'propose-remarks').inputValue()).resolves.toBe('Closed on public holidays');
    await expectAccessible(page, 'propose form');
    await byTestId(page, 'propose-remarks').fill(NEW_REMARK);
    await byTestId(page, 'propose-submit').click();
    await page.waitForURL(/\/directory\/proposals\/[0-9a-f-]{36}$/);
    await byTestId(page, 'proposal-diff').filter({ hasText: NEW_REMARK }).waitFor();
    await expect(byTestId(page, 'proposal-status-badge').getAttribute('data-status')).resolves.toBe('pending');
    await expectAccessible(page, 'proposal');

    const phone = await newPage(PHONE);
    const phoneProblems = watchConsole(phone);
    await signInThroughPage(phone, base, secretariat);
    await phone.evaluate(() => window.localStorage.setItem('liaison.locale', 'ar'));
    await phone.goto(`${base}/directory/proposals`, { waitUntil: 'networkidle' });
    await phone.waitForFunction(() => document.documentElement.dir === 'rtl');
    const item = byTestId(phone, 'proposal-list')
      .locator('li')
      .filter({ hasText: `Browser central authority ${suffix}` });
    await item.waitFor();
    await expectAccessible(phone, 'review queue (ar, 360 px)');
    await item.locator('a').click();
    const diff = byTestId(phone, 'proposal-diff');
    await diff.filter({ hasText: NEW_REMARK }).waitFor();
    // The remark, three ways: proposed, as it was, as it is now.
    const row = diff.locator('tr[data-field="remarks"] td');
    await expect(row.allTextContents()).resolves.toEqual([
      NEW_REMARK,
      'Closed on public holidays',
      'Closed on public holidays',
    ]);
    await expectAccessible(phone, 'proposal review (ar, 360 px)');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await byTestId(phone, 'approve').click();
    await phone.locator('[data-testid="proposal-status-badge"][data-status="approved"]').waitFor();

    await page.goto(`${base}/directory/${authorityId}`, { waitUntil: 'networkidle' });
    await page.getByText(NEW_REMARK).waitFor();
    await page.goto(`${base}/directory/${authorityId}/history`, { waitUntil: 'networkidle' });
    await byTestId(page, 'version-diff').filter({ hasText: NEW_REMARK }).waitFor();
    await expectAccessible(page, 'history');
    expect(problems).toEqual([]);
    expect(phoneProblems).toEqual([]);
  });

  it('starts a private thread with the authority’s focal points from its record', async () => {
    const page = await newPage(DESKTOP);
    await signInThroughPage(page, base, colleague);
    await page.goto(`${base}/directory/${authorityId}`, { waitUntil: 'networkidle' });
    await byTestId(page, 'thread-subject').fill(`Urgent request ${suffix}`);
    await byTestId(page, 'thread-start').click();
    await page.waitForURL(/\/threads\/[0-9a-f-]{36}$/);
    await page.getByText(`Urgent request ${suffix}`).first().waitFor();
  });
});
