/**
 * Outcomes in Debian's Chromium against the real server: a held interview →
 * a lead recorded on /outcomes, linked to that conversation → edited into a job
 * interview (a stale save is refused and says so, nothing overwritten) → the
 * change on the list and in the interview's After card → deleted, after a
 * confirmation. Screenshots at desktop and phone width.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import type { Outcome } from '../../src/shared/after-api.ts';
import type { Contact, Organization } from '../../src/shared/api.ts';
import type { Interview } from '../../src/shared/plan-api.ts';
import { browserTestsAvailable, openBrowserSession, screenshotBothWidths, SCREENSHOTS, type BrowserSession } from '../support/browser.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

const available = browserTestsAvailable();

describe.each(DIALECTS)('outcomes in a real browser, on %s', (dialect) => {
  const skip = !available || dialectUnavailable(dialect);
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[];
  // Friday 13 March 2026, 11:00 in New York: three days after the meeting.
  const clock = new Date('2026-03-13T15:00:00Z');

  beforeAll(async () => {
    if (skip) return;
    session = await openBrowserSession(dialect, 'outcomes', { now: () => clock });
    ({ server, page, problems } = session);
    await page.clock.setFixedTime(clock);
  });
  afterAll(async () => {
    await session?.close();
  });

  /** Toasts are fixed over the page; closed first so the screenshots show what is under them. */
  const shoot = async (name: string) => {
    const closeButtons = page.locator('.mantine-Notification-closeButton');
    await closeButtons.evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
    await expect.poll(() => closeButtons.count()).toBe(0);
    await screenshotBothWidths(page, `${dialect}-outcomes-${name}`);
  };
  const api: BrowserSession['api'] = (method, path, data) => session.api(method, path, data);

  it.skipIf(skip)('records a lead from a conversation, edits it into a job interview, shows it on the interview, and deletes it after asking', async () => {
    await api('post', '/api/setup', { name: 'Sky Seeker', email: 'sky@example.com', password: 'a long passphrase' });
    await api('put', '/api/preferences', { version: 0, timeZone: 'America/New_York' });
    const acme = (await api('post', '/api/organizations', { name: 'Acme' })) as Organization;
    const dana = (await api('post', '/api/contacts', { name: 'Dana Reyes', organizationId: acme.id, emails: ['dana@acme.example'] })) as Contact;
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

    // Record a lead, linked to the conversation with Dana.
    await page.goto(`${server.url}/outcomes`);
    const form = page.getByRole('form', { name: 'Record an outcome' });
    // The first page load builds nothing but can be slow on a busy machine.
    await form.waitFor({ timeout: 30_000 }).catch(async (error) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${dialect}-outcomes-debug.png`) });
      throw new Error(`${String(error)}\n${problems.join('\n')}`);
    });
    await page.getByText('Nothing recorded yet.').waitFor();
    await form.getByLabel('What').fill('Contract design role at Acme');
    await form.getByLabel('Came from conversations with').click();
    await page.getByRole('option', { name: 'Dana Reyes (Acme)' }).click();
    await form.getByLabel('Notes').fill('Dana will pass my portfolio to the hiring manager.');
    await form.getByRole('button', { name: 'Record outcome' }).click();
    const lead = page.getByRole('article', { name: 'Contract design role at Acme' });
    await lead.waitFor();
    expect(await lead.textContent()).toContain('Lead');
    expect(await lead.textContent()).toContain('2026-03-13');
    await lead.getByRole('link', { name: 'Dana Reyes' }).waitFor();
    const [recorded] = ((await api('get', '/api/outcomes')) as { items: Outcome[] }).items;
    expect(recorded).toMatchObject({ kind: 'lead', title: 'Contract design role at Acme', occurredOn: '2026-03-13', version: 1 });
    expect(recorded!.interviews.map((i) => i.id)).toEqual([interview.id]);
    await shoot('01-list');

    // Edit opens a modal with the same fields, filled in.
    await lead.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit outcome' });
    await dialog.waitFor();
    const edit = dialog.getByRole('form', { name: 'Edit outcome' });
    expect(await edit.getByLabel('Kind', { exact: true }).inputValue()).toBe('Lead');
    expect(await edit.getByLabel('What').inputValue()).toBe('Contract design role at Acme');
    expect(await edit.getByLabel('When').inputValue()).toBe('2026-03-13');
    expect(await edit.getByLabel('Notes').inputValue()).toBe('Dana will pass my portfolio to the hiring manager.');
    expect(await dialog.textContent()).toContain('Dana Reyes (Acme)');

    // A required field left empty is shown under the field, as on the create form.
    await edit.getByLabel('What').fill('');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByText('is required').waitFor();

    // Meanwhile it changes elsewhere: the save is refused, said so, and nothing is overwritten.
    await api('patch', `/api/outcomes/${recorded!.id}`, { version: 1, notes: 'Changed in another tab.' });
    await edit.getByLabel('What').fill('Overwrite attempt');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByRole('alert').getByText('This outcome changed elsewhere — reload to see it').waitFor();
    expect(await edit.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    expect(((await api('get', '/api/outcomes')) as { items: Outcome[] }).items[0]).toMatchObject({ title: 'Contract design role at Acme', notes: 'Changed in another tab.', version: 2 });
    await shoot('02-edit-conflict');
    await dialog.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => edit.getByLabel('Notes').inputValue()).toBe('Changed in another tab.');
    expect(await edit.getByLabel('What').inputValue()).toBe('Contract design role at Acme');
    expect(await dialog.getByRole('alert').count()).toBe(0);

    // The lead became a job interview.
    await edit.getByLabel('Kind', { exact: true }).click();
    await page.getByRole('option', { name: 'Job interview' }).click();
    await edit.getByLabel('What').fill('Job interview: Product Designer at Acme');
    await edit.getByLabel('When').fill('2026-03-12');
    await edit.getByLabel('Notes').fill('First round with the hiring manager on Thursday.');
    await shoot('03-edit-modal');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    const jobInterview = page.getByRole('article', { name: 'Job interview: Product Designer at Acme' });
    await jobInterview.waitFor();
    expect(await page.getByRole('article', { name: 'Contract design role at Acme' }).count()).toBe(0);
    expect(await jobInterview.getByText('Job interview', { exact: true }).count()).toBe(1);
    expect(await jobInterview.textContent()).toContain('2026-03-12');
    expect(await jobInterview.textContent()).toContain('First round with the hiring manager on Thursday.');
    await jobInterview.getByRole('link', { name: 'Dana Reyes' }).waitFor();
    const [edited] = ((await api('get', '/api/outcomes')) as { items: Outcome[] }).items;
    expect(edited).toMatchObject({
      kind: 'job_interview',
      title: 'Job interview: Product Designer at Acme',
      occurredOn: '2026-03-12',
      notes: 'First round with the hiring manager on Thursday.',
      version: 3,
    });
    expect(edited!.interviews.map((i) => i.id)).toEqual([interview.id]);
    await shoot('04-list-edited');

    // The interview's After card lists it under what came of the conversation.
    await jobInterview.getByRole('link', { name: 'Dana Reyes' }).click();
    const after = page.getByRole('region', { name: 'After the meeting' });
    await after.getByText('What came of it').waitFor();
    await after.getByText('Job interview: Product Designer at Acme').waitFor();
    expect(await after.getByText('Job interview', { exact: true }).count()).toBe(1);
    expect(await after.getByText('Contract design role at Acme').count()).toBe(0);
    await shoot('05-after-card');

    // Delete asks first; Cancel keeps it.
    await after.getByRole('link', { name: 'All outcomes' }).click();
    await jobInterview.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this outcome?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Job interview: Product Designer at Acme');
    await shoot('06-delete-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(((await api('get', '/api/outcomes')) as { items: Outcome[] }).items).toHaveLength(1);

    await jobInterview.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete outcome' }).click();
    await confirm.waitFor({ state: 'detached' });
    await jobInterview.waitFor({ state: 'detached' });
    await page.getByText('Nothing recorded yet.').waitFor();
    expect(((await api('get', '/api/outcomes')) as { items: Outcome[] }).items).toEqual([]);
    expect((await api('get', `/api/interviews/${interview.id}/after`)).outcomes).toEqual([]);

    // The one refused save is the only thing the browser complained about.
    expect(problems.filter((p) => /status of 409/.test(p))).toHaveLength(1);
    expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  });
});
