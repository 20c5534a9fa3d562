import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { call, signIn } from '../support/auth';
import { accessibilityProblems, launchBrowser, screenshot, watchConsole } from '../support/browser';
import { createUser, TestUser } from '../support/factories';
import { closedPort } from '../support/net';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(120_000);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/**
 * The helpdesk's statistics page: the secretariat filters every network's cases; a coordinator sees only
 * the networks they coordinate, and reads the page in Arabic on a 360 px phone, charts drawn right to left,
 * with nothing wider than the screen and no axe violation.
 *
 * The API listens on a port chosen in advance that is also its public origin, so that the refresh endpoint
 * accepts the page.
 */
describe('helpdesk statistics page', () => {
  let api: RunningApp;
  let browser: Browser;
  let base: string;
  const suffix = randomUUID().slice(0, 6);
  // Two pairs of States, each pair in a network of its own.
  const codes = { a: 'XE', b: 'XF', c: 'XG', d: 'XH' };
  let networks: { ab: { id: string; name: string }; cd: { id: string; name: string } };
  let secretariat: TestUser;
  let coordinator: TestUser;
  let focalPoint: TestUser;

  beforeAll(async () => {
    if (!existsSync('dist/web/index.html'))
      throw new Error('dist/web is missing: build the web app first (npm run build)');
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    [api, browser] = await Promise.all([
      startApp({ port, env: { PUBLIC_ORIGIN: base, CORS_ORIGINS: base } }),
      launchBrowser(),
    ]);
    const db = api.app.get(DataSource);
    for (const code of Object.values(codes))
      await db.query(
        `INSERT INTO states (code, name, untoc_party, untoc_extradition_basis) VALUES ($1, $2, true, true) ON CONFLICT DO NOTHING`,
        [code, `Chartland ${code}`],
      );
    const authority = async (code: string) =>
      (
        (await db.query(
          `INSERT INTO authorities (state_code, name, categories, office_hours, time_zone, languages, documents_required, channels, contact)
           VALUES ($1, $2, '{mla}', '{}'::jsonb, 'UTC', '{en}', '{}', '{direct}', '{}'::jsonb) RETURNING id`,
          [code, `Chart authority ${code} ${suffix}`],
        )) as { id: string }[]
      )[0].id;
    const authorities = {
      a: await authority(codes.a),
      b: await authority(codes.b),
      c: await authority(codes.c),
      d: await authority(codes.d),
    };
    const network = async (slug: string, states: string[]) => {
      const name = `Chart network ${slug} ${suffix}`;
      const id = (
        (await db.query(`INSERT INTO networks (slug, name, description) VALUES ($1, $2, '') RETURNING id`, [
          `chart-${slug}-${suffix}`,
          name,
        ])) as { id: string }[]
      )[0].id;
      for (const state of states)
        await db.query(`INSERT INTO network_states (network_id, state_code) VALUES ($1, $2)`, [id, state]);
      return { id, name };
    };
    networks = { ab: await network('ab', [codes.a, codes.b]), cd: await network('cd', [codes.c, codes.d]) };
    secretariat = await createUser(api.app, 'secretariat');
    coordinator = await createUser(api.app, 'coordinator', { authorityId: authorities.a });
    await db.query(`INSERT INTO network_members (network_id, user_id, network_role) VALUES ($1, $2, 'coordinator')`, [
      networks.ab.id,
      coordinator.id,
    ]);

    // Cases: three between A and B (one refused), one between C and D.
    const token = async (user: TestUser) => (await signIn(api, user)).accessToken;
    const focalA = await token(await createUser(api.app, 'focal_point', { authorityId: authorities.a }));
    focalPoint = await createUser(api.app, 'focal_point', { authorityId: authorities.a });
    const focalC = await token(await createUser(api.app, 'focal_point', { authorityId: authorities.c }));
    // Another member of the secretariat resolves a case (a TOTP code is accepted once per user).
    const staff = await token(await createUser(api.app, 'secretariat'));
    const file = async (who: string, requested: 'b' | 'd', overrides: Record<string, unknown> = {}) => {
      const response = await call(api, 'POST', '/api/helpdesk/tickets', {
        token: who,
        body: {
          requestedStateCode: codes[requested],
          requestedAuthorityId: authorities[requested],
          cooperationType: 'mla',
          offenceCategory: 'corruption',
          legalBasis: 'untoc_18',
          dateSent: '2026-09-01',
          requesterReference: `CHART-${suffix}`,
          channel: 'central_authority',
          blockageReason: 'no_reply',
          blockedSince: '2026-10-01',
          description: 'No reply since October.',
          ...overrides,
        },
      });
      if (response.status !== 201) throw new Error(`filing answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: string };
    };
    await file(focalA, 'b');
    await file(focalA, 'b', { cooperationType: 'extradition', legalBasis: 'untoc_16' });
    const refused = await file(focalA, 'b', { offenceCategory: 'trafficking_persons' });
    await file(focalC, 'd', { offenceCategory: 'drugs' });
    const resolved = await call(api, 'POST', `/api/helpdesk/tickets/${refused.id}/status`, {
      token: staff,
      body: { status: 'resolved', outcome: 'refused', outcomeGround: 'political_offence' },
    });
    if (resolved.status !== 200) throw new Error(`resolving answered ${resolved.status}`);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function signInThroughPage(page: Page, user: TestUser) {
    await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
    await byTestId(page, 'sign-in-email').fill(user.email);
    await byTestId(page, 'sign-in-password').fill(user.password);
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'sign-in-code').fill(user.code());
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'header-user').waitFor({ state: 'attached' });
  }

  /** The network filter's choices, after its list has loaded. */
  async function networkChoices(page: Page): Promise<string[]> {
    const select = byTestId(page, 'statistics-network');
    await page.waitForFunction(() => {
      const element = document.querySelector('[data-testid="statistics-network"]');
      return element instanceof HTMLSelectElement && element.options.length > 1;
    });
    return select.locator('option').allTextContents();
  }

  /** Every chart's canvas, with its drawn size and whether anything is painted on it. */
  async function canvases(page: Page) {
    return page.locator('figure canvas').evaluateAll((elements) =>
      (elements as HTMLCanvasElement[]).map((canvas) => {
        const box = canvas.getBoundingClientRect();
        const context = canvas.getContext('2d');
        const pixels = context?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        let painted = false;
        for (let i = 3; i < pixels.length && !painted; i += 4) painted = pixels[i] > 0;
        return { width: box.width, height: box.height, painted };
      }),
    );
  }

  it('lets the secretariat filter every network’s cases, by network among others', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await signInThroughPage(page, secretariat);

    await byTestId(page, 'nav-statistics').click();
    await page.waitForURL(`${base}/statistics`);
    await byTestId(page, 'statistics-total').waitFor();
    expect(await networkChoices(page)).toEqual(expect.arrayContaining([networks.ab.name, networks.cd.name]));

    await byTestId(page, 'statistics-network').selectOption(networks.cd.id);
    await byTestId(page, 'statistics-apply').click();
    await page.waitForURL(`${base}/statistics?networkId=${networks.cd.id}`);
    await page.getByText('Cases counted: 1', { exact: true }).waitFor();
    const offences = page.getByRole('table', { name: 'Cases by offence' });
    expect(await offences.locator('tbody tr').allInnerTexts()).toEqual(['Drug trafficking\t1']);

    await byTestId(page, 'statistics-network').selectOption(networks.ab.id);
    await byTestId(page, 'statistics-apply').click();
    await page.getByText('Cases counted: 3', { exact: true }).waitFor();
    expect(
      await page.getByRole('table', { name: 'Resolved cases by outcome' }).locator('tbody tr').allInnerTexts(),
    ).toEqual(['Refused\t1']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a coordinator only their networks, in Arabic at 360 px: charts drawn, no overflow, axe-clean', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ar' });
    await context.addInitScript(() => window.localStorage.setItem('liaison.locale', 'ar'));
    const page = await context.newPage();
    const problems = watchConsole(page);
    await signInThroughPage(page, coordinator);

    await byTestId(page, 'menu-button').click();
    await byTestId(page, 'nav-statistics').click();
    await page.waitForURL(`${base}/statistics`);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Only the network they coordinate, and only its cases.
    expect(await networkChoices(page)).toEqual(['كل شبكاتي', networks.ab.name]);
    await page.getByText(`القضايا المحتسبة: ${new Intl.NumberFormat('ar').format(3)}`, { exact: true }).waitFor();

    // Every chart is drawn on a canvas of its own, within the screen.
    await page.waitForFunction(() => {
      const all = [...document.querySelectorAll('figure canvas')];
      return all.length > 0 && all.every((canvas) => canvas.getBoundingClientRect().width > 0);
    });
    const drawn = await canvases(page);
    expect(drawn.length).toBe(await page.locator('figure').count());
    for (const canvas of drawn) {
      expect(canvas.width).toBeGreaterThan(0);
      expect(canvas.width).toBeLessThanOrEqual(PHONE.width);
      expect(canvas.height).toBeGreaterThan(0);
      expect(canvas.painted).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // The figures behind a chart, shown on demand: still no overflow.
    const trend = byTestId(page, 'chart-trend');
    await trend.getByRole('button').click();
    await trend.getByRole('table').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await screenshot(page, 'statistics-ar-360');
    const { problems: violations, passes } = await accessibilityProblems(page, 'statistics (ar, 360 px)');
    expect(violations).toEqual([]);
    expect(passes).toBeGreaterThan(10);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is not offered to a focal point, whom the address shows a refusal', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    const page = await context.newPage();
    await signInThroughPage(page, focalPoint);
    expect(await byTestId(page, 'nav-statistics').count()).toBe(0);
    await page.goto(`${base}/statistics`);
    await byTestId(page, 'forbidden').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Statistics');
    expect(await page.locator('figure').count()).toBe(0);
    await context.close();
  });
});
