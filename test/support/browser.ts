/**
 * Browser tests: the real server on a fresh database of either dialect, and
 * Debian's Chromium started the way this machine allows (no sandbox, no
 * background network). Console errors, page errors and server errors are
 * collected in `problems` for the test to check.
 */
import { expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Dialect } from '../../src/db/schema.ts';
import { DEFAULT_WEB_ROOT, startServer, type RunningServer } from '../../src/server.ts';
import { cloneTemplate, dropDatabase } from './postgres.ts';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results');

/** Whether Chromium and the built web app are here; in CI their absence fails the run. */
export function browserTestsAvailable(): boolean {
  const available = existsSync(CHROMIUM) && existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html'));
  if (!available && process.env.CI === 'true') {
    throw new Error(`Browser tests need ${CHROMIUM} (apt-get install -y chromium) and a built web app (npm run build:web).`);
  }
  return available;
}

export interface BrowserSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
  problems: string[];
  /** A JSON call with the page's cookies, as the web app makes it (with its Origin); expects a 2xx answer. */
  api<T = any>(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, data?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function openBrowserSession(
  dialect: Dialect,
  label: string,
  options: { now?: () => Date; smtpUrl?: string; mailFrom?: string } = {},
): Promise<BrowserSession> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const problems: string[] = [];
  const pgName = `rapport_${label}_${process.pid}`;
  const databaseUrl = dialect === 'postgres' ? await cloneTemplate(pgName) : undefined;
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: mkdtempSync(path.join(tmpdir(), `rapport-${label}-`)),
      databaseUrl,
      publicUrl: 'http://127.0.0.1',
      secret: undefined,
      trustProxy: false,
      ...(options.smtpUrl ? { smtpUrl: options.smtpUrl, mailFrom: options.mailFrom ?? 'Rapport <rapport@example.org>' } : {}),
    },
    { log: (line) => problems.push(line), ...(options.now ? { now: options.now } : {}) },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // A step that hangs should fail with its own message, before the test's timeout.
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  return {
    server,
    browser,
    page,
    problems,
    async api(method, url, data) {
      const response = await page.request.fetch(`${server.url}${url}`, { method, headers: { origin: server.url }, ...(data ? { data } : {}) });
      expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
      return response.json();
    },
    async close() {
      await browser.close();
      await server.close();
      if (databaseUrl) await dropDatabase(pgName);
    },
  };
}

/** Full-page screenshots at desktop and phone width, after the layout settles. */
export async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // Let the navbar finish sliding away after the resize.
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
}
