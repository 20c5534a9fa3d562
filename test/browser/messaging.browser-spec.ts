import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, signIn } from '../support/auth';
import { accessibilityProblems, launchBrowser, screenshot, watchConsole } from '../support/browser';
import { connectAs } from '../support/database';
import { createUser, TestUser } from '../support/factories';
import { createForumThread, type Member, networkWithMembers } from '../support/messaging';
import { closedPort } from '../support/net';
import { RunningApp, startApp } from '../support/test-app';

jest.setTimeout(180_000);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** A name set inside a sentence, as the app isolates it (FSI … PDI) for right-to-left pages. */
const isolated = (name: string) => `\u2068${name}\u2069`;

/** The markup that must stay text: each would run script (or set `window.__xss`) if it became HTML. */
const HOSTILE = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '[click](javascript:window.__xss=3)',
];

/**
 * Secure threads in the browser, as two focal points of one network use them: A starts a private
 * conversation with B from the page (B's inbox shows it live), they write to each other and each sees the
 * other's messages arrive without a reload (the inbox's unread badge too, typing, edits), and a mention is
 * queued for B; markup in a
 * message stays inert text on both sides; B reads it in Arabic, right to left, on a 360 px phone; the search
 * page finds a message by its words in another case, without the accents or the Arabic diacritics, and its
 * result opens the thread at that message; /threads, /threads/:id and /search pass axe-core in English and
 * in Arabic.
 *
 * The API listens on a port chosen in advance that is also its public origin (the refresh endpoint and the
 * socket handshake check the Origin), with a send rate high enough for a test that sends quickly.
 */
describe('messaging in the browser', () => {
  let api: RunningApp;
  let browser: Browser;
  let base: string;
  let admin: TestUser;
  let adminToken: string;
  let networkId: string;
  let networkName: string;
  let a: Member;
  let b: Member;
  let contextA: BrowserContext;
  let contextB: BrowserContext;
  let pageA: Page;
  let pageB: Page;
  let problemsA: string[];
  let problemsB: string[];
  let threadId: string;
  let threadUrl: string;

  const NAME_A = 'Amina Diallo';
  const NAME_B = 'Jean-Marc Rakoto';
  const SUBJECT = 'Extradition request — supporting documents';
  const FIRST = "Bonjour, l'État requérant a transmis la demande d'extradition complète.";
  const ARABIC = 'تم استلام طلب التسليم المُسْتَعْجَل';

  async function signInThroughPage(target: Page, user: TestUser, at: Date) {
    await target.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
    await byTestId(target, 'sign-in-email').fill(user.email);
    await byTestId(target, 'sign-in-password').fill(user.password);
    await byTestId(target, 'sign-in-submit').click();
    await byTestId(target, 'sign-in-code').fill(user.code(at));
    await byTestId(target, 'sign-in-submit').click();
    await byTestId(target, 'header-user').waitFor({ state: 'attached' });
    await target.locator('[data-testid="connection-state"][data-state="online"]').waitFor({ timeout: 15_000 });
  }

  /** No horizontal scroll. */
  async function expectFits(target: Page) {
    const overflow = await target.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  /** What the "Messages" badge in the header holds (hidden at 0, but there). */
  async function waitForUnread(target: Page, count: number, timeout = 15_000) {
    await target.waitForFunction(
      (expected) => document.querySelector('[data-testid="nav-messages-unread"]')?.textContent?.trim() === expected,
      String(count),
      {
        timeout,
      },
    );
  }

  /** Writes and sends a message (Ctrl+Enter, or the button), and waits for the stored one (showing `shown`). */
  async function send(target: Page, text: string, options: { how?: 'keys' | 'button'; shown?: string } = {}) {
    const composer = byTestId(target, 'composer-body');
    await composer.fill(text);
    if (options.how === 'button') await byTestId(target, 'composer-send').click();
    else await composer.press('Control+Enter');
    await expect(composer.inputValue()).resolves.toBe('');
    return message(target, options.shown ?? text).waitFor();
  }

  /** The stored message (not the one being sent) showing this text. */
  const message = (target: Page, text: string) => byTestId(target, 'message').filter({ hasText: text });

  const onBothPages = async (check: (target: Page) => Promise<void>) => {
    await check(pageA);
    await check(pageB);
  };

  beforeAll(async () => {
    if (!existsSync('dist/web/index.html'))
      throw new Error('dist/web is missing: build the web app first (npm run build)');
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    [api, browser] = await Promise.all([
      startApp({
        port,
        env: { PUBLIC_ORIGIN: base, CORS_ORIGINS: base, MESSAGE_RATE_PER_SECOND: '100', MESSAGE_RATE_BURST: '200' },
      }),
      launchBrowser(),
    ]);
    admin = await createUser(api.app, 'admin');
    adminToken = (await signIn(api, admin)).accessToken;
    const network = await networkWithMembers(api, adminToken, 2);
    [a, b] = network.members;
    networkId = network.directory.networkId;
    networkName = (
      (await (await call(api, 'GET', `/api/networks/${networkId}`, { token: adminToken })).json()) as { name: string }
    ).name;
    for (const [member, displayName] of [
      [a, NAME_A],
      [b, NAME_B],
    ] as const) {
      const renamed = await call(api, 'PATCH', '/api/auth/me', {
        token: member.token,
        body: { displayName, locale: 'en' },
      });
      expect(renamed.status).toBe(200);
    }
    // A forum thread of their network, for the inbox's network tab.
    await createForumThread(api, a, networkId, 'Network forum: annual meeting');

    contextA = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    contextB = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    [pageA, pageB] = await Promise.all([contextA.newPage(), contextB.newPage()]);
    problemsA = watchConsole(pageA);
    problemsB = watchConsole(pageB);
    // The API signed them in at this step's code: the page uses the next one (each code works once).
    const next = new Date(Date.now() + 30_000);
    await Promise.all([signInThroughPage(pageA, a.user, next), signInThroughPage(pageB, b.user, next)]);
  });

  afterAll(async () => {
    await contextA?.close();
    await contextB?.close();
    await browser?.close();
    await api?.close();
  });

  it('A starts a private conversation with B from the page; B’s inbox shows it live', async () => {
    await pageB.goto(`${base}/threads`, { waitUntil: 'networkidle' });
    // B's inbox: the forum thread of their network so far.
    await byTestId(pageB, 'thread-row').filter({ hasText: 'Network forum: annual meeting' }).waitFor();
    await expect(byTestId(pageB, 'thread-row').count()).resolves.toBe(1);

    await byTestId(pageA, 'nav-messages').click();
    await pageA.waitForURL(`${base}/threads`);
    await byTestId(pageA, 'new-thread-toggle').click();
    await expect(byTestId(pageA, 'new-thread-where').inputValue()).resolves.toBe('private');
    // Nothing filled in: the problems are said, and nothing is created.
    await byTestId(pageA, 'new-thread-submit').click();
    await byTestId(pageA, 'error-subject').waitFor();
    await byTestId(pageA, 'error-participantIds').waitFor();
    await byTestId(pageA, 'new-thread-subject').fill(SUBJECT);
    await byTestId(pageA, 'people-filter').fill('rakoto');
    const option = pageA.getByLabel(new RegExp(NAME_B));
    await option.check();
    await byTestId(pageA, 'new-thread-submit').click();
    await pageA.waitForURL(/\/threads\/[0-9a-f-]{36}$/);
    threadUrl = pageA.url();
    threadId = threadUrl.split('/').pop() as string;
    await expect(byTestId(pageA, 'thread-subject').innerText()).resolves.toBe(SUBJECT);
    await expect(byTestId(pageA, 'thread-where').innerText()).resolves.toContain(`Private, with ${isolated(NAME_B)}`);
    await byTestId(pageA, 'messages-empty').waitFor();

    // Live in B's inbox (no reload): the new conversation, with A.
    const row = byTestId(pageB, 'thread-row').filter({ hasText: SUBJECT });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain(`Private, with ${isolated(NAME_A)}`);
    await waitForUnread(pageB, 0);
  });

  it('(a) each sees the other’s messages live, without a reload', async () => {
    // A writes (the Send button): shown at once as "Sending…", then as stored; B's badge and row count it.
    await pageA.evaluate(() => {
      const seen = window as unknown as { __sending?: string };
      new MutationObserver(() => {
        const pending = document.querySelector('[data-testid="message-pending"][data-status="sending"]');
        if (pending && !seen.__sending) seen.__sending = pending.textContent ?? '';
      }).observe(document.body, { subtree: true, childList: true });
    });
    await send(pageA, FIRST, { how: 'button' });
    await expect(pageA.evaluate(() => (window as unknown as { __sending?: string }).__sending)).resolves.toContain(
      'Sending…',
    );
    await expect(byTestId(pageA, 'message-pending').count()).resolves.toBe(0);
    await expect(message(pageA, FIRST).getAttribute('data-seq')).resolves.toBe('1');
    await waitForUnread(pageB, 1);
    const row = byTestId(pageB, 'thread-row').filter({ hasText: SUBJECT });
    await row.locator('[data-testid="thread-unread"]').filter({ hasText: 'Unread: 1' }).waitFor();
    // The conversation with unread messages comes first (latest activity).
    await expect(byTestId(pageB, 'thread-row').first().innerText()).resolves.toContain(SUBJECT);

    // B opens it: A's message is there, and reading it clears the badge.
    await row.locator('[data-testid="thread-link"]').click();
    await pageB.waitForURL(threadUrl);
    await message(pageB, FIRST).waitFor();
    await waitForUnread(pageB, 0);

    // A writes again, mentioning B (Ctrl+Enter): B sees it live, and is notified of the mention.
    await byTestId(pageA, 'composer-body').fill('Could you confirm the date of the hearing? ');
    await byTestId(pageA, 'mention-button').click();
    await byTestId(pageA, 'mention-option')
      .filter({ hasText: `@${NAME_B}` })
      .click();
    await expect(byTestId(pageA, 'composer-body').inputValue()).resolves.toBe(
      `Could you confirm the date of the hearing? @${NAME_B} `,
    );
    await byTestId(pageA, 'composer-body').press('Control+Enter');
    await message(pageB, 'Could you confirm the date of the hearing?').waitFor();
    // The mention waits on the stored message for the worker (which this test does not run): B, and B only.
    const mentioned = await connectAs('superuser', (client) =>
      client.query<{ author_id: string; mentions: string[] }>(
        `SELECT author_id, mentions FROM messages WHERE thread_id = $1 AND mentions IS NOT NULL`,
        [threadId],
      ),
    );
    expect(mentioned.rows).toEqual([{ author_id: a.user.id, mentions: [b.user.id] }]);

    // B types: A is told; B replies (Enter makes a new line, Ctrl+Enter sends): A sees it live.
    const composerB = byTestId(pageB, 'composer-body');
    await composerB.pressSequentially('The hearing is on', { delay: 20 });
    await byTestId(pageA, 'typing-indicator')
      .filter({ hasText: `${isolated(NAME_B)} is typing…` })
      .waitFor();
    await composerB.press('Enter');
    await composerB.pressSequentially('**14 March**, in Port Louis.');
    await expect(composerB.inputValue()).resolves.toBe('The hearing is on\n**14 March**, in Port Louis.');
    await composerB.press('Control+Enter');
    const reply = message(pageA, '14 March');
    await reply.waitFor();
    await expect(reply.locator('strong').innerText()).resolves.toBe('14 March');
    await expect(reply.getAttribute('data-seq')).resolves.toBe('3');
    await expect(byTestId(pageA, 'typing-indicator').innerText()).resolves.toBe('');
    await expect(
      byTestId(pageA, 'message').evaluateAll((found) => found.map((element) => element.getAttribute('data-seq'))),
    ).resolves.toEqual(['1', '2', '3']);

    // A edits their first message: B sees the change live, and its earlier version under "Earlier versions".
    const first = message(pageA, FIRST);
    await first.locator('[data-testid="message-edit"]').click();
    await first.locator('[data-testid="message-edit-body"]').fill(`${FIRST} (Pièces jointes : 3.)`);
    await first.locator('[data-testid="message-save"]').click();
    const editedOnB = message(pageB, '(Pièces jointes : 3.)');
    await editedOnB.locator('[data-testid="message-edited"]').waitFor();
    await editedOnB.locator('[data-testid="message-history"] summary').click();
    await expect(editedOnB.locator('[data-testid="message-versions"]').innerText()).resolves.toContain(FIRST);
  });

  it('(b) markup in a message stays inert text, on both sides', async () => {
    for (const text of HOSTILE) await send(pageA, text, { shown: text.startsWith('[') ? 'click' : text });
    const marked = (target: Page, text: string) =>
      byTestId(target, 'message')
        .filter({ hasText: text.startsWith('[') ? 'click' : text })
        .locator('[data-testid="message-body"]');
    await onBothPages(async (target) => {
      for (const text of HOSTILE.slice(0, 2)) {
        const body = marked(target, text);
        await body.waitFor();
        // Shown as the very characters typed…
        await expect(body.innerText()).resolves.toBe(text);
        // …and no element made of them.
        await expect(body.locator('script, img, iframe, object, embed').count()).resolves.toBe(0);
      }
      const link = marked(target, HOSTILE[2]);
      await link.waitFor();
      await expect(link.innerText()).resolves.toBe('click');
      // The javascript: URL was dropped: no link (an inert span) and nowhere an href to run.
      await expect(link.locator('a').count()).resolves.toBe(0);
      const hrefs = await target
        .locator('[data-testid="messages"] [href]')
        .evaluateAll((found) => found.map((element) => element.getAttribute('href') ?? ''));
      expect(hrefs.filter((href) => /^\s*javascript:/i.test(href))).toEqual([]);
      await expect(target.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).resolves.toBeUndefined();
      await expect(
        target.locator('[data-testid="messages"] script, [data-testid="messages"] img').count(),
      ).resolves.toBe(0);
    });
    // A safe link still works, in a new tab without access to this page.
    await send(pageA, 'The treaty: [text](https://example.org/treaty)', { shown: 'The treaty' });
    const safe = message(pageB, 'The treaty').locator('a');
    await safe.waitFor();
    await expect(safe.getAttribute('href')).resolves.toBe('https://example.org/treaty');
    await expect(safe.getAttribute('target')).resolves.toBe('_blank');
    await expect(safe.getAttribute('rel')).resolves.toBe('noopener noreferrer');
  });

  it('(c) in Arabic the thread reads right to left and fits a 360 px phone', async () => {
    await byTestId(pageB, 'menu-button').click();
    await byTestId(pageB, 'language-switcher').selectOption('ar');
    await pageB.keyboard.press('Escape');
    await pageB.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(pageB.evaluate(() => document.documentElement.lang)).resolves.toBe('ar');
    await expect(byTestId(pageB, 'composer-send').innerText()).resolves.toBe('إرسال');
    await expect(byTestId(pageB, 'thread-where').innerText()).resolves.toContain(`خاصة، مع ${isolated(NAME_A)}`);
    await send(pageB, ARABIC);
    await message(pageA, ARABIC).waitFor();
    await expectFits(pageB);
    // Every message inside the viewport's width.
    const boxes = await byTestId(pageB, 'message').evaluateAll((found) =>
      found.map((element) => element.getBoundingClientRect()).map((box) => [box.left, box.right]),
    );
    for (const [left, right] of boxes) {
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(PHONE.width);
    }
    await screenshot(pageB, 'messaging-thread-ar-phone');
    await pageB.goto(`${base}/threads`, { waitUntil: 'networkidle' });
    await byTestId(pageB, 'thread-row').first().waitFor();
    await expectFits(pageB);
    await screenshot(pageB, 'messaging-threads-ar-phone');
  });

  it('(d) the search page finds a message by its words in another form, and opens the thread at it', async () => {
    await pageA.goto(`${base}/search`, { waitUntil: 'networkidle' });
    // Capitals and no accents for "l'État … d'extradition".
    await byTestId(pageA, 'search-q').fill('ETAT Extradition');
    await byTestId(pageA, 'search-submit').click();
    await pageA.waitForURL(`${base}/search?q=ETAT+Extradition`);
    await byTestId(pageA, 'search-total').filter({ hasText: 'Messages found: 1' }).waitFor();
    const result = byTestId(pageA, 'search-result');
    await expect(result.count()).resolves.toBe(1);
    await expect(result.innerText()).resolves.toContain(SUBJECT);
    await expect(result.innerText()).resolves.toContain(`by ${isolated(NAME_A)}`);
    await expect(result.locator('mark').allInnerTexts()).resolves.toEqual(["l'État", "d'extradition"]);
    await screenshot(pageA, 'messaging-search');
    await result.locator('[data-testid="search-result-link"]').click();
    await pageA.waitForURL(`${threadUrl}#seq-1`);
    const target = pageA.locator('[data-testid="message"][data-seq="1"]');
    await pageA.locator('[data-testid="message"][data-seq="1"].message--target').waitFor();
    await expect(target.evaluate((element) => element === document.activeElement)).resolves.toBe(true);

    // Arabic, without the diacritics the message has.
    await pageA.goto(`${base}/search?q=${encodeURIComponent('المستعجل')}`, { waitUntil: 'networkidle' });
    await byTestId(pageA, 'search-total').filter({ hasText: 'Messages found: 1' }).waitFor();
    await expect(byTestId(pageA, 'search-result').locator('mark').allInnerTexts()).resolves.toEqual(['المُسْتَعْجَل']);

    // A word of one letter cannot be searched: said before asking.
    await byTestId(pageA, 'search-q').fill('a');
    await byTestId(pageA, 'search-submit').click();
    await byTestId(pageA, 'error-q').waitFor();

    // Inside the thread: its own search jumps to the message.
    await pageA.goto(threadUrl, { waitUntil: 'networkidle' });
    await message(pageA, '14 March').waitFor();
    await pageA.locator('summary', { hasText: 'Search this conversation' }).click();
    await byTestId(pageA, 'thread-search-q').fill('hearing');
    await byTestId(pageA, 'thread-search-submit').click();
    await byTestId(pageA, 'thread-search-total').filter({ hasText: 'Messages found: 2' }).waitFor();
    await byTestId(pageA, 'thread-search-result').last().locator('button').click();
    await pageA.locator('[data-testid="message"][data-seq="2"].message--target').waitFor();
    await pageA.waitForURL(`${threadUrl}#seq-2`);

    expect(problemsA).toEqual([]);
    expect(problemsB).toEqual([]);
  });

  it('a coordinator moderates a forum thread (B sees it live); a link to an early message of a long thread loads it', async () => {
    const coordinator = await createUser(api.app, 'coordinator', {
      authorityId: null,
      displayName: 'Ravi Coordinator',
    });
    const set = await call(api, 'PUT', `/api/networks/${networkId}/coordinators`, {
      token: adminToken,
      body: { userIds: [coordinator.id] },
    });
    expect(set.status).toBe(200);
    const forum = await createForumThread(api, a, networkId, 'Long forum thread');
    for (let index = 1; index <= 60; index += 1) {
      const sent = await call(api, 'POST', `/api/threads/${forum.id}/messages`, {
        token: a.token,
        body: { clientId: randomUUID(), body: `Forum message number ${index}` },
      });
      expect(sent.status).toBe(201);
    }
    const contextC = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    const pageC = await contextC.newPage();
    const problemsC = watchConsole(pageC);
    await signInThroughPage(pageC, coordinator, new Date());

    // The latest 50 are shown at first: message 3 is fetched (with those between), shown and focused.
    await pageC.goto(`${base}/threads/${forum.id}#seq-3`, { waitUntil: 'networkidle' });
    const third = pageC.locator('[data-testid="message"][data-seq="3"].message--target');
    await third.waitFor();
    await expect(third.innerText()).resolves.toContain('Forum message number 3');
    await expect(third.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await expect(byTestId(pageC, 'message').count()).resolves.toBe(60);
    await expect(byTestId(pageC, 'thread-where').innerText()).resolves.toContain(`Forum: ${isolated(networkName)}`);

    // B has it open (in Arabic); the coordinator locks it: B's composer gives way to the notice, live.
    await pageB.goto(`${base}/threads/${forum.id}`, { waitUntil: 'networkidle' });
    await byTestId(pageB, 'composer-body').waitFor();
    await expect(byTestId(pageB, 'moderation').count()).resolves.toBe(0);
    await pageC.locator('summary', { hasText: 'Moderation' }).click();
    await byTestId(pageC, 'thread-locked').click();
    await pageC.getByRole('status').filter({ hasText: 'The thread is locked.' }).waitFor();
    await byTestId(pageC, 'thread-closed').waitFor();
    await byTestId(pageB, 'thread-closed').filter({ hasText: 'هذا الموضوع مقفل' }).waitFor();
    await expect(byTestId(pageB, 'composer-body').count()).resolves.toBe(0);

    // The coordinator deletes a member's message: a tombstone on both pages.
    const last = pageC.locator('[data-testid="message"][data-seq="60"]');
    await last.locator('[data-testid="message-delete"]').click();
    await last.locator('[data-testid="message-delete-confirm"]').click();
    await last.locator('[data-testid="message-deleted"]').waitFor();
    await pageB
      .locator('[data-testid="message"][data-seq="60"] [data-testid="message-deleted"]')
      .filter({ hasText: 'حُذفت الرسالة' })
      .waitFor();
    await screenshot(pageC, 'messaging-forum-moderated');

    // The header's "Messages" item still leaves room for everything at the narrowest desktop layout (72rem),
    // in French (the longest words), for a coordinator (the most items but an administrator's).
    await pageC.evaluate(() => window.localStorage.setItem('liaison.locale', 'fr'));
    await pageC.setViewportSize({ width: 1152, height: 800 });
    await pageC.goto(`${base}/threads`, { waitUntil: 'networkidle' });
    await byTestId(pageC, 'thread-row').first().waitFor();
    await expect(byTestId(pageC, 'nav-messages').innerText()).resolves.toContain('Messages');
    await expectFits(pageC);
    const outside = await pageC.evaluate(
      () =>
        [...document.querySelectorAll('.site-header a, .site-header button, .site-header select')]
          .map((element) => element.getBoundingClientRect())
          .filter((box) => box.width > 0 && (box.left < 0 || box.right > window.innerWidth)).length,
    );
    expect(outside).toBe(0);
    await screenshot(pageC, 'messaging-header-fr-72rem');

    expect(problemsC).toEqual([]);
    expect(problemsB).toEqual([]);
    await contextC.close();
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
      await target.locator(ready).first().waitFor();
      await expect(target.evaluate(() => document.documentElement.dir)).resolves.toBe(
        language === 'ar' ? 'rtl' : 'ltr',
      );
      expect(await target.locator('h1').count()).toBe(1);
      const { problems, passes } = await accessibilityProblems(target, `${name} (${language})`);
      expect(passes).toBeGreaterThan(10);
      violations.push(...problems);
      await screenshot(target, `messaging-${name}-${language}`);
      await target.setViewportSize(PHONE);
      await expectFits(target);
      await screenshot(target, `messaging-${name}-${language}-phone`);
    }

    it('/threads, /threads/:id and /search, in English and in Arabic', async () => {
      for (const language of ['en', 'ar'] as const) {
        await pageA.evaluate((choice) => window.localStorage.setItem('liaison.locale', choice), language);
        await audit(pageA, 'threads', '/threads', '[data-testid="thread-row"]', language);
        await audit(pageA, 'threads-network', `/threads?view=${networkId}`, '[data-testid="thread-row"]', language);
        await audit(pageA, 'thread', `/threads/${threadId}`, '[data-testid="message"]', language);
        await audit(
          pageA,
          'search',
          `/search?q=${encodeURIComponent('hearing')}`,
          '[data-testid="search-result"]',
          language,
        );
      }
      // The forms open, too: a new conversation, the thread's participants and its search.
      await pageA.setViewportSize(DESKTOP);
      await pageA.goto(`${base}/threads`, { waitUntil: 'networkidle' });
      await byTestId(pageA, 'new-thread-toggle').click();
      await byTestId(pageA, 'person-option').first().waitFor();
      violations.push(...(await accessibilityProblems(pageA, 'new thread (ar)')).problems);
      await screenshot(pageA, 'messaging-new-thread-ar');
      await pageA.evaluate(() => window.localStorage.setItem('liaison.locale', 'en'));
      expect(networkName).toContain('Fixture network');
      expect(problemsA).toEqual([]);
    });
  });
});
