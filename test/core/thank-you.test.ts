import { describe, expect, it } from 'vitest';
import { deriveReferralTasks, type ReferralSubject } from '../../src/core/referral-rules.ts';
import { stayInTouchDraft, suggestValueToShare } from '../../src/core/stay-in-touch.ts';
import { countWords, draftThankYou, lintThankYou, PLACEHOLDER_SPECIFIC, specificCandidates, THANK_YOU_MAX_WORDS, type ThankYouInput } from '../../src/core/thank-you.ts';

const base: ThankYouInput = {
  seekerName: 'Sky Seeker',
  hostName: 'Dana Reyes',
  meetingDate: '2026-03-10',
  learned: null,
  answers: [],
  notes: [],
  nextStep: null,
  referralNames: [],
};

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('draftThankYou', () => {
  it('names the most substantive jotted answer, paraphrased, with the meeting day and the next step', () => {
    const draft = draftThankYou({
      ...base,
      answers: [
        { question: 'How did you start?', answer: 'By accident.' },
        { question: 'What trends matter?', answer: 'Design systems teams are shrinking while accessibility work grows fast. Budgets follow audits.' },
        { question: 'Advice?', answer: 'Build a small portfolio.' },
      ],
      nextStep: 'Rebuild my portfolio around one accessibility case study',
    });
    expect(draft.subject).toBe('Thank you, Dana');
    expect(draft.body.startsWith('Hi Dana,\n\n')).toBe(true);
    expect(draft.body).toContain('on Tuesday, March 10');
    expect(draft.specific).toBe('Design systems teams are shrinking while accessibility work grows fast');
    expect(draft.specificSource).toBe('answer');
    expect(draft.body).toContain('Your point that design systems teams are shrinking while accessibility work grows fast has stayed with me.');
    expect(draft.body).toContain("I'm going to rebuild my portfolio around one accessibility case study.");
    expect(draft.body.trim().endsWith('Sky Seeker')).toBe(true);
    expect(draft.findings).toEqual([]);
    expect(countWords(draft.body)).toBeLessThan(THANK_YOU_MAX_WORDS);
  });

  it("quotes the host's first-person words instead of garbling them into a paraphrase", () => {
    const draft = draftThankYou({ ...base, answers: [{ question: 'Path?', answer: 'I started in QA and moved to design after two years.' }] });
    expect(draft.body).toContain('What you said, “I started in QA and moved to design after two years”, has stayed with me.');
  });

  it('falls back to the notes (markdown stripped, questions skipped), then to what was learned', () => {
    const fromNotes = draftThankYou({
      ...base,
      notes: [null, '## Notes\n- Ask about the team?\n- **Hiring managers** read the first project only'],
      learned: 'Contracting is the usual way in.',
    });
    expect(fromNotes.specific).toBe('Hiring managers read the first project only');
    expect(fromNotes.specificSource).toBe('notes');
    const fromLearned = draftThankYou({ ...base, learned: 'Contracting is the usual way in for newcomers.' });
    expect(fromLearned.specificSource).toBe('learned');
    expect(fromLearned.body).toContain('What you told me stayed with me: contracting is the usual way in for newcomers.');
  });

  it('names the people they suggested as the next step', () => {
    const draft = draftThankYou({ ...base, answers: [{ question: 'Q', answer: 'Talk to people who run the audits first.' }], referralNames: ['Ana Ortiz', 'Ben Lee'] });
    expect(draft.body).toContain("I'll reach out to Ana Ortiz and Ben Lee as you suggested.");
    expect(codes(draft.findings)).not.toContain('no_next_step');
  });

  it('keeps "I will…" next steps as written', () => {
    const draft = draftThankYou({ ...base, learned: 'Portfolios matter more than degrees here.', nextStep: 'I will apply to the fall cohort.' });
    expect(draft.body).toContain('I will apply to the fall cohort.');
    expect(draft.body).not.toContain("I'm going to I will");
  });

  it('refuses to invent: with nothing specific written down it leaves a placeholder and says so', () => {
    const draft = draftThankYou({ ...base, answers: [{ question: 'Trends?', answer: null }, { question: 'Advice?', answer: 'Yes.' }], notes: ['Who else?'] });
    expect(draft.specific).toBeNull();
    expect(draft.body).toContain(PLACEHOLDER_SPECIFIC);
    expect(codes(draft.findings)).toEqual(expect.arrayContaining(['no_specific', 'placeholder', 'no_next_step']));
  });

  it('is deterministic and prefers the earlier answer when two are as long', () => {
    const input = { ...base, answers: [{ question: 'A', answer: 'One two three four five.' }, { question: 'B', answer: 'Six seven eight nine ten.' }] };
    expect(draftThankYou(input)).toEqual(draftThankYou(input));
    expect(draftThankYou(input).specific).toBe('One two three four five');
  });

  it('cuts a very long answer to a short quote', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const draft = draftThankYou({ ...base, answers: [{ question: 'Q', answer: long }] });
    expect(draft.specific?.endsWith('…')).toBe(true);
    expect(countWords(draft.specific ?? '')).toBe(22);
  });
});

describe('lintThankYou', () => {
  const candidates = specificCandidates({ answers: [{ question: 'Q', answer: 'Accessibility audits drive most of the new budget.' }], notes: [], learned: null }).map((c) => c.text);
  const body = "Hi Dana,\n\nThanks! Your point that accessibility audits drive most of the new budget stayed with me. I'm going to read the WCAG guide.\n\nSky";

  it('accepts an edited draft that still names the specific and the next step', () => {
    expect(lintThankYou({ subject: 'Thanks', body, candidates })).toEqual([]);
  });

  it('warns when an edit removed every specific', () => {
    const findings = lintThankYou({ subject: 'Thanks', body: "Hi Dana, thanks for a great chat. I'm going to keep learning. Sky", candidates });
    expect(codes(findings)).toEqual(['no_specific']);
  });

  it('warns after the 24-hour window, and not before it or once sent', () => {
    const ended = '2026-03-10T14:30:00.000Z';
    const within = lintThankYou({ subject: 'Thanks', body, candidates, meetingEndedAt: ended, now: new Date('2026-03-11T14:29:00Z') });
    expect(codes(within)).toEqual([]);
    const late = lintThankYou({ subject: 'Thanks', body, candidates, meetingEndedAt: ended, now: new Date('2026-03-11T14:31:00Z') });
    expect(codes(late)).toEqual(['late']);
    expect(late[0]!.message).toMatch(/24 hours ago: past the 24-hour window/);
    const sent = lintThankYou({ subject: 'Thanks', body, candidates, meetingEndedAt: ended, now: new Date('2026-03-15T00:00:00Z'), sentAt: '2026-03-10T20:00:00Z' });
    expect(codes(sent)).toEqual([]);
  });

  it('flags placeholders, length and an empty body', () => {
    expect(codes(lintThankYou({ subject: 'Thanks', body: `${body} [fill in]`, candidates }))).toEqual(['placeholder']);
    expect(codes(lintThankYou({ subject: 'Thanks', body: `${body} ${'more '.repeat(150)}`, candidates }))).toEqual(['too_long']);
    expect(codes(lintThankYou({ subject: 'Thanks', body: '   ', candidates }))).toEqual(['empty']);
  });
});

describe('referral tasks', () => {
  const subject: ReferralSubject = {
    referralId: '11111111-1111-4111-8111-111111111111',
    interviewId: '22222222-2222-4222-8222-222222222222',
    referrer: { id: 'r', name: 'Dana Reyes' },
    contact: { id: 'c', name: 'Ana Ortiz' },
    mayUseName: 'yes',
    contactedAt: '2026-03-13T03:00:00Z',
    referrerToldAt: null,
  };
  it('appears once the referred contact was asked, on the local day of the request, until the referrer is told', () => {
    expect(deriveReferralTasks([{ ...subject, contactedAt: null }], 'America/New_York')).toEqual([]);
    const [task] = deriveReferralTasks([subject], 'America/New_York');
    expect(task).toMatchObject({ key: `${subject.referralId}:tell_referrer`, kind: 'tell_referrer', title: 'Tell Dana Reyes you contacted Ana Ortiz', dueOn: '2026-03-12' });
    expect(task!.reason).toContain('said you may use their name');
    expect(task!.draft).toContain('Hi Dana, a quick note to say I reached out to Ana Ortiz');
    expect(deriveReferralTasks([{ ...subject, referrerToldAt: '2026-03-14T00:00:00Z' }], 'America/New_York')).toEqual([]);
  });
});

describe('ideas of value to share', () => {
  it('puts what came of their help first, names only recorded facts and ends with an article and an event', () => {
    const ideas = suggestValueToShare({
      contactName: 'Dana Reyes',
      organizationName: 'Acme',
      industry: 'accessibility consulting',
      learned: 'Audits drive budgets. Second sentence.',
      lead: 'The Acme fall contract',
      nextStep: null,
      outcomes: [{ kind: 'job_interview', title: 'Designer at Acme' }],
      contactedReferrals: ['Ana Ortiz'],
    });
    expect(ideas.map((i) => i.kind)).toEqual(['outcome', 'referral', 'lead', 'advice', 'article', 'event']);
    expect(ideas[0]!.text).toBe('Tell Dana what came of your conversation: a job interview, “Designer at Acme”.');
    expect(ideas[3]!.text).toBe('Tell Dana how their advice worked out: “Audits drive budgets”.');
    expect(ideas[4]!.text).toContain('accessibility consulting');
    expect(stayInTouchDraft('Dana Reyes', ideas[0]!)).toMatch(/^Hi Dana, I wanted you to know that our conversation led to a job interview: Designer at Acme\./);
  });
  it('without a write-up, offers only the article and the event, in their organization’s field', () => {
    const ideas = suggestValueToShare({ contactName: 'Dana', organizationName: 'Acme', industry: null, learned: null, lead: null, nextStep: null, outcomes: [], contactedReferrals: [] });
    expect(ideas.map((i) => i.kind)).toEqual(['article', 'event']);
    expect(ideas[0]!.text).toContain("Acme's field");
  });
});
