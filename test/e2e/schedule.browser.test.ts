/**
 * Scheduling in Debian's Chromium against the real server, with SMTP pointed at
 * a real SMTP server on loopback and the clock under the test's control:
 * propose two times, record the one they picked at a café, send the invite, see
 * it arrive by e-mail and download it, and find tomorrow's reminder on Today.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import type { Interview } from '../../src/shared/plan-api.ts';
import { readWithIcalJs } from '../calendar/parsers.ts';
import { LoopbackSmtp } from '../mail/loopback-smtp.ts';
import { browserTestsAvailable, openBrowserSession, screenshotBothWidths, type BrowserSession } from '../support/browser.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

const available = browserTestsAvailable();

describe.each(DIALECTS)('scheduling in a real browser, on %s', (dialect) => {
  const skip = !available || dialectUnavailable(dialect);
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[];
  let smtp: LoopbackSmtp;
  // Monday 2 March 2026, 10:00 in New York.
  let clock = new Date('2026-03-02T15:00:00Z');

  beforeAll(async () => {
    if (skip) return;
    smtp = await LoopbackSmtp.start();
    session = await openBrowserSession(dialect, 'schedule', { now: () => clock, smtpUrl: smtp.url });
    ({ server, page, problems } = session);
    await page.clock.setFixedTime(clock);
  });
  afterAll(async () => {
    await session?.close();
    await smtp?.close();
  });

  const shoot = (name: string) => screenshotBothWidths(page, `${dialect}-schedule-${name}`);
  const api: BrowserSession['api'] = (method, path, data) => session.api(method, path, data);
  const calendarParts = () =>
    smtp.received.flatMap((mail) => mail.mime.walk().filter((part) => (part.header('content-type') ?? '').startsWith('text/calendar')).map((part) => part.body.toString('utf8')));

  it.skipIf(skip)('proposes times, records the chosen one, e-mails the invite and shows the reminder the day before', async () => {
    await api('post', '/api/setup', { name: 'Sky Seeker', email: 'sky@example.com', password: 'a long passphrase' });
    await api('put', '/api/preferences', { version: 0, timeZone: 'America/New_York' });
    const dana = await api('post', '/api/contacts', { name: 'Dana Reyes', emails: ['dana@acme.example'], timeZone: 'Europe/London' });
    let interview = (await api('post', '/api/interviews', { contactId: dana.id })) as Interview;
    interview = await api('post', `/api/interviews/${interview.id}/events`, { version: interview.version, kind: 'request_sent', channel: 'email' });
    await api('post', `/api/interviews/${interview.id}/events`, { version: interview.version, kind: 'reply_received', answer: 'yes' });

    await page.goto(`${server.url}/interviews/${interview.id}`);
    await page.getByRole('button', { name: 'Propose times' }).first().click();
    await page.getByLabel('Time 1').fill('2026-03-10T10:00');
    await page.getByLabel('Time 2').fill('2026-03-11T10:00');
    // Shown in both zones: the US has changed its clocks on 8 March, the UK not yet.
    await page.getByText(/10:00.*New York.*14:00.*London/).first().waitFor();
    await shoot('01-propose');
    await page.getByRole('button', { name: 'Propose 2 times' }).click();
    await page.getByText('Times you proposed').waitFor();

    await page.getByRole('button', { name: 'They picked this one' }).first().click();
    await page.getByText('Café', { exact: true }).click();
    await page.getByLabel('Address').fill('Blue Bottle, 1 Ferry Building');
    await page.getByLabel('Travel time').fill('20');
    await expect(page.getByLabel('E-mail the invite to Dana Reyes').isChecked()).resolves.toBe(true);
    await shoot('02-schedule');
    await page.getByRole('button', { name: 'Save meeting and send invite' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const scheduled = (await api('get', `/api/interviews/${interview.id}`)) as Interview;
    expect(scheduled).toMatchObject({ stage: 'scheduled', meetingAt: '2026-03-10T14:00:00.000Z', travelMinutes: 20, meetingPlace: { kind: 'cafe', address: 'Blue Bottle, 1 Ferry Building' } });

    // The invite arrives at the SMTP server…
    await expect.poll(() => calendarParts().length, { timeout: 20_000 }).toBe(1);
    const mailed = readWithIcalJs(calendarParts()[0]!);
    expect(mailed).toMatchObject({ method: 'REQUEST', events: [{ uid: `interview-${interview.id}@127.0.0.1`, sequence: 0 }] });
    expect(smtp.received.at(-1)!.envelopeTo).toEqual(['dana@acme.example']);

    // …and the same invite downloads from the meeting card.
    const link = page.getByRole('link', { name: /Download invite/ });
    const href = await link.getAttribute('href');
    const download = await page.request.get(`${server.url}${href}`);
    expect(download.headers()['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(readWithIcalJs(await download.text()).events[0]).toMatchObject({ uid: `interview-${interview.id}@127.0.0.1`, location: 'Café: Blue Bottle, 1 Ferry Building' });
    await shoot('03-meeting');

    // The day before, Today asks to confirm, with a drafted message.
    clock = new Date('2026-03-09T13:00:00Z');
    await page.clock.setFixedTime(clock);
    await page.goto(server.url);
    const dueToday = page.locator('section', { has: page.getByRole('heading', { name: 'Due today' }) });
    await dueToday.getByText("Confirm tomorrow's meeting with Dana Reyes").waitFor();
    await shoot('04-today-confirm');

    const unexpected = problems.filter((p) => !/401 \(Unauthorized\)/.test(p) && !/status of 401/.test(p));
    expect(unexpected).toEqual([]);
  });
});
