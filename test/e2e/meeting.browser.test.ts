/**
 * Meeting mode in Debian's Chromium at phone width, against the real server,
 * with the page's clock under the test's control: the countdown to the agreed
 * end, the 5-minute cue, "time is up"; answers that survive a reload and an
 * offline spell (checked in the database), a conflicting edit shown side by
 * side instead of overwritten, and "End meeting" marking the interview held.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import type { MeetingView } from '../../src/shared/meeting-api.ts';
import type { Interview } from '../../src/shared/plan-api.ts';
import { browserTestsAvailable, openBrowserSession, SCREENSHOTS, type BrowserSession } from '../support/browser.ts';
import { DIALECTS, dialectUnavailable } from '../support/databases.ts';

const available = browserTestsAvailable();
const PHONE = { width: 390, height: 844 };
const QUESTIONS = ['What does a typical week look like?', 'How did you get into this field?', 'What would you do in my place?'];

describe.each(DIALECTS)('meeting mode in a real browser at phone width, on %s', (dialect) => {
  const skip = !available || dialectUnavailable(dialect);
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let problems: string[];
  // Tuesday 10 March 2026, two minutes before a 20-minute meeting at 14:00 UTC.
  let clock = new Date('2026-03-10T13:58:00Z');

  beforeAll(async () => {
    if (skip) return;
    session = await openBrowserSession(dialect, 'meeting', { now: () => clock });
    ({ server, page, problems } = session);
    await page.setViewportSize(PHONE);
    // The page's clock starts at the server's and runs on its own, until the test fast-forwards it.
    await page.clock.install({ time: clock });
  });
  afterAll(async () => {
    await session?.close();
  });

  /** Full-page screenshots at desktop and phone width; the page is left at phone width. */
  const shoot = async (name: string) => {
    const file = (width: string) => path.join(SCREENSHOTS, `${dialect}-meeting-${name}-${width}.png`);
    // The bar on top is sticky: a full-page shot scrolled down would paint it mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: file('desktop'), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    await page.screenshot({ path: file('phone'), fullPage: true });
  };
  const api: BrowserSession['api'] = (method, path, data) => session.api(method, path, data);
  /** What the database holds, read without the browser (which may be offline). */
  const storedAnswer = async (itemId: string) =>
    (await server.db.kysely.selectFrom('agenda_item').select('answer').where('id', '=', itemId).executeTakeFirstOrThrow()).answer;
  const storedNotes = async (interviewId: string) =>
    (await server.db.kysely.selectFrom('meeting_session').select('notes').where('interview_id', '=', interviewId).executeTakeFirst())?.notes;
  const status = (label: string) => page.getByRole('status', { name: `Notes: ${label}` });

  it.skipIf(skip)('counts down, cues the wrap-up, stops at the agreed end, and never loses a note', async () => {
    await api('post', '/api/setup', { name: 'Sky Seeker', email: 'sky@example.com', password: 'a long passphrase' });
    const { user } = await api<{ user: { id: string } }>('get', '/api/session');
    const dana = await api<{ id: string }>('post', '/api/contacts', { name: 'Dana Reyes' });
    let interview = await api<Interview>('post', '/api/interviews', { contactId: dana.id });
    for (const event of [
      { kind: 'request_sent', channel: 'email' },
      { kind: 'reply_received', answer: 'yes' },
      { kind: 'scheduled', meetingAt: '2026-03-10T14:00:00.000Z', minutes: 20, place: { kind: 'cafe', address: 'Blue Bottle, 1 Ferry Building' } },
    ]) {
      interview = await api<Interview>('post', `/api/interviews/${interview.id}/events`, { version: interview.version, ...event });
    }
    // The questions picked for this interview, as the agenda planner stores them.
    const itemIds = QUESTIONS.map(() => crypto.randomUUID());
    await server.db.kysely
      .insertInto('agenda_item')
      .values(
        QUESTIONS.map((text, position) => ({
          id: itemIds[position]!,
          owner_id: user.id,
          interview_id: interview.id,
          question_id: null,
          text,
          position,
          created_at: clock.toISOString(),
          updated_at: clock.toISOString(),
        })),
      )
      .execute();

    // From the interview page, one button away.
    await page.goto(`${server.url}/interviews/${interview.id}`);
    await page.getByRole('link', { name: 'Meeting mode' }).waitFor();
    await shoot('00-interview');
    await page.getByRole('link', { name: 'Meeting mode' }).click();
    await page.waitForURL(`**/interviews/${interview.id}/meet`);
    await page.getByText(/countdown runs to .*the end you agreed on/).waitFor();
    await shoot('01-start');
    await page.getByRole('button', { name: 'Start meeting' }).click();

    // Started two minutes early: the countdown runs to the scheduled end, 14:20, and the agenda from the agreed start.
    await page.getByRole('timer').waitFor();
    expect(await page.getByRole('timer').textContent()).toMatch(/^2[12]:[0-5]\d$/);
    const view = await api<MeetingView>('get', `/api/interviews/${interview.id}/meeting`);
    expect(view.session).toMatchObject({ startedAt: '2026-03-10T14:00:00.000Z', endsAt: '2026-03-10T14:20:00.000Z' });
    await page.getByText('Thank them, confirm the end time').waitFor();
    await expect(page.getByText('5 minutes left — ask who else you should talk to').count()).resolves.toBe(0);

    // One tap opens a question; what is typed reaches the server.
    await page.getByRole('button', { name: /typical week/ }).click();
    await page.getByLabel(`Answer: ${QUESTIONS[0]}`).fill('Design reviews most mornings');
    await status('Synced').waitFor();
    expect(await storedAnswer(itemIds[0]!)).toBe('Design reviews most mornings');
    await shoot('02-running');

    // Typed, then the page reloads at once: the text was on the phone first and syncs after the reload.
    await page.getByLabel('Notes', { exact: true }).fill('Names: Sam Lee at Initech');
    await page.reload();
    await expect(page.getByLabel('Notes', { exact: true }).inputValue()).resolves.toBe('Names: Sam Lee at Initech');
    await expect.poll(() => storedNotes(interview.id), { timeout: 10_000 }).toBe('Names: Sam Lee at Initech');
    await status('Synced').waitFor();

    // Offline: the answer stays on the phone, says so, and syncs when the connection is back.
    await page.context().setOffline(true);
    await status('Offline — will sync').waitFor();
    await page.getByRole('button', { name: /get into this field/ }).click();
    await page.getByLabel(`Answer: ${QUESTIONS[1]}`).fill('Answered while offline: started in support');
    await page.waitForTimeout(1500);
    await status('Offline — will sync').waitFor();
    expect(await storedAnswer(itemIds[1]!)).toBeNull();
    const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rapport.meeting.v1:')).length);
    expect(saved).toBeGreaterThanOrEqual(2);
    await page.context().setOffline(false);
    await expect.poll(() => storedAnswer(itemIds[1]!), { timeout: 10_000 }).toBe('Answered while offline: started in support');
    await status('Synced').waitFor();

    // The server out of reach, then the tab is closed: the next visit sends what was typed. (Requests are
    // refused by route here: with setOffline, a save got through while the old page was unloading.)
    const unreachable = '**/api/interviews/*/meeting/**';
    await page.route(unreachable, (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: /in my place/ }).click();
    await page.getByLabel(`Answer: ${QUESTIONS[2]}`).fill('Typed before the tab was closed');
    await status('Offline — will sync').waitFor();
    await page.goto('about:blank');
    await page.unroute(unreachable);
    expect(await storedAnswer(itemIds[2]!)).toBeNull();
    await page.goto(`${server.url}/interviews/${interview.id}/meet`);
    await expect.poll(() => storedAnswer(itemIds[2]!), { timeout: 10_000 }).toBe('Typed before the tab was closed');
    await status('Synced').waitFor();

    // Another device changed the first answer meanwhile: both versions are shown, nothing is overwritten.
    await api('put', `/api/interviews/${interview.id}/meeting/answers/${itemIds[0]}`, { answer: 'From the laptop: design reviews', baseVersion: 1 });
    await page.getByRole('button', { name: /typical week/ }).click();
    await page.getByLabel(`Answer: ${QUESTIONS[0]}`).fill('Design reviews most mornings, then 1:1s');
    await status('Choose a version').waitFor();
    await expect(page.getByTestId('conflict-theirs').textContent()).resolves.toBe('From the laptop: design reviews');
    await expect(page.getByTestId('conflict-mine').textContent()).resolves.toBe('Design reviews most mornings, then 1:1s');
    expect(await storedAnswer(itemIds[0]!)).toBe('From the laptop: design reviews');
    await shoot('02b-conflict');
    await page.getByRole('button', { name: 'Keep mine' }).click();
    await status('Synced').waitFor();
    expect(await storedAnswer(itemIds[0]!)).toBe('Design reviews most mornings, then 1:1s');

    // A question added on the laptop is answered on the phone while out of reach, and a note jotted after it;
    // the laptop then drops the question (allowed: no answer reached the server). The refused answer does not
    // hold up the notes, and stays on the phone, shown, until moved to the notes.
    const extraId = crypto.randomUUID();
    const extra = 'Anything you wish you had known?';
    await server.db.kysely
      .insertInto('agenda_item')
      .values({ id: extraId, owner_id: user.id, interview_id: interview.id, question_id: null, text: extra, position: 3, created_at: clock.toISOString(), updated_at: clock.toISOString() })
      .execute();
    await page.reload();
    await page.route(unreachable, (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: /wish you had known/ }).click();
    await page.getByLabel(`Answer: ${extra}`).fill('Typed on the phone, then the question was dropped');
    await page.getByLabel('Notes', { exact: true }).fill('Names: Sam Lee at Initech, Ana Ruiz');
    await status('Offline — will sync').waitFor();
    await server.db.kysely.deleteFrom('agenda_item').where('id', '=', extraId).execute();
    await page.unroute(unreachable);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => storedNotes(interview.id), { timeout: 10_000 }).toBe('Names: Sam Lee at Initech, Ana Ruiz');
    const dropped = page.getByRole('alert').filter({ hasText: 'An answer for a question no longer on the agenda is kept here' });
    await dropped.waitFor();
    await status('Not synced').waitFor();
    await expect(dropped.getByTestId('dropped-answer-text').textContent()).resolves.toBe('Typed on the phone, then the question was dropped');
    await expect(page.getByRole('button', { name: /wish you had known/ }).count()).resolves.toBe(0);
    // Still there after a reload, though the server no longer lists the question.
    await page.reload();
    await dropped.waitFor();
    await expect(dropped.getByText(extra).count()).resolves.toBe(1);
    await status('Not synced').waitFor();
    await shoot('02c-dropped-answer');
    // The notice and the status fit the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await dropped.getByRole('button', { name: 'Move to notes' }).click();
    await expect
      .poll(() => storedNotes(interview.id), { timeout: 10_000 })
      .toBe(`Names: Sam Lee at Initech, Ana Ruiz\n\n${extra}\nTyped on the phone, then the question was dropped`);
    await status('Synced').waitFor();
    await expect(dropped.count()).resolves.toBe(0);
    // Moved, not copied: the phone no longer keeps it apart.
    expect(await page.evaluate((id) => Object.keys(localStorage).filter((k) => k.endsWith(`:${id}`)).length, extraId)).toBe(0);

    // 4 minutes 50 left: the wrap-up cue.
    await page.clock.fastForward('17:00');
    await page.getByText('5 minutes left — ask who else you should talk to').waitFor();
    expect(await page.getByRole('timer').textContent()).toMatch(/^0[34]:[0-5]\d$/);
    await shoot('03-wrap-up');

    // The agreed end: a clear stop, though a question was never asked.
    await page.clock.fastForward('05:00');
    await page.getByText('Time is up — thank them and close').waitFor();
    await expect(page.getByRole('timer').count()).resolves.toBe(0);
    await shoot('04-time-up');

    clock = new Date('2026-03-10T14:21:00Z');
    await page.getByRole('button', { name: 'End meeting' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End meeting' }).click();
    await page.getByText('Meeting ended').waitFor();
    const held = await api<Interview>('get', `/api/interviews/${interview.id}`);
    expect(held).toMatchObject({ stage: 'held', heldAt: '2026-03-10T14:21:00.000Z' });
    await shoot('05-ended');

    const unexpected = problems.filter(
      (p) => !/ERR_INTERNET_DISCONNECTED|status of 409|status of 404|401 \(Unauthorized\)|status of 401/.test(p),
    );
    expect(unexpected).toEqual([]);
  });
});
