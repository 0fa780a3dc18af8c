/**
 * After the meeting in Debian's Chromium against the real server: a held
 * interview → the write-up with the four measures → a name they gave → a
 * thank-you draft quoting something specific from the notes → the printed card
 * → marked sent, and the interview thanked. Screenshots at desktop and phone width.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import type { Contact } from '../../src/shared/api.ts';
import type { Referral } from '../../src/shared/after-api.ts';
import type { Interview } from '../../src/shared/plan-api.ts';
import { browserTestsAvailable, openBrowserSession, screenshotBothWidths, SCREENSHOTS, type BrowserSession } from '../support/browser.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

const available = browserTestsAvailable();

describe.each(DIALECTS)('after the meeting in a real browser, on %s', (dialect) => {
  const skip = !available || dialectUnavailable(dialect);
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[];
  // Tuesday 10 March 2026, 11:00 in New York: two hours after the meeting ended.
  const clock = new Date('2026-03-10T15:00:00Z');

  beforeAll(async () => {
    if (skip) return;
    session = await openBrowserSession(dialect, 'after', { now: () => clock });
    ({ server, page, problems } = session);
    await page.clock.setFixedTime(clock);
  });
  afterAll(async () => {
    await session?.close();
  });

  const shoot = (name: string) => screenshotBothWidths(page, `${dialect}-after-${name}`);
  const api: BrowserSession['api'] = (method, path, data) => session.api(method, path, data);

  it.skipIf(skip)('writes up a held meeting, records a name they gave, drafts a specific thank-you, prints it and marks it sent', async () => {
    await api('post', '/api/setup', { name: 'Sky Seeker', email: 'sky@example.com', password: 'a long passphrase' });
    await api('put', '/api/preferences', { version: 0, timeZone: 'America/New_York' });
    const dana = (await api('post', '/api/contacts', { name: 'Dana Reyes', emails: ['dana@acme.example'] })) as Contact;
    let interview = (await api('post', '/api/interviews', { contactId: dana.id })) as Interview;
    interview = await api('post', `/api/interviews/${interview.id}/events`, { version: interview.version, kind: 'request_sent', channel: 'email', at: '2026-03-02T15:00:00Z' });
    interview = await api('post', `/api/interviews/${interview.id}/events`, {
      version: interview.version,
      kind: 'scheduled',
      meetingAt: '2026-03-10T12:30:00Z',
      minutes: 30,
      place: { kind: 'video', url: 'https://meet.example/dana' },
      at: '2026-03-03T15:00:00Z',
    });
    interview = await api('post', `/api/interviews/${interview.id}/events`, { version: interview.version, kind: 'held', at: '2026-03-10T13:00:00Z' });
    await api('patch', `/api/interviews/${interview.id}`, {
      version: interview.version,
      notes: '- Ask about budgets?\n- Accessibility audits now drive most of the new design budget',
    });

    await page.goto(`${server.url}/interviews/${interview.id}`);
    const after = page.getByRole('region', { name: 'After the meeting' });
    // The first page load builds nothing but can be slow on a busy machine.
    await after.waitFor({ timeout: 30_000 }).catch(async (error) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${dialect}-after-debug.png`) });
      throw new Error(`${String(error)}\n${problems.join('\n')}`);
    });
    await after.getByLabel('What I learned').fill('Contracting is the usual way in for designers switching fields.');
    await after.getByLabel('4. A lead').fill('A contract opening at Acme in the fall');
    await after.getByLabel('2. What I gave back').fill('My accessibility checklist');
    await after.getByRole('switch', { name: '3. A professional connection made' }).check({ force: true });
    const fourStars = await after.getByRole('radio', { name: '4', exact: true }).getAttribute('id');
    await after.locator(`label[for="${fourStars}"]`).click();
    await after.getByLabel('My next step').fill('Rebuild my portfolio around one audit case study');
    await after.getByRole('button', { name: 'Save write-up' }).click();
    await page.getByText('Write-up saved').waitFor();
    expect(await api('get', `/api/interviews/${interview.id}/write-up`)).toMatchObject({ version: 1, informationRating: 4, connectionMade: true, gaveBack: 'My accessibility checklist' });

    const form = page.getByRole('form', { name: 'Add a name they gave' });
    await form.getByLabel('Name', { exact: true }).fill('Ana Ortiz');
    await form.getByLabel('E-mail').fill('ana@beta.example');
    await form.getByLabel('Organization').fill('Beta Labs');
    await form.getByText('Yes', { exact: true }).click();
    await form.getByRole('button', { name: 'Add name' }).click();
    await after.getByRole('link', { name: 'Ana Ortiz' }).waitFor();
    const ana = (await api('get', '/api/contacts?q=ortiz')).items[0] as { id: string };
    expect(((await api('get', `/api/contacts/${ana.id}`)) as Contact).introducedBy?.name).toBe('Dana Reyes');

    // "May I use your name?" was changed on another device meanwhile: this page's change is refused rather
    // than written over it, and the page shows what is there now, to choose again.
    const [referral] = ((await api('get', `/api/interviews/${interview.id}/referrals`)) as { items: Referral[] }).items;
    await api('patch', `/api/interviews/${interview.id}/referrals/${referral!.id}`, { version: referral!.version, mayUseName: 'no' });
    const mayUse = after.getByRole('radiogroup', { name: "May I use Dana's name with Ana Ortiz?" });
    await mayUse.getByText('Not asked', { exact: true }).click();
    await page.getByText('This name was changed on another device. What it says now is shown; choose again.').waitFor();
    await expect.poll(() => mayUse.getByRole('radio', { name: 'No', exact: true }).isChecked()).toBe(true);
    await mayUse.scrollIntoViewIfNeeded();
    await shoot('00-referral-changed-elsewhere');
    // The refused change is the one 409 the console may show.
    await expect.poll(() => problems.filter((p) => /status of 409/.test(p)).length).toBe(1);
    problems.splice(problems.findIndex((p) => /status of 409/.test(p)), 1);
    await expect.poll(() => mayUse.getByRole('radio', { name: 'No', exact: true }).isChecked()).toBe(true);
    // Two changes in a row from this page: the second is made over the version the first returned.
    await mayUse.getByText('Yes', { exact: true }).click();
    await expect.poll(() => mayUse.getByRole('radio', { name: 'Yes', exact: true }).isDisabled()).toBe(false);
    await mayUse.getByText('Not asked', { exact: true }).click();
    await expect
      .poll(async () => ((await api('get', `/api/interviews/${interview.id}/referrals`)) as { items: Referral[] }).items[0])
      .toMatchObject({ mayUseName: 'not_asked', version: referral!.version + 3 });

    // The draft quotes what she said, names the next step and the person she suggested.
    const message = after.getByLabel('Message');
    await expect.poll(() => message.inputValue()).toContain("I'll reach out to Ana Ortiz as you suggested.");
    const draft = await message.inputValue();
    expect(draft).toContain('Your point that accessibility audits now drive most of the new design budget has stayed with me.');
    expect(draft).toContain("I'm going to rebuild my portfolio around one audit case study.");

    // Words typed into the draft survive a rebuilt suggestion; the seeker chooses.
    await message.fill(`${draft}\nP.S. Typed by hand.`);
    await after.getByLabel('My next step').fill('Rebuild my portfolio around two audit case studies');
    await after.getByRole('button', { name: 'Save write-up' }).click();
    await after.getByText('Your notes changed the suggested draft').waitFor();
    expect(await message.inputValue()).toContain('P.S. Typed by hand.');
    await after.getByRole('button', { name: 'Use the new draft' }).click();
    expect(await message.inputValue()).toContain("I'm going to rebuild my portfolio around two audit case studies.");
    expect(await message.inputValue()).not.toContain('P.S. Typed by hand.');

    // The write-up and the draft share a version: saving the draft keeps an unsaved write-up on screen, and
    // the draft the server kept (trimmed) is what the editor shows, with nothing left to save.
    await after.getByLabel('What I learned').fill('Contracting is the usual way in for designers switching fields. An unsaved thought.');
    await message.fill(`${await message.inputValue()}\nWarm regards from a draft I saved.\n\n`);
    await after.getByRole('button', { name: 'Save draft' }).click();
    // The editor takes what the server kept: the trailing blank lines trimmed, nothing left to save.
    await expect.poll(() => message.inputValue()).toMatch(/Warm regards from a draft I saved\.$/);
    expect(await after.getByRole('button', { name: 'Save draft' }).isDisabled()).toBe(true);
    expect(await after.getByLabel('What I learned').inputValue()).toContain('An unsaved thought.');
    expect(await after.getByText('Your notes changed the suggested draft').count()).toBe(0);
    await after.getByRole('button', { name: 'Save write-up' }).click();
    await expect
      .poll(async () => ((await api('get', `/api/interviews/${interview.id}/write-up`)) as { learned: string }).learned)
      .toBe('Contracting is the usual way in for designers switching fields. An unsaved thought.');
    await after.getByText('22 hours left').waitFor();
    // Without SMTP, e-mail is not offered; copying and the card are.
    expect(await after.getByRole('button', { name: 'Send by e-mail' }).isDisabled()).toBe(true);
    await after.scrollIntoViewIfNeeded();
    await shoot('01-write-up');

    // The printable card.
    await page.goto(`${server.url}/interviews/${interview.id}/thank-you/card`);
    const card = page.getByRole('article', { name: 'Thank-you card' });
    await card.waitFor();
    expect(await card.textContent()).toContain('accessibility audits now drive most of the new design budget');
    await shoot('02-card');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${dialect}-after-03-card-print.png`) });
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${server.url}/interviews/${interview.id}`);
    await page.getByRole('button', { name: 'Mark as sent' }).click();
    // "Sent" shows once the server has recorded it (the "Thank-you sent" button of the next-step card is there all along).
    await page.getByRole('region', { name: 'After the meeting' }).getByText('Sent', { exact: true }).waitFor();
    const thanked = (await api('get', `/api/interviews/${interview.id}`)) as Interview;
    expect(thanked).toMatchObject({ stage: 'thanked', thankedAt: clock.toISOString() });
    // After the thank-you, the stay-in-touch card suggests something to share, from the write-up.
    await page.getByText('Tell Dana how the lead worked out: A contract opening at Acme in the fall.').waitFor();
    await shoot('04-thanked');

    expect(problems).toEqual([]);
  });
});
