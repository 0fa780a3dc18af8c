import { describe, expect, it } from 'vitest';
import { type LintContext, lintRequest } from '../../src/core/request-lint.ts';
import {
  firstName,
  REQUEST_TEMPLATES,
  type RequestTemplateFields,
  type RequestTemplateId,
  renderRequestTemplate,
} from '../../src/core/request-templates.ts';

const IDS: RequestTemplateId[] = ['email', 'linkedin', 'intro_request'];

const TYPICAL: RequestTemplateFields = {
  seekerName: 'Maya Patel',
  contactName: 'Dana Chen',
  organizationName: 'Northwind Health',
  sharedConnectionName: 'Wendy Park',
  introducerName: 'Wendy Park',
  topic: 'product design',
  reason: 'your talk on accessible design at Config',
};

/** Typical fields from the three kinds of seekers, with and without a connection or an organization. */
const SEEKERS: { who: string; fields: RequestTemplateFields }[] = [
  { who: 'new graduate with a warm intro', fields: TYPICAL },
  {
    who: 'career changer, cold, no organization',
    fields: {
      seekerName: 'Luis Ortega',
      contactName: 'Priya Raman',
      organizationName: null,
      sharedConnectionName: null,
      introducerName: 'Tom Alvarez',
      topic: 'UX research',
      reason: 'Your post about leaving the classroom for Spotify.',
    },
  },
  {
    who: 'returning parent with a clause as the reason',
    fields: {
      seekerName: 'Elena Ruiz',
      contactName: 'Chidi Okafor',
      organizationName: 'Maersk',
      sharedConnectionName: 'Tom Alvarez',
      introducerName: null,
      topic: 'supply chain planning',
      reason: 'you returned to logistics after a career break, as I hope to',
    },
  },
  {
    who: 'alumna whose reason starts with "because"',
    fields: {
      seekerName: 'Aisha Bello',
      contactName: 'Ken Watanabe',
      organizationName: 'Intuit',
      sharedConnectionName: 'Grace Liu',
      introducerName: 'Grace Liu',
      topic: 'product management',
      reason: 'because we both studied economics at Michigan',
    },
  },
];

const lintContext = (id: RequestTemplateId, fields: RequestTemplateFields): LintContext => ({
  channel: id,
  sharedConnectionName: id === 'intro_request' ? (fields.introducerName ?? fields.sharedConnectionName) : fields.sharedConnectionName,
});

describe('REQUEST_TEMPLATES', () => {
  it('lists one template per id, each with its channel, a label and a description', () => {
    expect(REQUEST_TEMPLATES.map((t) => t.id)).toEqual(IDS);
    for (const t of REQUEST_TEMPLATES) {
      expect(t.channel).toBe(t.id);
      expect(t.label.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(20);
    }
  });
});

describe('rendered with typical fields, every template passes the lint', () => {
  const cases = SEEKERS.flatMap(({ who, fields }) => IDS.map((id) => ({ who, id, fields })));
  it.each(cases)('$id for $who: ready, with no findings', ({ id, fields }) => {
    const { body } = renderRequestTemplate(id, fields);
    const result = lintRequest(body, lintContext(id, fields));
    expect(result.findings).toEqual([]);
    expect(result.ready).toBe(true);
  });

  it.each(SEEKERS)('email for $who is at most 100 words and has a subject', ({ fields }) => {
    const { subject, body } = renderRequestTemplate('email', fields);
    expect(lintRequest(body, lintContext('email', fields)).words).toBeLessThanOrEqual(100);
    expect(subject).toBeTruthy();
  });

  it.each(SEEKERS)('LinkedIn note for $who is at most 300 characters and has no subject', ({ fields }) => {
    const { subject, body } = renderRequestTemplate('linkedin', fields);
    expect([...body].length).toBeLessThanOrEqual(300);
    expect(subject).toBeNull();
  });

  it.each(IDS)('%s asks for 20 or 30 minutes at their convenience, with a question', (id) => {
    const { body } = renderRequestTemplate(id, TYPICAL);
    expect(body).toContain('20 or 30 minutes at your convenience');
    expect(body).toMatch(/\?/);
    expect(body).not.toMatch(/hour|job|hir(e|ing)|r[eé]sum[eé]|referr|attach/i);
  });
});

describe('missing fields become placeholders, and the request is not ready', () => {
  const blank: RequestTemplateFields = {
    ...TYPICAL,
    topic: null,
    reason: '   ',
  };
  it.each(IDS)('%s without topic or reason', (id) => {
    const { body } = renderRequestTemplate(id, blank);
    expect(body).toContain('[why this person]');
    expect(body).toContain('[the field you want to learn about]');
    const result = lintRequest(body, lintContext(id, blank));
    expect(result.ready).toBe(false);
    expect(new Set(result.findings.filter((f) => f.severity === 'blocker').map((f) => f.code))).toEqual(
      new Set(['UNFILLED_PLACEHOLDER']),
    );
    const highlighted = result.findings.map((f) => body.slice(f.span!.start, f.span!.end));
    expect(highlighted).toContain('[why this person]');
    expect(highlighted).toContain('[the field you want to learn about]');
  });

  it('names left blank become placeholders too', () => {
    const none = { ...TYPICAL, seekerName: '', contactName: ' ', introducerName: null, sharedConnectionName: null };
    expect(renderRequestTemplate('email', none).body).toMatch(/^Hi \[their name\],[\s\S]*\[your name\]$/);
    const intro = renderRequestTemplate('intro_request', none);
    expect(intro.body).toMatch(/^Hi \[your mutual contact\],/);
    expect(intro.body).toContain('introduce me to [the person you want to meet] at Northwind Health?');
    expect(lintRequest(intro.body, lintContext('intro_request', none)).ready).toBe(false);
  });

  it('an organization or a shared connection left out is simply not mentioned', () => {
    const body = renderRequestTemplate('email', { ...TYPICAL, organizationName: null, sharedConnectionName: null }).body;
    expect(body).not.toMatch(/\[|null|undefined| at \?/);
    expect(body).toContain('about your work?');
  });
});

describe('the shared connection comes first', () => {
  it('email: the first sentence after the greeting names them, and so does the subject', () => {
    const { subject, body } = renderRequestTemplate('email', TYPICAL);
    expect(body.split('\n')[2]).toMatch(/^Wendy Park suggested I write to you\./);
    expect(subject).toBe('Wendy Park suggested I write to you');
  });
  it('LinkedIn: right after the greeting', () =>
    expect(renderRequestTemplate('linkedin', TYPICAL).body).toMatch(/^Hi Dana, Wendy Park suggested I reach out\./));
  it('intro request: written to the connection, about the person to meet', () => {
    const { subject, body } = renderRequestTemplate('intro_request', TYPICAL);
    expect(body).toMatch(/^Hi Wendy,\n\nWould you be willing to introduce me to Dana Chen at Northwind Health\?/);
    expect(subject).toBe('Would you introduce me to Dana Chen?');
  });
  it('intro request: uses the shared connection as the introducer when none is given', () =>
    expect(renderRequestTemplate('intro_request', { ...TYPICAL, introducerName: null }).body).toMatch(/^Hi Wendy,/));
  it('the lint agrees: no NO_SHARED_CONNECTION, and it would say so if the name were missing', () => {
    const { body } = renderRequestTemplate('email', TYPICAL);
    expect(lintRequest(body, { channel: 'email', sharedConnectionName: 'Wendy Park' }).findings).toEqual([]);
    const without = renderRequestTemplate('email', { ...TYPICAL, sharedConnectionName: null }).body;
    expect(lintRequest(without, { channel: 'email', sharedConnectionName: 'Wendy Park' }).findings.map((f) => f.code)).toEqual([
      'NO_SHARED_CONNECTION',
    ]);
  });
});

describe('the intro request offers a blurb to forward', () => {
  it('addressed to the person to meet, with the reason and the ask', () => {
    const { body } = renderRequestTemplate('intro_request', TYPICAL);
    const blurb = /“([^”]+)”/.exec(body)?.[1] ?? '';
    expect(blurb).toMatch(/^Hi Dana, I’m Maya Patel/);
    expect(blurb).toContain('because of your talk on accessible design at Config');
    expect(blurb).toContain('20 or 30 minutes at your convenience');
  });
});

describe('names and values are inserted exactly as written', () => {
  const tricky: RequestTemplateFields = {
    seekerName: "Siobhan O'Neil",
    contactName: 'Chen, Dana',
    organizationName: 'Ben & Jerry’s',
    sharedConnectionName: "D'Arcy Smith-Jones",
    introducerName: "D'Arcy Smith-Jones",
    topic: 'R&D at $& scale',
    reason: "your essay \"Design, again\" in O'Reilly Radar",
  };
  it.each(IDS)('%s', (id) => {
    const { subject, body } = renderRequestTemplate(id, tricky);
    const all = `${subject ?? ''}\n${body}`;
    expect(all).toContain('R&D at $& scale');
    expect(all).toContain("D'Arcy");
    expect(all).toContain("Siobhan");
    if (id !== 'linkedin') expect(all).toContain("Siobhan O'Neil");
    if (id !== 'intro_request') {
      expect(body).toMatch(/^Hi Dana,/);
      expect(all).toContain("D'Arcy Smith-Jones suggested");
      expect(all).toContain('your essay "Design, again" in O\'Reilly Radar');
    } else {
      expect(body).toMatch(/^Hi D'Arcy,/);
      expect(body).toContain('introduce me to Chen, Dana at Ben & Jerry’s?');
    }
    expect(lintRequest(body, lintContext(id, tricky)).ready).toBe(true);
  });
  it('a title or suffix after a comma does not end up in the greeting', () =>
    expect(renderRequestTemplate('email', { ...TYPICAL, contactName: 'Dr. Dana Chen, PhD' }).body).toMatch(/^Hi Dana,/));
});

describe('firstName', () => {
  it.each([
    ['Dana Chen', 'Dana'],
    ['  Dana   Chen ', 'Dana'],
    ['Dana', 'Dana'],
    ['Dr. Dana Chen', 'Dana'],
    ['Prof Dana Chen', 'Dana'],
    ['Chen, Dana', 'Dana'],
    ['de la Cruz, María José', 'María'],
    ['Dana Chen, PhD', 'Dana'],
    ['Dana Chen, Ph.D., MBA', 'Dana'],
    ['Martin Luther King, Jr.', 'Martin'],
    ["Siobhan O'Neil", 'Siobhan'],
    ["D'Arcy Smith", "D'Arcy"],
    ['Anne-Marie Dubois', 'Anne-Marie'],
    ['Dr.', 'Dr.'],
    ['[their name]', '[their name]'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (full, first) => expect(firstName(full)).toBe(first));
});
