/**
 * Plan and ask in Debian's Chromium against the real server, with the server's
 * clock (and the page's) under the test's control: add a target, see the warm
 * path into it, start an interview, write a request the lint flags ("are you
 * hiring"), fix it, mark it sent, move three business days on, and find the
 * 3B7 task on Today.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import type { TargetList } from '../../src/shared/plan-api.ts';
import { browserTestsAvailable, openBrowserSession, screenshotBothWidths, type BrowserSession } from '../support/browser.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

const available = browserTestsAvailable();

const GOOD_REQUEST =
  'Hi Dana, Wendy Park suggested I write to you. I am moving from teaching into product design, and your talk on ' +
  'accessible design systems stayed with me. Could we talk for 20 minutes at your convenience? I would love to ' +
  'hear how you decide what to build first. Thank you, Sky';

describe.each(DIALECTS)('planning and asking in a real browser, on %s', (dialect) => {
  const skip = !available || dialectUnavailable(dialect);
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[];
  // Monday 2 March 2026, 10:00 in New York.
  let clock = new Date('2026-03-02T15:00:00Z');

  beforeAll(async () => {
    if (skip) return;
    session = await openBrowserSession(dialect, 'plan', { now: () => clock });
    ({ server, page, problems } = session);
    await page.clock.setFixedTime(clock);
  });
  afterAll(async () => {
    await session?.close();
  });

  const shoot = (name: string) => screenshotBothWidths(page, `${dialect}-plan-${name}`);
  const api: BrowserSession['api'] = (method, path, data) => session.api(method, path, data);

  it.skipIf(skip)('adds a target, follows its warm path, writes a request the lint accepts, and sees the follow-up on Today', async () => {
    await api('post', '/api/setup', { name: 'Sky Seeker', email: 'sky@example.com', password: 'a long passphrase' });
    await api('put', '/api/preferences', { version: 0, timeZone: 'America/New_York' });

    // Add a target through the UI, typing a new organization's name.
    await page.goto(`${server.url}/targets`);
    await page.getByRole('button', { name: 'Add your first target' }).click();
    const organization = page.getByPlaceholder('Search your organizations or type a new name');
    await organization.click();
    await organization.fill('Acme Robotics');
    await page.getByRole('option', { name: /Add “Acme Robotics” as a new organization/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add target' }).click();
    await page.getByRole('link', { name: 'Acme Robotics' }).first().waitFor();

    // The network: Wendy (known) knows Dana, who works there and whom Sky has not met.
    const targets = (await api('get', '/api/targets')) as TargetList;
    const acme = targets.items[0]!;
    const wendy = await api('post', '/api/contacts', { name: 'Wendy Park' });
    const dana = await api('post', '/api/contacts', { name: 'Dana Reyes', organizationId: acme.organization.id, knownPersonally: false, emails: ['dana@acme.example'] });
    await api('put', `/api/contacts/${wendy.id}/links/${dana.id}`);

    await page.getByRole('link', { name: 'Acme Robotics' }).first().click();
    await page.getByText('Ask Wendy Park to introduce you to Dana Reyes.').waitFor();
    await shoot('01-target-warm-path');

    // Start an interview with Dana from her path.
    await page.getByRole('button', { name: 'Start an interview' }).last().click();
    await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /Dana Reyes/ }).first().waitFor();

    // A request that asks about jobs: the lint flags it in place and in the list.
    const editor = page.getByLabel('Request message');
    await editor.fill('Hi Dana, I saw your talk. Are you hiring designers this spring? Could we talk for 20 minutes?');
    const flagged = page.locator('mark', { hasText: 'hiring' });
    await flagged.first().waitFor();
    await page.getByRole('list').filter({ hasText: /jobs/i }).first().waitFor();
    await page.getByText(/Not ready/).first().waitFor();
    await shoot('02-lint-flags-hiring');

    // Fixed: nothing left to flag.
    await editor.fill(GOOD_REQUEST);
    await page.getByText('No problems found: short, a clear reason, a question and a modest ask.').waitFor();
    expect(await page.locator('mark', { hasText: 'hiring' }).count()).toBe(0);
    await shoot('03-lint-clean');

    await page.getByRole('button', { name: 'Mark as sent' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark as sent' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const interviewId = page.url().split('/').at(-1)!;
    await expect.poll(async () => (await api('get', `/api/interviews/${interviewId}`)).stage).toBe('requested');
    expect((await api('get', `/api/interviews/${interviewId}`)).requestBody).toBe(GOOD_REQUEST);

    // Today, the same afternoon: the tasks are upcoming, not due.
    await page.getByRole('link', { name: 'Today' }).first().click();
    await page.getByRole('heading', { name: 'Upcoming' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Due today' }).count()).toBe(0);

    // Three business days later (Thursday), the 3B7 rule asks for a second contact at Acme.
    clock = new Date('2026-03-05T15:00:00Z');
    await page.clock.setFixedTime(clock);
    await page.reload();
    const dueToday = page.locator('section', { has: page.getByRole('heading', { name: 'Due today' }) });
    await dueToday.getByText('Try a second contact at Acme Robotics').waitFor();
    await dueToday.getByText(/You asked Dana Reyes on Mon 2 Mar 2026/).waitFor();
    await shoot('04-today-second-contact');

    await dueToday.getByRole('button', { name: 'Done' }).first().click();
    await expect.poll(async () => (await page.getByRole('heading', { name: 'Due today' }).count())).toBe(0);

    const unexpected = problems.filter((p) => !/401 \(Unauthorized\)/.test(p) && !/status of 401/.test(p));
    expect(unexpected).toEqual([]);
  });
});
