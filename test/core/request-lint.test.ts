import { describe, expect, it } from 'vitest';
import { type LintCode, type LintContext, lintRequest } from '../../src/core/request-lint.ts';

const email = (sharedConnectionName: string | null = null): LintContext => ({ channel: 'email', sharedConnectionName });
const linkedin = (sharedConnectionName: string | null = null): LintContext => ({ channel: 'linkedin', sharedConnectionName });

const codes = (text: string, context: LintContext): LintCode[] =>
  lintRequest(text, context)
    .findings.map((f) => f.code)
    .sort();

/** The highlighted slices of one code, in order. */
const slices = (text: string, context: LintContext, code: LintCode): string[] =>
  lintRequest(text, context)
    .findings.filter((f) => f.code === code)
    .map((f) => (f.span === null ? '<no span>' : text.slice(f.span.start, f.span.end)));

const LONG_LETTER = `Hi Rebecca,

I am writing because I read your article in the Chronicle about moving from academic research into museum education. I finished my PhD in art history two years ago, and since then I have been teaching part-time at two community colleges while trying to figure out what comes next. I love teaching, but museum education seems like a place where my research and my teaching could both matter. I would be grateful to hear how you made the move and what skills turned out to matter most. Would you have 20 or 30 minutes at your convenience in the next few weeks, by phone or over coffee?

With thanks,
Tomás`;

const TOO_LONG_LETTER = `Hi Rebecca,

My name is Tomás Alvarez and I am writing to you because I read your article in the Chronicle about moving from academic research into museum education. I finished my PhD in art history two years ago, and since then I have been teaching part-time at two community colleges while trying to figure out what comes next. I love teaching, but the adjunct life is not sustainable, and museum education seems like a place where my research and my teaching could both matter. I have volunteered as a docent at the Walters for a year and really enjoyed designing tours for school groups. I would be grateful to hear how you made the move, what skills turned out to matter most, and which organizations in Baltimore you would suggest I learn about. Would you have 20 or 30 minutes at your convenience in the next few weeks, by phone or over coffee?

With thanks,
Tomás`;

const LINKEDIN_TOO_LONG =
  'Hi Priya, I’m a high school chemistry teacher moving into UX research after nine years in the classroom. ' +
  'Your post about leaving teaching for Spotify’s research team stuck with me, especially the part about lesson planning as study design. ' +
  'Could I ask you a few questions about that switch over a 20-minute call, whenever suits you? Thank you! Ana';

interface Row {
  who: string;
  text: string;
  context: LintContext;
  expected: LintCode[];
}

const TABLE: Row[] = [
  {
    who: 'new graduate, warm intro, everything right',
    text: `Hi Ms. Chen,

Wendy Park, my advisor at Ohio State, suggested I write to you. I graduate in May with a degree in public health, and I read your article on community health workers in Health Affairs. Would you have 20 or 30 minutes at your convenience in the next few weeks? I'd love to hear how you moved from research into program design.

Thank you,
Jordan Ellis`,
    context: email('Wendy Park'),
    expected: [],
  },
  {
    who: 'career changer, cold LinkedIn note, everything right',
    text: 'Hi Priya, I’m a high school chemistry teacher moving into UX research, and your post about leaving the classroom for Spotify stuck with me. Could I ask you a few questions about that switch over a 20-minute call, whenever suits you?',
    context: linkedin(),
    expected: [],
  },
  {
    who: 'returning parent who will "resume my career" (the verb, not a résumé)',
    text: `Dear Mr. Okafor,

Tom Alvarez suggested I contact you. After six years at home with my kids, I'm ready to resume my career in supply chain, and Tom said you made the same return in 2019. Would you be open to a 30-minute phone call at a time that suits you? I'd value your advice on what has changed in the field.

Warm regards,
Elena Ruiz`,
    context: email('Tom Alvarez'),
    expected: [],
  },
  {
    who: 'new graduate asking for job openings',
    text: `Hello,

I'm a recent graduate in marketing and I'm very interested in Acme. Are there any job openings on your team? I'd be grateful for 20 minutes of your time.

Best,
Kayla`,
    context: email(),
    expected: ['MENTIONS_JOB', 'NO_REASON'],
  },
  {
    who: 'career changer with a résumé attached and a favour to ask',
    text: `Hi Dana,

I'm an accountant hoping to move into data analytics. I've attached my resume so you can see my background. I saw your talk at PyData Chicago and would love 20 minutes of your time. Could you also put in a good word with your recruiting team?

Thanks,
Sam`,
    context: email(),
    expected: ['MENTIONS_ATTACHMENT', 'MENTIONS_JOB', 'MENTIONS_REFERRAL', 'MENTIONS_RESUME'],
  },
  {
    who: 'fellow alum asking for lunch, a tour and an hour',
    text: 'Hi Marcus, as a fellow Georgia Tech alum exploring civil engineering consulting, I’d love to learn from you. Could we grab lunch and a tour of your office one afternoon? I’m happy to work around your schedule, and I’d only need an hour.',
    context: email(),
    expected: ['ASKS_TOO_LONG', 'ASKS_TOO_LONG'],
  },
  {
    who: 'career changer asking for 45 minutes',
    text: 'Hi Anh, Jamie Lee mentioned you lead the design systems team at Figma. I’m switching from architecture to product design. Would you have 45 minutes sometime next week to talk about how you made that move?',
    context: email('Jamie Lee'),
    expected: ['ASKS_TOO_LONG'],
  },
  {
    who: 'bootcamp graduate who names the connection only in the second sentence',
    text: `Hi Dana,

My name is Chris and I'm finishing a bootcamp in front-end development. Wendy Park suggested I reach out because you moved from teaching into engineering too. Would you have 20 or 30 minutes at your convenience?

Chris`,
    context: email('Wendy Park'),
    expected: ['NO_SHARED_CONNECTION'],
  },
  {
    who: 'nurse moving into health tech who forgets the shared connection',
    text: 'Hi Dana, I’m exploring health tech after ten years in nursing, and I admire how you built the clinical team at Maven. Would you have 20 minutes for a call this month?',
    context: linkedin('Wendy Park'),
    expected: ['NO_SHARED_CONNECTION'],
  },
  {
    who: 'returning parent naming the connection by first name, after a dash greeting',
    text: 'Hi Dana — Wendy suggested I write to you. I’m a returning parent exploring HR, and your path from recruiting to people analytics is the one I hope to follow. Could we talk for 20 minutes at your convenience?',
    context: email('Wendy Park'),
    expected: [],
  },
  {
    who: 'new graduate who never asks anything',
    text: 'Hi Dana, I’m a new graduate in economics and I read your piece on housing policy. I would appreciate 20 minutes of your time at your convenience. Thank you, Lee',
    context: email(),
    expected: ['NO_QUESTION'],
  },
  {
    who: 'career changer asking indirectly ("I was wondering if")',
    text: 'Hello Ms. Park, I read your interview in Fast Company about your move from law to product management. I was wondering if you might have 20 minutes for a call in the coming weeks. Best regards, Aisha',
    context: email(),
    expected: [],
  },
  {
    who: 'template sent with its placeholders',
    text: 'Hi [first name], Wendy suggested I write to you. I’m exploring product design and I’m reaching out because of [why this person]. Would you have 20 or 30 minutes?',
    context: email('Wendy Park'),
    expected: ['UNFILLED_PLACEHOLDER', 'UNFILLED_PLACEHOLDER'],
  },
  {
    who: 'alum asking to be referred for a position',
    text: 'Hi Rob, we both studied at UC Davis and I’d love to learn about your work in food safety. If it goes well, would you be willing to refer me for the QA position?',
    context: email(),
    expected: ['MENTIONS_REFERRAL'],
  },
  {
    who: 'nurse admiring "your position as head of design" (position alone is fine)',
    text: 'Hi Dr. Osei, I read about your position as head of design at a children’s hospital, which is rare. I’m a nurse learning UX. Could I ask you three questions over 20 minutes at your convenience?',
    context: email(),
    expected: [],
  },
  {
    who: 'radio producer mentioning that the host was hired from a small station (the past is fine)',
    text: 'Hi Leah, Carlos Diaz told me you were hired at NPR straight out of a community radio station, which is where I work now. Could I ask how you made that jump, over a 20-minute call whenever works for you?',
    context: email('Carlos Diaz'),
    expected: [],
  },
  {
    who: 'designer who wants to resume a conversation',
    text: 'Hi Omar, it was great meeting you at the AIGA mixer last week. I’d love to resume our conversation about design research, since you offered advice on breaking in. Do you have 20 minutes at your convenience in the next two weeks?',
    context: email(),
    expected: [],
  },
  {
    who: 'career changer asking about "your job as a designer"',
    text: 'Hi Sofia, I heard your talk at UX Camp and I’m curious about your job as a designer at a bank. Could we talk for 20 minutes at your convenience?',
    context: email(),
    expected: ['MENTIONS_JOB'],
  },
  {
    who: 'teacher citing jobs-to-be-done and Steve Jobs',
    text: 'Hi Ken, I read your article on jobs-to-be-done interviews, and the Steve Jobs anecdote made me laugh. I’m a teacher moving into product management. Would you have 20 or 30 minutes at your convenience?',
    context: email(),
    expected: [],
  },
  {
    who: 'retail manager praising "a great job of explaining"',
    text: 'Hi Tessa, I listened to you on the Acquired podcast, and you did a great job of explaining pricing. As a career changer from retail, could I ask you a few questions in a 20-minute call?',
    context: email(),
    expected: [],
  },
  {
    who: 'teacher whose LinkedIn note is over 300 characters',
    text: LINKEDIN_TOO_LONG,
    context: linkedin(),
    expected: ['LINKEDIN_NOTE_TOO_LONG'],
  },
  {
    who: 'PhD leaving academia, a long letter (101–150 words)',
    text: LONG_LETTER,
    context: email(),
    expected: ['LONG'],
  },
  {
    who: 'PhD leaving academia, a letter nobody will read (over 150 words)',
    text: TOO_LONG_LETTER,
    context: email(),
    expected: ['TOO_LONG'],
  },
  {
    who: 'new graduate asking outright: hiring, positions, hire',
    text: 'Hi Dave, I saw that Stripe is growing fast. Are you hiring, and are there any positions available for someone like me? I’d love to be your next hire! Could we talk for 20 minutes?',
    context: email(),
    expected: ['MENTIONS_JOB', 'MENTIONS_JOB', 'MENTIONS_JOB'],
  },
  {
    who: 'former teacher who mentions being a new hire two years ago (not flagged)',
    text: 'Hi Mei, I read that you joined Deloitte as a new hire only two years ago, after a decade in teaching. I’m making the same switch. Could I ask how you handled the first year, over 20 minutes at your convenience?',
    context: email(),
    expected: [],
  },
  {
    who: 'UK graduate asking about vacancies and offering a CV',
    text: 'Dear Mr. Hughes, I’m a graduate of Leeds exploring town planning. I noticed your council work on cycle lanes. Do you have any vacancies? I can send my CV. Could we have a 20-minute chat?',
    context: email(),
    expected: ['MENTIONS_JOB', 'MENTIONS_RESUME'],
  },
  {
    who: 'physicist moving into computer vision (CV is not a résumé here)',
    text: 'Hi Ravi, I read your paper on self-supervised learning for computer vision (CV), and I’m moving from physics into CV research. Could I ask you a few questions over 20 minutes at your convenience?',
    context: email(),
    expected: [],
  },
  {
    who: 'returning parent enclosing a portfolio and asking to shadow for half a day',
    text: 'Dear Ms. Grant, Enclosed is my portfolio. I’m a stay-at-home dad returning to architecture, and I admire your firm’s library projects. Could I shadow you for half a day?',
    context: email(),
    expected: ['ASKS_TOO_LONG', 'ASKS_TOO_LONG', 'MENTIONS_ATTACHMENT'],
  },
  {
    who: 'climate-tech changer whose durations are not the ask (an hour away, a 60-minute podcast, in 48 hours)',
    text: 'Hi Jo, I live an hour away from your Austin office and will be in town next week. I listened to your 60-minute podcast episode on climate tech. Could we meet for 30 minutes over coffee, my treat? I’ll follow up in 48 hours if I don’t hear back.',
    context: email(),
    expected: [],
  },
  {
    who: 'engineer asking for an open-ended "at least 30 minutes" or 1.5 hrs',
    text: 'Hi Paul, I saw your keynote at DevOpsDays. Could you spare at least 30 minutes, or 1.5 hrs if lunch works?',
    context: email(),
    expected: ['ASKS_TOO_LONG', 'ASKS_TOO_LONG'],
  },
  {
    who: 'social worker asking to be pointed to someone else (names are the point, not a referral)',
    text: 'Hi Nadia, your article on school-based counselling changed how I think about my work. Could we talk for 20 minutes at your convenience, or if you are too busy, could you refer me to someone on your team?',
    context: email(),
    expected: [],
  },
];

describe('lintRequest: a table of real-looking requests', () => {
  it('has at least 20 rows', () => expect(TABLE.length).toBeGreaterThanOrEqual(20));
  it.each(TABLE)('$who → $expected', ({ text, context, expected }) => {
    expect(codes(text, context)).toEqual([...expected].sort());
    const result = lintRequest(text, context);
    expect(result.ready).toBe(!result.findings.some((f) => f.severity === 'blocker'));
    for (const f of result.findings) expect(f.message.length).toBeGreaterThan(20);
  });
});

describe('spans: the highlighted slice is the offending phrase', () => {
  it('"are you hiring" highlights "hiring"', () =>
    expect(slices('Hi Dana, I loved your talk. Are you hiring?', email(), 'MENTIONS_JOB')).toEqual(['hiring']));

  it('every occurrence is its own finding', () => {
    const text = 'Your job sounds great. I have had two jobs in retail, and a job in design is what I want. Any tips, given your path?';
    expect(slices(text, email(), 'MENTIONS_JOB')).toEqual(['job', 'jobs', 'job']);
  });

  it('a compound phrase is highlighted whole, and overlapping phrases merge', () => {
    expect(slices('Are there any job openings?', email(), 'MENTIONS_JOB')).toEqual(['job openings']);
    expect(slices('Are there any positions available? Or open roles?', email(), 'MENTIONS_JOB')).toEqual([
      'any positions available',
      'open roles',
    ]);
  });

  it('attachments, résumés and referrals', () => {
    const text = 'I’ve attached my résumé and my CV. Please find attached a curriculum vitae. Would a referral be possible, or could you put in a good word?';
    expect(slices(text, email(), 'MENTIONS_ATTACHMENT')).toEqual(['I’ve attached', 'attached']);
    expect(slices(text, email(), 'MENTIONS_RESUME')).toEqual(['résumé', 'CV', 'curriculum vitae']);
    expect(slices(text, email(), 'MENTIONS_REFERRAL')).toEqual(['referral', 'put in a good word']);
  });

  it('a résumé written with combining accents (NFD) is one word and one finding', () => {
    const text = 'Here is my re\u0301sume\u0301 for you.';
    expect(slices(text, email(), 'MENTIONS_RESUME')).toEqual(['re\u0301sume\u0301']);
    expect(lintRequest(text, email()).words).toBe(6);
  });

  it('durations', () => {
    const text = 'Could we meet for an hour, or 30–45 minutes, or forty-five min, or a couple of hours? Half an hour also works.';
    expect(slices(text, email(), 'ASKS_TOO_LONG')).toEqual(['an hour', '30–45 minutes', 'forty-five min', 'a couple of hours']);
  });

  it('placeholders', () => {
    const text = 'Hi [their name], I’m reaching out because of [why this person]. See [my portfolio](https://example.com). Would {day} work?';
    expect(slices(text, email(), 'UNFILLED_PLACEHOLDER')).toEqual(['[their name]', '[why this person]', '{day}']);
  });

  it('does not see banned words inside other words', () => {
    for (const text of [
      'I enjoyed the Jobsworth podcast and your hirings report.',
      'Your conversion-optimisation talk was detached from hype.',
      'I’m learning about careers in hydrocv engineering.',
      'Your opening keynote at Config was the reason I chose design.',
      'I resumed work last spring after five years at home.',
    ]) {
      const found = lintRequest(text, email()).findings.filter((f) => f.severity === 'blocker');
      expect(found, text).toEqual([]);
    }
  });

  it('sorts blockers first, then by span start; span-less warnings last', () => {
    const text = 'Hi, I have attached my resume. Are you hiring? I can meet for an hour.';
    const result = lintRequest(text, email('Wendy Park'));
    expect(result.findings.map((f) => f.code)).toEqual([
      'MENTIONS_ATTACHMENT',
      'MENTIONS_RESUME',
      'MENTIONS_JOB',
      'ASKS_TOO_LONG',
      'NO_REASON',
      'NO_SHARED_CONNECTION',
    ]);
    expect(result.findings.map((f) => f.severity)).toEqual(['blocker', 'blocker', 'blocker', 'blocker', 'warning', 'warning']);
    expect(result.ready).toBe(false);
  });

  it('a blocker late in the text still comes before a warning that starts earlier', () => {
    const text = `Because I read your post, can we talk? ${Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')} Are you hiring?`;
    const result = lintRequest(text, email());
    expect(result.findings.map((f) => f.code)).toEqual(['MENTIONS_JOB', 'LONG']);
    expect(result.findings[0]!.span!.start).toBeGreaterThan(result.findings[1]!.span!.start);
  });

  it('NO_QUESTION, NO_REASON and NO_SHARED_CONNECTION carry no span', () => {
    const result = lintRequest('Hello. I would like to meet you.', email('Wendy Park'));
    expect(result.findings.map((f) => [f.code, f.span])).toEqual([
      ['NO_QUESTION', null],
      ['NO_REASON', null],
      ['NO_SHARED_CONNECTION', null],
    ]);
    expect(result.ready).toBe(true);
  });
});

describe('job mentions: explained in the seeker’s words', () => {
  it('suggests "your work" for "your job"', () => {
    const [f] = lintRequest('What do you like about your job? I read your blog.', email()).findings;
    expect(f?.code).toBe('MENTIONS_JOB');
    expect(f?.message).toContain('your work');
  });
  it('says to ask what they know, not what they have', () => {
    const [f] = lintRequest('Do you have any openings? I read your blog.', email()).findings;
    expect(f?.message).toContain('Ask what they know, not what they have');
  });
  it.each([
    ['Could you hire me?', true],
    ['Are you hiring designers?', true],
    ['Is there a vacancy on your team?', true],
    ['Is there an opening on your team?', true],
    ['Does your team have headcount this year?', true],
    ['I’m on the job hunt.', true],
    ['As a jobseeker, I wonder whether you would talk with me.', true],
    ['You were hired in 2019.', false],
    ['What do new hires find hardest?', false],
    ['Your position at Acme looks fascinating.', false],
    ['I’m open to a call or coffee.', false],
    ['What roles exist in UX research?', false],
    ['The opening of your Boston office made the news.', false],
    ['You did a great job presenting at Config.', false],
  ])('%j → flagged %s', (text, flagged) =>
    expect(lintRequest(text, email()).findings.some((f) => f.code === 'MENTIONS_JOB')).toBe(flagged),
  );
});

describe('résumé versus the verb "resume"', () => {
  it.each([
    ['I can send my resume.', true],
    ['Resume attached below.', true],
    ['Could you look at the resume I wrote?', true],
    ['I’d like a resume review.', true],
    ['I can send you my resume after we talk.', true],
    ['I’m ready to resume my career.', false],
    ['We could resume our conversation from the mixer.', false],
    ['I will resume work in the fall.', false],
    ['As I resume working after parental leave, I read your post.', false],
    ['I resumed my studies last year.', false],
  ])('%j → flagged %s', (text, flagged) =>
    expect(lintRequest(text, email()).findings.some((f) => f.code === 'MENTIONS_RESUME')).toBe(flagged),
  );
});

describe('asking for too much time', () => {
  it.each([
    ['Would you have 20 or 30 minutes?', false],
    ['Could we talk for 20–30 min?', false],
    ['Could we meet for half an hour?', false],
    ['Could we meet for a half hour?', false],
    ['Could we have a 30-minute call?', false],
    ['Could I have 15 minutes?', false],
    ['Would 0.5 hours work?', false],
    ['Could we meet for 45 minutes?', true],
    ['Could we have a 45-minute call?', true],
    ['Could we meet for an hour?', true],
    ['Could we meet for 1 hour?', true],
    ['Could we meet for 60 mins?', true],
    ['Could we do a 2h session?', true],
    ['Could we talk for thirty-five minutes?', true],
    ['Could we meet for 30+ minutes?', true],
    ['Could we talk for 30 minutes or more?', true],
    ['Could we have an hour-long conversation?', true],
    ['Could I spend half a day with your team?', true],
    ['Could I join you for a full day?', true],
    ['Could I shadow you?', true],
    ['I loved your hour-long keynote, could we talk?', false],
    ['I’m a 45-minute drive away, could we meet?', false],
    ['I’ll write again within 24 hours, if that is all right?', false],
    ['I spent an hour on your blog, could we talk?', false],
    ['What does a day in the life look like?', false],
    ['Hi Anh, could we talk for 20 minutes?', false],
  ])('%j → flagged %s', (text, flagged) =>
    expect(lintRequest(text, email()).findings.some((f) => f.code === 'ASKS_TOO_LONG')).toBe(flagged),
  );
});

describe('word counting', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['résumé', 1],
    ["don't", 1],
    ['don’t', 1],
    ['well-known', 1],
    ['— … !! ?', 0],
    ['https://example.com/path?x=1&y=2 and maya.patel@example.com', 3],
    ['See www.example.org/portfolio.', 2],
    ['3:30 or 1,000 or 2.5', 5],
    ['20–30 minutes', 3],
    ["students' work", 2],
    ['Zoë and François', 3],
    ['Hi 👋 Dana', 2],
  ])('%j → %i words', (text, n) => expect(lintRequest(text, email()).words).toBe(n));
});

describe('length boundaries', () => {
  /** A request of exactly `n` words, the i-th word being `w<i>`, with a question and a reason in the first words. */
  const request = (n: number): string => {
    const opening = ['Because', 'of', 'your', 'talk,', 'can', 'we', 'talk?'];
    return Array.from({ length: n }, (_, i) => opening[i] ?? `w${i + 1}`).join(' ');
  };

  it('counts the generated requests right', () => {
    expect(lintRequest(request(100), email()).words).toBe(100);
    expect(lintRequest(request(151), email()).words).toBe(151);
  });
  it('100 words: nothing to say', () => expect(codes(request(100), email())).toEqual([]));
  it('101 words: LONG, highlighted from the 101st word to the end', () => {
    const text = request(101);
    const [f] = lintRequest(text, email()).findings;
    expect(f?.code).toBe('LONG');
    expect(f?.severity).toBe('warning');
    expect(text.slice(f!.span!.start, f!.span!.end)).toBe('w101');
    expect(lintRequest(text, email()).ready).toBe(true);
  });
  it('150 words: still only LONG', () => expect(codes(request(150), email())).toEqual(['LONG']));
  it('151 words: TOO_LONG instead of LONG, highlighted from the 151st word, and not ready', () => {
    const text = `${request(153)}\n\n`;
    const result = lintRequest(text, email());
    expect(result.findings.map((f) => f.code)).toEqual(['TOO_LONG']);
    const f = result.findings[0]!;
    expect(text.slice(f.span!.start, f.span!.end)).toBe('w151 w152 w153');
    expect(result.ready).toBe(false);
    expect(f.message).toContain('153 words');
  });
});

describe('shared connection', () => {
  const ctx = email('Wendy Park');
  it.each([
    ['Wendy Park suggested I write. I read your post. Can we talk?', []],
    ['Hi Dana,\n\nWendy suggested I write. I read your post. Can we talk?', []],
    ['Dear Dr. Chen,\n\nwendy park suggested I write. I read your post. Can we talk?', []],
    ['Dear Ms. Chen, our friend Ms. Park suggested I write. I read your post. Can we talk?', []],
    ['Hi Dana! Wendy suggested I write. I read your post. Can we talk?', []],
    ['Hi Dana, I read your post. Wendy suggested I write. Can we talk?', ['late']],
    ['Hi Dana,\n\nI read your post\n\nWendy suggested I write. Can we talk?', ['late']],
    ['Hi Dana, I read your post. Can we talk?', ['missing']],
    ['Hi Dana, I read your post about Wendyland. Can we talk?', ['missing']],
  ])('%j → %j', (text, expected) => {
    const found = lintRequest(text, ctx).findings.filter((f) => f.code === 'NO_SHARED_CONNECTION');
    expect(found.map((f) => (f.message.startsWith('Name Wendy in your first sentence') ? 'late' : 'missing'))).toEqual(expected);
  });

  it('an initial or a title inside the first sentence does not end it', () => {
    const text = 'Hi Dana, my mentor Prof. Lee and Wendy J. Park both suggested I write to you. Can we talk? I read your post.';
    expect(codes(text, ctx)).toEqual([]);
  });

  it('a first name that is also a word counts only when written as a name', () => {
    const will = email('Will Turner');
    expect(codes('Hi Dana, I will be brief. I read your post. Can we talk?', will)).toEqual(['NO_SHARED_CONNECTION']);
    expect(codes('Hi Dana, Will suggested I write. I read your post. Can we talk?', will)).toEqual([]);
  });

  it('is not checked without a shared connection, or for a blank one', () => {
    expect(codes('I read your post. Can we talk?', email(null))).toEqual([]);
    expect(codes('I read your post. Can we talk?', email('  '))).toEqual([]);
  });

  it('an intro request is written to the connection: only a missing name is reported', () => {
    const intro: LintContext = { channel: 'intro_request', sharedConnectionName: 'Wendy Park' };
    expect(codes('Would you introduce me to Dana Chen, because of her talk? Thanks so much, Wendy!', intro)).toEqual([]);
    expect(codes('Would you introduce me to Dana Chen, because of her talk?', intro)).toEqual(['NO_SHARED_CONNECTION']);
  });
});

describe('LinkedIn note length', () => {
  const note = (n: number): string => {
    const base = 'Hi Dana, I read your post on service design. Could we talk for 20 minutes? ';
    return (base + 'x'.repeat(n)).slice(0, n);
  };
  it('300 characters is fine', () => expect(codes(note(300), linkedin())).toEqual([]));
  it('301 characters: a warning that highlights what LinkedIn cuts', () => {
    const text = `${note(298)}yz!`;
    const result = lintRequest(text, linkedin());
    expect(result.findings.map((f) => f.code)).toEqual(['LINKEDIN_NOTE_TOO_LONG']);
    const f = result.findings[0]!;
    expect(f.severity).toBe('warning');
    expect(text.slice(f.span!.start, f.span!.end)).toBe('!');
    expect(result.ready).toBe(true);
  });
  it('counts characters, not UTF-16 units, and ignores surrounding whitespace', () => {
    const text = `\n  ${note(299)}😀  \n`;
    expect(codes(text, linkedin())).toEqual([]);
    const over = `\n  ${note(299)}😀😀  \n`;
    const f = lintRequest(over, linkedin()).findings[0]!;
    expect(over.slice(f.span!.start, f.span!.end)).toBe('😀');
  });
  it('applies to LinkedIn only', () => expect(codes(LINKEDIN_TOO_LONG, email())).toEqual([]));
});

describe('asks for work in other words', () => {
  const base = 'Hi Dana, I loved your talk on service design. Could we talk for 20 minutes at your convenience? ';
  it.each([
    ['Are you recruiting designers this year?', 'recruiting'],
    ['Could you connect me with your recruiter?', 'recruiter'],
    ['Do you offer any internships?', 'internships'],
    ['Are there any opportunities on your team?', 'any opportunities'],
    ['I am applying for the designer position at Acme.', 'applying for'],
    ['I am looking for employment in design.', 'employment'],
    ['I saw several career opportunities on your site.', 'career opportunities'],
  ])('flags "%s"', (sentence, phrase) => {
    const text = base + sentence;
    expect(slices(text, email(), 'MENTIONS_JOB')).toEqual([phrase]);
    expect(lintRequest(text, email()).ready).toBe(false);
  });

  it('leaves alone what is not an ask for work', () => {
    const text = base + 'Your recent article on the opportunities of accessible design stayed with me.';
    expect(codes(text, email())).toEqual([]);
  });
});
