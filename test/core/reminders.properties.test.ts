/**
 * Properties of the reminder rules over random meetings: instants from 2025 to
 * 2028 (so every DST change of those years is crossed), zones with odd offsets
 * and DST rules (half-hour DST at Lord Howe, changes at midnight in Santiago and
 * the Azores, 45-minute offsets at Chatham), every stage, random lengths, travel
 * times, last touches and cadence settings, and `now` anywhere from weeks before
 * the meeting to years after.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDate, type WorkCalendar } from '../../src/core/business-days.ts';
import { INITIAL_INTERVIEW_STATE, INTERVIEW_STAGES, type InterviewStage, type InterviewState } from '../../src/core/interview-stages.ts';
import { deriveReminders, LEAVE_BY_MARGIN_MINUTES, type ReminderSettings, type ReminderSubject } from '../../src/core/reminders.ts';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Santiago',
  'Atlantic/Azores',
  'America/St_Johns',
  'Pacific/Kiritimati',
  'UTC',
];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const QUIET_STAGES: readonly InterviewStage[] = ['idea', 'requested', 'no_reply', 'declined', 'cancelled'];

interface Case {
  subject: ReminderSubject;
  calendar: WorkCalendar;
  settings: ReminderSettings;
  now: Date;
  meetingMs: number;
}

const settingsArb: fc.Arbitrary<ReminderSettings> = fc.record({
  stayInTouchFirstWeeks: fc.integer({ min: 1, max: 26 }),
  stayInTouchEveryMonths: fc.integer({ min: 1, max: 12 }),
});

function caseArb(stages: readonly InterviewStage[]): fc.Arbitrary<Case> {
  return fc
    .record({
      stage: fc.constantFrom(...stages),
      timeZone: fc.constantFrom(...ZONES),
      // minute precision, so meetings land on and around DST changes
      meetingMs: fc.integer({ min: Date.parse('2025-01-01T00:00:00Z') / MINUTE, max: Date.parse('2028-12-31T00:00:00Z') / MINUTE }).map((m) => m * MINUTE),
      meetingMinutes: fc.constantFrom(20, 30, null),
      inPerson: fc.boolean(),
      placeText: fc.constantFrom('Blue Bottle, 1 Ferry Building', 'Acme HQ', null, 'https://meet.example.com/x'),
      travelMinutes: fc.option(fc.integer({ min: 0, max: 240 }), { nil: null }),
      // last touch from a month before the meeting to three years after, or never
      touchOffsetMinutes: fc.option(fc.integer({ min: -30 * 24 * 60, max: 3 * 366 * 24 * 60 }), { nil: null }),
      nowOffsetMinutes: fc.integer({ min: -60 * 24 * 60, max: 4 * 366 * 24 * 60 }),
      settings: settingsArb,
      name: fc.constantFrom('Dana Reyes', 'Jo', 'María José García', 'Li Wei'),
    })
    .map(({ stage, timeZone, meetingMs, meetingMinutes, inPerson, placeText, travelMinutes, touchOffsetMinutes, nowOffsetMinutes, settings, name }) => {
      const iso = (ms: number) => new Date(ms).toISOString();
      const met = ['held', 'thanked', 'staying_in_touch'].includes(stage);
      const state: InterviewState = {
        ...INITIAL_INTERVIEW_STATE,
        stage,
        requestSentAt: stage === 'idea' ? null : iso(meetingMs - 20 * DAY),
        requestChannel: stage === 'idea' ? null : 'email',
        // closed and requested stages may or may not carry a meeting (cancelled after scheduling does)
        meetingAt: stage === 'idea' || stage === 'requested' ? null : iso(meetingMs),
        heldAt: met ? iso(meetingMs + 30 * MINUTE) : null,
        thankedAt: stage === 'thanked' || stage === 'staying_in_touch' ? iso(meetingMs + 3 * 60 * MINUTE) : null,
      };
      return {
        subject: {
          interviewId: 'iv-1',
          contactId: 'c-1',
          contactName: name,
          organizationName: 'Acme',
          state,
          meetingMinutes,
          inPerson,
          placeText,
          travelMinutes,
          lastTouchAt: touchOffsetMinutes === null ? null : iso(meetingMs + touchOffsetMinutes * MINUTE),
        },
        calendar: { timeZone, workingDays: [1, 2, 3, 4, 5] },
        settings,
        now: new Date(meetingMs + nowOffsetMinutes * MINUTE),
        meetingMs,
      };
    });
}

const anyCase = caseArb(INTERVIEW_STAGES);
const RUNS = { numRuns: 500 };

describe('deriveReminders properties', () => {
  it('dueOn is the local date of `at` whenever `at` is set, and `at` is set for every timed reminder', () => {
    fc.assert(
      fc.property(anyCase, ({ subject, calendar, settings, now }) => {
        for (const r of deriveReminders(subject, now, calendar, settings)) {
          if (r.kind === 'stay_in_touch') expect(r.at).toBeNull();
          else expect(r.at).not.toBeNull();
          if (r.at !== null) expect(r.dueOn).toBe(localDate(r.at, calendar.timeZone));
        }
      }),
      RUNS,
    );
  });

  it('confirm is due the local day before the meeting, at 09:00 there', () => {
    fc.assert(
      fc.property(caseArb(['scheduled']), ({ subject, calendar, settings, now, meetingMs }) => {
        const confirm = deriveReminders(subject, now, calendar, settings).find((r) => r.kind === 'confirm');
        if (now.getTime() >= meetingMs) {
          expect(confirm).toBeUndefined();
          return;
        }
        const meetingDay = DateTime.fromMillis(meetingMs, { zone: calendar.timeZone });
        expect(confirm?.dueOn).toBe(meetingDay.minus({ days: 1 }).toISODate());
        expect(DateTime.fromISO(confirm?.at ?? '', { zone: calendar.timeZone }).toFormat('HH:mm')).toBe('09:00');
      }),
      RUNS,
    );
  });

  it('leave_by is before the meeting start minus the travel time, by exactly the margin', () => {
    fc.assert(
      fc.property(caseArb(['scheduled', 'confirmed']), ({ subject, calendar, settings, now, meetingMs }) => {
        const leave = deriveReminders(subject, now, calendar, settings).find((r) => r.kind === 'leave_by');
        const expected = subject.inPerson && subject.travelMinutes !== null && now.getTime() < meetingMs;
        expect(leave !== undefined).toBe(expected);
        if (leave === undefined || subject.travelMinutes === null) return;
        const at = Date.parse(leave.at ?? '');
        expect(at).toBeLessThan(meetingMs - subject.travelMinutes * MINUTE);
        expect(meetingMs - subject.travelMinutes * MINUTE - at).toBe(LEAVE_BY_MARGIN_MINUTES * MINUTE);
      }),
      RUNS,
    );
  });

  it('thank_you is never before the meeting ends, and due exactly 24 hours after it', () => {
    fc.assert(
      fc.property(caseArb(['held']), ({ subject, calendar, settings, now, meetingMs }) => {
        const reminders = deriveReminders(subject, now, calendar, settings);
        expect(reminders.map((r) => r.kind)).toEqual(['thank_you']);
        const end = meetingMs + (subject.meetingMinutes ?? 30) * MINUTE;
        const at = Date.parse(reminders[0]?.at ?? '');
        expect(at).toBeGreaterThanOrEqual(end);
        expect(at - end).toBe(DAY);
      }),
      RUNS,
    );
  });

  it('stay-in-touch dates strictly increase with n as time passes, and n never goes back', () => {
    fc.assert(
      fc.property(
        caseArb(['thanked', 'staying_in_touch']),
        fc.array(fc.integer({ min: -60 * 24 * 60, max: 6 * 366 * 24 * 60 }), { minLength: 2, maxLength: 12 }),
        ({ subject, calendar, settings, meetingMs }, offsets) => {
          const seen = [...offsets]
            .sort((a, b) => a - b)
            .map((offset) => {
              const now = new Date(meetingMs + offset * MINUTE);
              const reminders = deriveReminders(subject, now, calendar, settings);
              expect(reminders).toHaveLength(1);
              const r = reminders[0];
              const n = Number(r?.key.split(':').pop());
              expect(r?.key).toBe(`iv-1:stay_in_touch:${n}`);
              expect(Number.isInteger(n) && n >= 1).toBe(true);
              return { n, dueOn: r?.dueOn ?? '', today: localDate(now, calendar.timeZone) };
            });
          for (let i = 1; i < seen.length; i += 1) {
            const [a, b] = [seen[i - 1], seen[i]];
            if (!a || !b) continue;
            expect(b.n).toBeGreaterThanOrEqual(a.n);
            if (b.n > a.n) expect(b.dueOn > a.dueOn).toBe(true);
            else expect(b.dueOn).toBe(a.dueOn);
          }
          // Only the next one is shown: one not yet due is never replaced before its day comes.
          for (let i = 1; i < seen.length; i += 1) {
            const [a, b] = [seen[i - 1], seen[i]];
            if (a && b && b.today < a.dueOn) expect(b.n).toBe(a.n);
          }
        },
      ),
      RUNS,
    );
  });

  it('stay-in-touch: the first comes firstWeeks calendar weeks after the local end date, and a touch on or after it pushes the next past the touch', () => {
    fc.assert(
      fc.property(caseArb(['thanked', 'staying_in_touch']), ({ subject, calendar, settings, now, meetingMs }) => {
        const [r] = deriveReminders(subject, now, calendar, settings);
        const endDay = DateTime.fromMillis(meetingMs + (subject.meetingMinutes ?? 30) * MINUTE, { zone: calendar.timeZone }).toISODate() ?? '';
        const first = DateTime.fromISO(endDay, { zone: 'utc' }).plus({ weeks: settings.stayInTouchFirstWeeks }).toISODate() ?? '';
        expect((r?.dueOn ?? '') >= first).toBe(true);
        if (r?.key.endsWith(':1')) expect(r.dueOn).toBe(first);
        const touched = subject.lastTouchAt === null ? null : localDate(subject.lastTouchAt, calendar.timeZone);
        if (touched !== null && touched >= first) {
          expect((r?.dueOn ?? '') > touched).toBe(true);
          expect(r?.key.endsWith(':1')).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('closed and not-yet-scheduled stages have no reminders', () => {
    fc.assert(
      fc.property(caseArb(QUIET_STAGES), ({ subject, calendar, settings, now }) => {
        expect(deriveReminders(subject, now, calendar, settings)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('keys are stable, unique, and name the interview and the kind; drafts greet the contact by first name', () => {
    fc.assert(
      fc.property(anyCase, ({ subject, calendar, settings, now }) => {
        const first = deriveReminders(subject, now, calendar, settings);
        const again = deriveReminders(subject, now, calendar, settings);
        expect(again).toEqual(first);
        const keys = first.map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const r of first) {
          expect(r.key.startsWith(`iv-1:${r.kind}`)).toBe(true);
          expect(r.interviewId).toBe('iv-1');
          if (r.draft !== null) expect(r.draft.startsWith(`Hi ${subject.contactName.split(' ')[0]},`)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
