/**
 * The whole first-run journey in Debian's Chromium against the real server on a
 * real database of each dialect: setup, sign-out and sign-in, an organization, a
 * contact, an edit, finding it in the list, sign-out. Screenshots at desktop and
 * phone width go to test-results/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { browserTestsAvailable, openBrowserSession, SCREENSHOTS, screenshotBothWidths, type BrowserSession } from '../support/browser.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

const available = browserTestsAvailable();

describe.each(DIALECTS)('first run in a real browser, on %s', (dialect) => {
  const skip = !available || dialectUnavailable(dialect);
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    if (skip) return;
    session = await openBrowserSession(dialect, 'e2e');
    ({ server, page, problems } = session);
  });
  afterAll(async () => {
    await session?.close();
  });

  const shoot = (name: string) => screenshotBothWidths(page, `${dialect}-${name}`);

  it.skipIf(skip)('sets up, signs in, adds an organization and a contact, edits it, finds it, signs out', async () => {
    await page.goto(server.url);
    expect(await (await page.request.get(`${server.url}/healthz`)).json()).toEqual({ ok: true, db: dialect });
    await page.getByLabel('Your name').fill('Sky Seeker');
    await page.getByLabel('E-mail').fill('sky@example.com');
    await page.getByLabel('Password', { exact: true }).fill('a long passphrase');
    await page.getByLabel('Confirm password').fill('a long passphrase');
    await shoot('01-setup');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await shoot('02-today-empty');

    // Sign out and back in: the session is real, not just the setup response.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill('sky@example.com');
    await page.getByLabel('Password').fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That e-mail and password do not match an account.').first().waitFor();
    await page.getByLabel('Password').fill('a long passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    await page.getByRole('link', { name: 'Organizations' }).first().click();
    await page.getByRole('link', { name: /Add organization/ }).first().click();
    await page.getByLabel('Name').fill('Contoso');
    await page.getByLabel('Industry').fill('Cloud software');
    await page.getByLabel('Website').fill('contoso.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Contoso' }).waitFor();

    await page.getByRole('link', { name: 'Contacts' }).first().click();
    await shoot('03-contacts-empty');
    await page.getByRole('link', { name: /Add contact/ }).first().click();
    await page.getByLabel('Name').fill('Dana Reyes');
    await page.getByLabel('Title').fill('Designer');
    await page.getByLabel('Organization').click();
    await page.getByLabel('Organization').fill('Conto');
    await page.getByRole('option', { name: 'Contoso' }).click();
    await page.getByLabel('Notes', { exact: true }).fill('Met at the **alumni** mixer.\n\n<script>alert(1)</script>');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Dana Reyes' }).waitFor();
    await expect(page.locator('strong', { hasText: 'alumni' }).count()).resolves.toBeGreaterThan(0);
    expect(await page.locator('main script').count()).toBe(0);

    await page.getByRole('link', { name: 'Edit' }).or(page.getByRole('button', { name: 'Edit' })).first().click();
    await page.getByLabel('Title').fill('Head of Design');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Head of Design').first().waitFor();
    await shoot('04-contact');

    await page.getByRole('link', { name: 'Contacts' }).first().click();
    await page.getByPlaceholder(/Search/).fill('dana');
    const row = page.getByRole('link', { name: 'Dana Reyes' });
    await row.first().waitFor();
    await expect(page.getByText('Contoso').first().isVisible()).resolves.toBe(true);
    await shoot('05-contacts-list');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Signed out for real: the API no longer answers with data.
    const status = await page.evaluate(async () => (await fetch('/api/contacts')).status);
    expect(status).toBe(401);

    const unexpected = problems.filter((p) => !/401 \(Unauthorized\)/.test(p) && !/status of 401/.test(p));
    expect(unexpected).toEqual([]);
  });

  it.skipIf(skip)('works at phone width behind the menu, and from the keyboard alone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/organizations`);
    await page.getByLabel('E-mail').fill('sky@example.com');
    await page.getByLabel('Password').fill('a long passphrase');
    await page.keyboard.press('Enter');
    // The deep link survives signing in.
    await page.getByRole('link', { name: 'Contoso' }).waitFor();

    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Contacts' }).first().click();
    await page.getByRole('link', { name: 'Dana Reyes' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, `${dialect}-06-contacts-phone-after-menu.png`) });

    // Tab to the contact's row and open it with Enter.
    let focused = '';
    for (let i = 0; i < 40 && !focused.includes('Dana Reyes'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    }
    expect(focused).toContain('Dana Reyes');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dana Reyes' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
  });
});
