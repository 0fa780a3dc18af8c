/**
 * The search box in Debian's Chromium against the real server: Ctrl-K from
 * anywhere, results as you type, arrow keys and Enter, interview notes among the
 * results, and the phone layout.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { browserTestsAvailable, openBrowserSession, SCREENSHOTS, type BrowserSession } from '../support/browser.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

const available = browserTestsAvailable();

describe.each(DIALECTS)('the search box in a real browser, on %s', (dialect) => {
  const skip = !available || dialectUnavailable(dialect);
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    if (skip) return;
    session = await openBrowserSession(dialect, 'search_e2e');
    ({ server, page, problems } = session);

    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Sky Seeker');
    await page.getByLabel('E-mail').fill('sky@example.com');
    await page.getByLabel('Password', { exact: true }).fill('a long passphrase');
    await page.getByLabel('Confirm password').fill('a long passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    // Writes through the API of the signed-in page, as the web app makes them.
    await page.evaluate(async () => {
      const post = (body: unknown) =>
        fetch('/api/contacts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      for (const body of [
        { name: 'Dana Reyes', title: 'Head of Design' },
        { name: 'Daniel Okafor', title: 'Product Manager' },
        { name: 'Jordan Danvers', notes: 'Met at the **design** meetup.' },
      ]) {
        const response = await post(body);
        if (response.status !== 201) throw new Error(`POST /api/contacts: ${response.status}`);
      }
      const priya = await post({ name: 'Priya Shah', title: 'Astronomer' });
      const interview = await fetch('/api/interviews', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ contactId: ((await priya.json()) as { id: string }).id, notes: 'She runs the **observatory** night shifts; ask about telescopes.' }),
      });
      if (interview.status !== 201) throw new Error(`POST /api/interviews: ${interview.status}`);
    });
  });

  /**
   * Presses Ctrl-K until the dialog is there: on a loaded machine the first press
   * can land before the page has attached its shortcut after a navigation.
   */
  async function openWithShortcut(box: ReturnType<Page['getByRole']>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+K');
      try {
        await box.waitFor({ timeout: 3000 });
        return;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
  }

  afterAll(async () => {
    await session?.close();
  });

  it.skipIf(skip)('opens with Ctrl-K, even from a form field, and opens a result with the keyboard', async () => {
    await page.goto(`${server.url}/contacts/new`);
    await page.getByLabel('Name').click();
    const box = page.getByRole('combobox', { name: 'Search contacts' });
    await openWithShortcut(box);
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    await box.pressSequentially('dan', { delay: 20 });
    const options = page.getByRole('option');
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBe(3);
    // The answer to "dan" itself, not the list kept from "da" while it came (its arrival resets the active option).
    await page.getByText('3 results found.').waitFor();
    // Names that begin with the word first; the best one is active.
    await expect(options.nth(0).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(options.nth(2).textContent()).resolves.toContain('Jordan Danvers');

    await page.keyboard.press('ArrowDown');
    const activeId = await box.getAttribute('aria-activedescendant');
    expect(activeId).toBe(await options.nth(1).getAttribute('id'));
    const chosen = (await options.nth(1).textContent()) ?? '';
    await page.keyboard.press('Enter');
    const name = chosen.includes('Dana Reyes') ? 'Dana Reyes' : 'Daniel Okafor';
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
    await expect.poll(() => box.count(), { timeout: 10_000 }).toBe(0);
  });

  it.skipIf(skip)('says when nothing matches, and closes with Escape', async () => {
    const box = page.getByRole('combobox', { name: 'Search contacts' });
    await openWithShortcut(box);
    await box.fill('zzqx');
    await page.getByText('Nothing matches').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => box.count(), { timeout: 10_000 }).toBe(0);
  });

  it.skipIf(skip)('opens the best match when Enter comes before the results do', async () => {
    await openWithShortcut(page.getByRole('combobox', { name: 'Search contacts' }));
    await page.getByRole('combobox', { name: 'Search contacts' }).fill('okafor');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Daniel Okafor', level: 1 }).waitFor();
  });

  it.skipIf(skip)('shows interview notes that match, and opens the interview', async () => {
    const box = page.getByRole('combobox', { name: 'Search contacts' });
    // The last test's dialog closes as its page opens; a Ctrl-K before then would land in it.
    await expect.poll(() => box.count(), { timeout: 10_000 }).toBe(0);
    await openWithShortcut(box);
    await box.fill('observ');
    const hit = page.getByRole('option', { name: /Interview notes · Priya Shah/ });
    await hit.waitFor();
    await expect(hit.textContent()).resolves.toContain('She runs the observatory night shifts');
    await expect(hit.locator('mark').first().textContent()).resolves.toBe('observatory');
    await page.screenshot({ path: path.join(SCREENSHOTS, `search-interview-notes-${dialect}.png`) });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.title.startsWith('Priya Shah · Interviews'));
    expect(new URL(page.url()).pathname).toMatch(/^\/interviews\/[0-9a-f-]{36}$/);
    await expect.poll(() => box.count(), { timeout: 10_000 }).toBe(0);
  });

  it.skipIf(skip)('opens from the header button on a phone, quoting the notes that matched', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Search contacts' }).filter({ visible: true }).click();
    await page.getByRole('combobox', { name: 'Search contacts' }).fill('design');
    const notes = page.getByRole('option', { name: /Jordan Danvers/ });
    await notes.waitFor();
    await expect(notes.textContent()).resolves.toContain('Met at the design meetup');
    await notes.click();
    await page.getByRole('heading', { name: 'Jordan Danvers', level: 1 }).waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });

    expect(problems).toEqual([]);
  });
});
