/**
 * In Chromium against the real server: upload a LinkedIn export, read the
 * preview, confirm, then find an imported contact with Ctrl-K search.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEB_ROOT, startServer, type RunningServer } from '../../src/server.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';
import { cloneTemplate, dropDatabase } from '../support/postgres.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
const available = existsSync(CHROMIUM) && existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html'));
if (!available && process.env.CI === 'true') throw new Error(`The browser test needs ${CHROMIUM} and a built web app.`);

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
  const pgName = `rapport_e2e_import_${process.pid}`;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (skip) return;
    mkdirSync(SHOTS, { recursive: true });
    const databaseUrl = dialect === 'postgres' ? await cloneTemplate(pgName) : undefined;
    server = await startServer(
      { port: 0, host: '127.0.0.1', dataDir: mkdtempSync(path.join(tmpdir(), 'rapport-e2e-import-')), databaseUrl, publicUrl: 'http://127.0.0.1', secret: undefined, trustProxy: false },
      { log: (line) => problems.push(line) },
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dialect === 'postgres' && !skip) await dropDatabase(pgName);
  });

  async function shoot(name: string) {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `${dialect}-${name}-desktop.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, `${dialect}-${name}-phone.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(300);
  }

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
