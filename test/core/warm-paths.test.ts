import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Advocacy } from '../../src/core/targets.ts';
import { advocacyByOrganization, findIntroductionPath, findWarmPaths, type Network, type NetworkPerson, type WarmPaths } from '../../src/core/warm-paths.ts';

function person(id: string, name: string, overrides: Partial<NetworkPerson> = {}): NetworkPerson {
  return { id, name, organizationId: null, knownPersonally: false, introducedById: null, tagKeys: [], ...overrides };
}

/*
 * The hand-drawn network (target: Acme, name key "acme corp"; the seeker went to
 * Stanford and worked at Globex). "~" is a knows link, "<-" an introduced-by link.
 *
 *   seeker — Alice Chen (Acme, known, tagged "acme corp")
 *   seeker — Wendy Park <- Dana Reyes (Acme)                      2 hops, introduced by
 *   seeker — Kim Soto (Initech) ~ Lee Wong (Initech) ~ Dana Reyes  3 hops, longer: not chosen
 *            Wendy Park ~ Kim Soto                                   closes a cycle
 *   seeker — Frank Hill ~ Gina Moss (Umbrella) ~ Carmen Diaz (Acme) 3 hops, knows
 *   seeker — Ivy Lane ~ Jay Kerr ~ Kay Ng (Hooli) ~ Hank Ito (Acme) 4 hops: too far
 *   seeker — Omar Aziz (Globex, known, tagged "acme corp")          former employee
 *   seeker — Nora Bly (known, tagged "soylent corp")                former employee of Soylent
 *   Aaron Bell (Acme, tagged "globex"), Ben Ortiz (Acme, "stanford"): no path
 *   Pat Quinn (tagged "acme corp", not known): not a former employee anyone can vouch for
 *   Zed Roe (Acme) <- a deleted contact; Uma Roy (Vandelay): no path
 */
const acme = { organizationId: 'acme', nameKey: 'acme corp' };
const affinity = ['stanford', 'globex'];
const network: Network = {
  people: [
    person('zed', 'Zed Roe', { organizationId: 'acme', introducedById: 'deleted-contact' }),
    person('dana', 'Dana Reyes', { organizationId: 'acme', introducedById: 'wendy' }),
    person('hank', 'Hank Ito', { organizationId: 'acme' }),
    person('ben', 'Ben Ortiz', { organizationId: 'acme', tagKeys: ['stanford', 'stanford'] }),
    person('carmen', 'Carmen Diaz', { organizationId: 'acme' }),
    person('alice', 'Alice Chen', { organizationId: 'acme', knownPersonally: true, tagKeys: ['acme corp'] }),
    person('aaron', 'Aaron Bell', { organizationId: 'acme', tagKeys: ['globex'] }),
    person('wendy', 'Wendy Park', { knownPersonally: true }),
    person('kim', 'Kim Soto', { organizationId: 'initech', knownPersonally: true }),
    person('lee', 'Lee Wong', { organizationId: 'initech' }),
    person('frank', 'Frank Hill', { knownPersonally: true }),
    person('gina', 'Gina Moss', { organizationId: 'umbrella' }),
    person('ivy', 'Ivy Lane', { knownPersonally: true }),
    person('jay', 'Jay Kerr'),
    person('kay', 'Kay Ng', { organizationId: 'hooli' }),
    person('omar', 'Omar Aziz', { organizationId: 'globex', knownPersonally: true, tagKeys: ['acme corp', 'stanford'] }),
    person('nora', 'Nora Bly', { knownPersonally: true, tagKeys: ['soylent corp'] }),
    person('pat', 'Pat Quinn', { tagKeys: ['acme corp'] }),
    person('uma', 'Uma Roy', { organizationId: 'vandelay' }),
  ],
  knows: [
    ['wendy', 'kim'],
    ['kim', 'lee'],
    ['lee', 'dana'],
    ['frank', 'gina'],
    ['gina', 'frank'], // the same link again, reversed
    ['frank', 'gina'],
    ['gina', 'carmen'],
    ['ivy', 'jay'],
    ['jay', 'kay'],
    ['kay', 'hank'],
    ['zed', 'zed'], // self-link
    ['ghost', 'zed'], // unknown id
    ['uma', 'deleted-contact'],
  ],
};

describe('findWarmPaths on a hand-drawn network', () => {
  const paths = findWarmPaths(network, acme, affinity);

  it('lists everyone there: known personally first, then those sharing tags, then by name', () => {
    expect(paths.contactsThere).toEqual([
      { id: 'alice', name: 'Alice Chen', knownPersonally: true, sharedTags: [] },
      { id: 'aaron', name: 'Aaron Bell', knownPersonally: false, sharedTags: ['globex'] },
      { id: 'ben', name: 'Ben Ortiz', knownPersonally: false, sharedTags: ['stanford'] },
      { id: 'carmen', name: 'Carmen Diaz', knownPersonally: false, sharedTags: [] },
      { id: 'dana', name: 'Dana Reyes', knownPersonally: false, sharedTags: [] },
      { id: 'hank', name: 'Hank Ito', knownPersonally: false, sharedTags: [] },
      { id: 'zed', name: 'Zed Roe', knownPersonally: false, sharedTags: [] },
    ]);
  });

  it('finds known former employees elsewhere, not people there nor names the seeker was only given', () => {
    expect(paths.formerEmployees).toEqual([{ id: 'omar', name: 'Omar Aziz' }]);
  });

  it('finds the shortest introductions, shortest first, with exact sentences', () => {
    expect(paths.introductions).toEqual([
      {
        target: { id: 'dana', name: 'Dana Reyes' },
        hops: 2,
        steps: [
          {
            from: { id: 'wendy', name: 'Wendy Park' },
            to: { id: 'dana', name: 'Dana Reyes' },
            link: 'introduced_by',
            sentence: 'Ask Wendy Park to introduce you to Dana Reyes.',
          },
        ],
      },
      {
        target: { id: 'carmen', name: 'Carmen Diaz' },
        hops: 3,
        steps: [
          {
            from: { id: 'frank', name: 'Frank Hill' },
            to: { id: 'gina', name: 'Gina Moss' },
            link: 'knows',
            sentence: 'Ask Frank Hill to introduce you to Gina Moss.',
          },
          {
            from: { id: 'gina', name: 'Gina Moss' },
            to: { id: 'carmen', name: 'Carmen Diaz' },
            link: 'knows',
            sentence: 'Ask Gina Moss to introduce you to Carmen Diaz.',
          },
        ],
      },
    ]);
  });

  it('leaves out a 4-hop path unless maxHops allows it', () => {
    expect(paths.introductions.map((p) => p.target.id)).not.toContain('hank');
    const wider = findWarmPaths(network, acme, affinity, 4);
    const hank = wider.introductions.find((p) => p.target.id === 'hank');
    expect(hank?.hops).toBe(4);
    expect(hank?.steps.map((s) => s.sentence)).toEqual([
      'Ask Ivy Lane to introduce you to Jay Kerr.',
      'Ask Jay Kerr to introduce you to Kay Ng.',
      'Ask Kay Ng to introduce you to Hank Ito.',
    ]);
    expect(wider.introductions.map((p) => p.target.id)).toEqual(['dana', 'carmen', 'hank']);
  });

  it('offers no introduction beyond maxHops 2, and none at all below 2', () => {
    expect(findWarmPaths(network, acme, affinity, 2).introductions.map((p) => p.target.id)).toEqual(['dana']);
    expect(findWarmPaths(network, acme, affinity, 1).introductions).toEqual([]);
    expect(findWarmPaths(network, acme, affinity, 0).introductions).toEqual([]);
  });

  it('rejects a maxHops that is not a non-negative integer', () => {
    expect(() => findWarmPaths(network, acme, affinity, -1)).toThrow(RangeError);
    expect(() => findWarmPaths(network, acme, affinity, 2.5)).toThrow(RangeError);
    expect(() => advocacyByOrganization(network, [acme], Number.NaN)).toThrow(RangeError);
  });

  it('returns empty lists for an organization nobody works at', () => {
    expect(findWarmPaths(network, { organizationId: 'nowhere', nameKey: 'nowhere inc' }, affinity)).toEqual({
      contactsThere: [],
      formerEmployees: [],
      introductions: [],
    });
  });
});

describe('findWarmPaths link rules', () => {
  it('counts introduced-by in both directions and prefers it when both links exist', () => {
    const net: Network = {
      people: [
        person('x', 'Xena Ward', { knownPersonally: true, introducedById: 't' }), // Xena was introduced by the target
        person('t', 'Tom Vance', { organizationId: 'o' }),
      ],
      knows: [['t', 'x']],
    };
    const [path] = findWarmPaths(net, { organizationId: 'o', nameKey: 'o' }, []).introductions;
    expect(path?.steps).toEqual([
      { from: { id: 'x', name: 'Xena Ward' }, to: { id: 't', name: 'Tom Vance' }, link: 'introduced_by', sentence: 'Ask Xena Ward to introduce you to Tom Vance.' },
    ]);
  });

  it('breaks ties between shortest paths by the names along the path', () => {
    const net: Network = {
      people: [
        person('zoe', 'Zoe Young', { knownPersonally: true }),
        person('adam', 'Adam Ames', { knownPersonally: true }),
        person('xavier', 'Xavier Xu'),
        person('bella', 'Bella Burns'),
        person('t', 'Tess Tran', { organizationId: 'o' }),
        person('u', 'Uri Udall', { organizationId: 'o' }),
      ],
      // Tess: Zoe or Adam (2 hops) — Adam. Uri: Zoe ~ Bella, Adam ~ Xavier, Adam ~ Bella (3 hops) — Adam, then Bella.
      knows: [['zoe', 't'], ['t', 'adam'], ['zoe', 'bella'], ['adam', 'xavier'], ['xavier', 'u'], ['adam', 'bella'], ['bella', 'u']],
    };
    const { introductions } = findWarmPaths(net, { organizationId: 'o', nameKey: 'o' }, []);
    expect(introductions.map((p) => [p.target.name, ...p.steps.map((s) => s.from.name)])).toEqual([
      ['Tess Tran', 'Adam Ames'],
      ['Uri Udall', 'Adam Ames', 'Bella Burns'],
    ]);
    // The same answer whatever order the records come in.
    const reversed = findWarmPaths({ people: [...net.people].reverse(), knows: [...net.knows].reverse() }, { organizationId: 'o', nameKey: 'o' }, []);
    expect(reversed).toEqual(findWarmPaths(net, { organizationId: 'o', nameKey: 'o' }, []));
  });

  it('keeps the first record when an id repeats', () => {
    const net: Network = {
      people: [person('k', 'Kai Kim', { knownPersonally: true }), person('k', 'Kai Duplicate', { organizationId: 'o' }), person('t', 'Tia Tam', { organizationId: 'o' })],
      knows: [['k', 't']],
    };
    const paths = findWarmPaths(net, { organizationId: 'o', nameKey: 'o' }, []);
    expect(paths.contactsThere.map((c) => c.id)).toEqual(['t']);
    expect(paths.introductions.map((p) => p.steps[0]?.from.name)).toEqual(['Kai Kim']);
  });

  it('survives a network made only of cycles and self-links', () => {
    const net: Network = {
      people: [person('a', 'A', { knownPersonally: true, introducedById: 'c' }), person('b', 'B', { introducedById: 'a' }), person('c', 'C', { introducedById: 'b', organizationId: 'o' })],
      knows: [['a', 'b'], ['b', 'c'], ['c', 'a'], ['a', 'a'], ['c', 'c']],
    };
    const paths = findWarmPaths(net, { organizationId: 'o', nameKey: 'o' }, [], 10);
    expect(paths.introductions).toEqual([
      { target: { id: 'c', name: 'C' }, hops: 2, steps: [{ from: { id: 'a', name: 'A' }, to: { id: 'c', name: 'C' }, link: 'introduced_by', sentence: 'Ask A to introduce you to C.' }] },
    ]);
  });
});

describe('findIntroductionPath', () => {
  it('returns the same path findWarmPaths gives for that contact', () => {
    const all = findWarmPaths(network, acme, affinity, 4).introductions;
    for (const id of ['dana', 'carmen', 'hank']) expect(findIntroductionPath(network, id, 4)).toEqual(all.find((p) => p.target.id === id));
    expect(findIntroductionPath(network, 'lee')).toMatchObject({ hops: 2, steps: [{ sentence: 'Ask Kim Soto to introduce you to Lee Wong.', link: 'knows' }] });
  });

  it('is null for someone known personally, out of reach or unknown', () => {
    expect(findIntroductionPath(network, 'alice')).toBeNull();
    expect(findIntroductionPath(network, 'hank')).toBeNull(); // 4 hops, default limit 3
    expect(findIntroductionPath(network, 'zed')).toBeNull();
    expect(findIntroductionPath(network, 'deleted-contact')).toBeNull();
  });
});

describe('advocacyByOrganization', () => {
  const targets = [
    acme,
    { organizationId: 'initech', nameKey: 'initech' },
    { organizationId: 'umbrella', nameKey: 'umbrella' },
    { organizationId: 'hooli', nameKey: 'hooli' },
    { organizationId: 'globex', nameKey: 'globex' },
    { organizationId: 'soylent', nameKey: 'soylent corp' },
    { organizationId: 'vandelay', nameKey: 'vandelay industries' },
    { organizationId: 'nowhere', nameKey: 'nowhere inc' },
  ];

  it('rates each organization by its best way in', () => {
    expect(Object.fromEntries(advocacyByOrganization(network, targets))).toEqual({
      acme: 'known_contact', // Alice works there
      initech: 'known_contact', // Kim works there
      umbrella: 'introduction', // Gina, 2 hops
      hooli: 'introduction', // Kay, 3 hops
      globex: 'known_contact', // Omar works there
      soylent: 'known_contact', // Nora used to
      vandelay: 'none', // Uma, no path
      nowhere: 'none',
    });
  });

  it('honours maxHops', () => {
    const near = advocacyByOrganization(network, targets, 2);
    expect(near.get('umbrella')).toBe('introduction');
    expect(near.get('hooli')).toBe('none');
    expect(near.get('acme')).toBe('known_contact');
  });

  it('keeps the best answer for an organization listed twice', () => {
    const map = advocacyByOrganization(network, [{ organizationId: 'vandelay', nameKey: 'vandelay' }, { organizationId: 'vandelay', nameKey: 'acme corp' }]);
    expect([...map]).toEqual([['vandelay', 'known_contact']]);
  });
});

// ---- Properties on random graphs, against a naive reference --------------------------------

const collator = new Intl.Collator('en-US', { sensitivity: 'base' });
const comparePeople = (a: NetworkPerson, b: NetworkPerson): number => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const ORGS = ['o1', 'o2', 'o3'] as const;
const nameKeyOf = (org: string) => `${org} name`;
const TAGS = ['t1', 't2', ...ORGS.map(nameKeyOf)];
const NAMES = ['Ana Li', 'ana li', 'Bo Chen', 'Cy Diaz', 'Dee Ek'];

const arbitraryCase = fc.integer({ min: 1, max: 9 }).chain((n) => {
  // Ids reach beyond the people so some links point at no one.
  const anyId = fc.integer({ min: 0, max: n + 1 }).map((i) => `p${i}`);
  return fc.record({
    people: fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          id: fc.constant(`p${i}`),
          name: fc.constantFrom(...NAMES),
          organizationId: fc.constantFrom(null, ...ORGS),
          knownPersonally: fc.boolean(),
          introducedById: fc.option(anyId, { nil: null }),
          tagKeys: fc.subarray(TAGS),
        }),
      ),
    ),
    knows: fc.array(fc.tuple(anyId, anyId), { maxLength: 16 }),
    affinity: fc.subarray(TAGS),
    maxHops: fc.integer({ min: 0, max: 4 }),
  });
});

/** Naive reference: every walk from a known person, up to maxHops people long. */
function reference(net: Network, maxHops: number) {
  const byId = new Map(net.people.map((p) => [p.id, p]));
  const linked = (a: string, b: string): boolean =>
    a !== b &&
    byId.has(a) &&
    byId.has(b) &&
    (net.knows.some(([x, y]) => (x === a && y === b) || (x === b && y === a)) || byId.get(a)!.introducedById === b || byId.get(b)!.introducedById === a);
  const introduced = (a: string, b: string) => byId.get(a)!.introducedById === b || byId.get(b)!.introducedById === a;
  const best = new Map<string, NetworkPerson[]>(); // shortest walk, smallest by people along it
  const better = (x: NetworkPerson[], y: NetworkPerson[]) => {
    if (x.length !== y.length) return x.length < y.length;
    for (let i = 0; i < x.length; i++) {
      const c = comparePeople(x[i]!, y[i]!);
      if (c !== 0) return c < 0;
    }
    return false;
  };
  const walk = (path: NetworkPerson[]) => {
    const last = path[path.length - 1]!;
    const current = best.get(last.id);
    if (current === undefined || better(path, current)) best.set(last.id, path);
    if (path.length >= maxHops) return;
    for (const next of net.people) if (linked(last.id, next.id)) walk([...path, next]);
  };
  if (maxHops >= 1) for (const p of net.people) if (p.knownPersonally) walk([p]);
  return { best, linked, introduced, byId };
}

function advocacyOf(paths: WarmPaths): Advocacy {
  if (paths.contactsThere.some((c) => c.knownPersonally) || paths.formerEmployees.length > 0) return 'known_contact';
  return paths.introductions.length > 0 ? 'introduction' : 'none';
}

describe('warm paths on random graphs', () => {
  it('returns valid, shortest, name-ordered paths and agrees with advocacyByOrganization', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ people, knows, affinity: tags, maxHops }) => {
        const net: Network = { people, knows };
        const ref = reference(net, maxHops);
        const targets = ORGS.map((org) => ({ organizationId: org, nameKey: nameKeyOf(org) }));
        const advocacy = advocacyByOrganization(net, targets, maxHops);
        expect([...advocacy.keys()]).toEqual([...ORGS]);

        for (const target of targets) {
          const paths = findWarmPaths(net, target, tags, maxHops);
          for (const intro of paths.introductions) expect(findIntroductionPath(net, intro.target.id, maxHops)).toEqual(intro);
          const there = people.filter((p) => p.organizationId === target.organizationId);

          // Contacts there: everyone, known first, then sharing tags, then by name.
          expect(paths.contactsThere.map((c) => c.id).sort()).toEqual(there.map((p) => p.id).sort());
          for (const c of paths.contactsThere) {
            const p = ref.byId.get(c.id)!;
            expect(c.knownPersonally).toBe(p.knownPersonally);
            expect(c.sharedTags).toEqual([...new Set(p.tagKeys.filter((t) => tags.includes(t)))]);
          }
          const contactKey = (c: (typeof paths.contactsThere)[number]) => [c.knownPersonally ? 0 : 1, c.sharedTags.length > 0 ? 0 : 1] as const;
          for (let i = 1; i < paths.contactsThere.length; i++) {
            const [a, b] = [paths.contactsThere[i - 1]!, paths.contactsThere[i]!];
            const [ka, kb] = [contactKey(a), contactKey(b)];
            const order = ka[0] - kb[0] || ka[1] - kb[1] || comparePeople(ref.byId.get(a.id)!, ref.byId.get(b.id)!);
            expect(order).toBeLessThan(0);
          }

          // Former employees: known, elsewhere, tagged with the name key; by name.
          const former = people.filter((p) => p.knownPersonally && p.organizationId !== target.organizationId && p.tagKeys.includes(target.nameKey)).sort(comparePeople);
          expect(paths.formerEmployees).toEqual(former.map((p) => ({ id: p.id, name: p.name })));

          // Introductions: exactly the reachable contacts not known personally, each by the reference's best path.
          const reachable = there.filter((p) => !p.knownPersonally && ref.best.has(p.id));
          expect(paths.introductions.map((i) => i.target.id).sort()).toEqual(reachable.map((p) => p.id).sort());
          for (const intro of paths.introductions) {
            const expected = ref.best.get(intro.target.id)!;
            expect(intro.hops).toBe(expected.length); // no shorter path exists
            expect(intro.hops).toBeLessThanOrEqual(maxHops);
            expect(intro.hops).toBeGreaterThanOrEqual(2);
            expect(intro.steps).toHaveLength(intro.hops - 1);
            const along = [intro.steps[0]!.from, ...intro.steps.map((s) => s.to)];
            expect(ref.byId.get(along[0]!.id)!.knownPersonally).toBe(true);
            expect(along.at(-1)!.id).toBe(intro.target.id);
            expect(along.map((p) => p.id)).toEqual(expected.map((p) => p.id)); // the tie-break
            intro.steps.forEach((step, i) => {
              if (i > 0) expect(step.from.id).toBe(intro.steps[i - 1]!.to.id);
              expect(ref.linked(step.from.id, step.to.id)).toBe(true);
              expect(step.link).toBe(ref.introduced(step.from.id, step.to.id) ? 'introduced_by' : 'knows');
              expect(step.from.name).toBe(ref.byId.get(step.from.id)!.name);
              expect(step.sentence).toBe(`Ask ${step.from.name} to introduce you to ${step.to.name}.`);
            });
          }
          for (let i = 1; i < paths.introductions.length; i++) {
            const [a, b] = [paths.introductions[i - 1]!, paths.introductions[i]!];
            expect(a.hops - b.hops || comparePeople(ref.byId.get(a.target.id)!, ref.byId.get(b.target.id)!)).toBeLessThan(0);
          }

          expect(advocacy.get(target.organizationId)).toBe(advocacyOf(paths));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('scale', () => {
  it('rates 100 targets in a network of 30,000 people and 30,000 links (completes; no timing asserted)', () => {
    let seed = 20240601;
    // A small deterministic generator (Park–Miller) so the network is the same every run.
    const random = (below: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % below;
    };
    const PEOPLE = 30_000;
    const ORGANIZATIONS = 3_000;
    const people: NetworkPerson[] = Array.from({ length: PEOPLE }, (_, i) => ({
      id: `p${i}`,
      name: `Person ${random(PEOPLE)}`,
      organizationId: random(10) === 0 ? null : `org${random(ORGANIZATIONS)}`,
      knownPersonally: random(20) === 0,
      introducedById: random(4) === 0 ? `p${random(PEOPLE + 100)}` : null,
      tagKeys: random(10) === 0 ? [`org${random(ORGANIZATIONS)} name`] : [],
    }));
    const knows = Array.from({ length: 30_000 }, () => [`p${random(PEOPLE)}`, `p${random(PEOPLE)}`] as const);
    const targets = Array.from({ length: 100 }, (_, i) => ({ organizationId: `org${i * 30}`, nameKey: `org${i * 30} name` }));

    const advocacy = advocacyByOrganization({ people, knows }, targets);
    expect(advocacy.size).toBe(100);
    const counts = { known_contact: 0, introduction: 0, none: 0 };
    for (const value of advocacy.values()) counts[value]++;
    expect(counts.known_contact + counts.introduction + counts.none).toBe(100);
    expect(counts.introduction).toBeGreaterThan(0);

    const one = findWarmPaths({ people, knows }, targets[0]!, []);
    expect(advocacyOf(one)).toBe(advocacy.get(targets[0]!.organizationId));
  });
});
