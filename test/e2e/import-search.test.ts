/**
 * In Chromium against the real server: upload a LinkedIn export, read the
 * preview, confirm, then find an imported contact with Ctrl-K search.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { browserTestsAvailable, openBrowserSession, screenshotBothWidths, type BrowserSession } from '../support/browser.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

const available = browserTestsAvailable();

const CONNECTIONS = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing. You can learn more here: https://www.linkedin.com/help/linkedin/answer/261"',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Dana,Reyes,https://www.linkedin.com/in/dana-reyes,dana@contoso.example,Contoso,Head of Design,12 Mar 2024',
  'Sam,Okafor,https://www.linkedin.com/in/sam-okafor,,"Fabrikam, Inc.",Analyst,02 Jan 2019',
  'Émile,Roy,https://www.linkedin.com/in/emile-roy,,Northwind,"Engineer, Platform",15 Jul 2023',
  ',,,,Ghost Corp,,01 Jan 2020',
  '',
].join('\r\n');

describe.each(DIALECTS)('importing and searching in a real browser, on %s', (dialect) => {
  const skip = !available || dialectUnavailable(dialect);
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    if (skip) return;
    session = await openBrowserSession(dialect, 'e2e_import');
    ({ server, page, problems } = session);
  });
  afterAll(async () => {
    await session?.close();
  });

  const shoot = (name: string) => screenshotBothWidths(page, `${dialect}-${name}`);

  it.skipIf(skip)('uploads a LinkedIn file, previews it, imports it and finds a contact with Ctrl-K', async () => {
    const setup = await page.request.post(`${server.url}/api/setup`, {
      headers: { origin: server.url },
      data: { name: 'Sky Seeker', email: 'sky@example.com', password: 'a long passphrase' },
    });
    expect(setup.status()).toBe(201);

    await page.goto(`${server.url}/import`);
    await page.getByLabel('Choose a file').setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(CONNECTIONS) });
    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    expect(await page.getByTestId('import-count-read').textContent()).toBe('4');
    expect(await page.getByTestId('import-count-created').textContent()).toBe('3');
    expect(await page.getByTestId('import-count-skipped').textContent()).toBe('1');
    await page.getByText('Line 8').first().waitFor();
    await shoot('10-import-preview');
    // Nothing is written before confirming.
    expect(await page.evaluate(async () => ((await (await fetch('/api/contacts')).json()) as { total: number }).total)).toBe(0);

    await page.getByRole('button', { name: /^Import 3 contacts$/ }).click();
    await page.getByRole('heading', { name: 'Import complete' }).waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('3 new');

    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Search contacts' });
    await search.fill('emi');
    await page.getByRole('option', { name: /Émile Roy/ }).waitFor();
    await search.fill('reye');
    await page.getByRole('option', { name: /Dana Reyes/ }).waitFor();
    await shoot('11-search');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dana Reyes' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
    await page.getByText('Head of Design').first().waitFor();

    expect(problems).toEqual([]);
  });
});
