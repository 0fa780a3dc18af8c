/**
 * Warm paths into a target organization: who the seeker knows there, which known
 * people used to work there, and who can introduce the seeker to the others.
 *
 * The network is an undirected graph of the seeker's contacts. "Knows" pairs and
 * "introduced by" links are both acquaintances; the seeker stands outside the
 * list, linked to every contact known personally. Hops count edges from the
 * seeker: a personal contact is 1 hop, a person they can introduce is 2, and so on.
 * Pure: the caller loads the network and passes it in.
 */

import type { Advocacy } from './targets.ts';

export interface NetworkPerson {
  id: string;
  name: string;
  organizationId: string | null;
  /** True for the seeker's own connections; false for names they were given. */
  knownPersonally: boolean;
  introducedById: string | null;
  /** Tag keys (see `matchKey`): a school, a past employer… */
  tagKeys: readonly string[];
}

export interface Network {
  people: readonly NetworkPerson[];
  /** Undirected pairs of contact ids ("Wendy knows Dana"). */
  knows: readonly (readonly [string, string])[];
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface IntroductionStep {
  from: PersonRef;
  to: PersonRef;
  link: 'introduced_by' | 'knows';
  /** "Ask Wendy Park to introduce you to Dana Reyes." */
  sentence: string;
}

export interface IntroductionPath {
  target: PersonRef;
  hops: number;
  /** `steps.length === hops - 1`; the first step starts at someone known personally. */
  steps: IntroductionStep[];
}

export interface ContactThere extends PersonRef {
  knownPersonally: boolean;
  /** The person's tag keys that are also the seeker's affinity tags (alumni, same past employer). */
  sharedTags: string[];
}

export interface WarmPaths {
  /** Everyone at the organization: known personally first, then those sharing tags, then by name. */
  contactsThere: ContactThere[];
  /** People known personally who work elsewhere but are tagged with the organization's name key. By name. */
  formerEmployees: PersonRef[];
  /** The shortest path to each contact there not known personally; shortest first, then by name. */
  introductions: IntroductionPath[];
}

export interface TargetOrganization {
  organizationId: string;
  /** The organization's name key, as a past-employer tag would spell it. */
  nameKey: string;
}

const DEFAULT_MAX_HOPS = 3;

// A fixed locale so paths and lists do not change with the server's environment.
const byName = new Intl.Collator('en-US', { sensitivity: 'base' });

interface Graph {
  /** Deduplicated by id and sorted by (name, id): a person's index is their rank. */
  people: NetworkPerson[];
  /** Neighbour indexes, ascending, without duplicates or self-links. */
  adjacency: number[][];
  /** Pair keys (see `pairKey`) of the acquaintances that come from an "introduced by" link. */
  introducedBy: Set<number>;
}

interface Reach {
  /** Hops from the seeker, or -1 when farther than `maxHops` or unreachable. */
  hops: Int32Array;
  /** The previous person on the chosen shortest path, or -1 for personal contacts. */
  previous: Int32Array;
}

function pairKey(a: number, b: number, size: number): number {
  return a < b ? a * size + b : b * size + a;
}

function buildGraph(network: Network): Graph {
  const seen = new Set<string>();
  const people: NetworkPerson[] = [];
  for (const person of network.people) {
    // A repeated id is a caller's mistake; the first record wins rather than splitting one person in two.
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    people.push(person);
  }
  people.sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const size = people.length;
  const index = new Map<string, number>();
  people.forEach((person, i) => index.set(person.id, i));

  const adjacency: number[][] = people.map(() => []);
  const linked = new Set<number>();
  const introducedBy = new Set<number>();
  const link = (aId: string, bId: string, viaIntroduction: boolean): void => {
    const a = index.get(aId);
    const b = index.get(bId);
    // Links to deleted or unknown people, and self-links, lead nowhere.
    if (a === undefined || b === undefined || a === b) return;
    const key = pairKey(a, b, size);
    if (viaIntroduction) introducedBy.add(key);
    if (linked.has(key)) return;
    linked.add(key);
    adjacency[a]!.push(b);
    adjacency[b]!.push(a);
  };
  for (const person of people) if (person.introducedById !== null) link(person.id, person.introducedById, true);
  for (const [a, b] of network.knows) link(a, b, false);
  // Ascending neighbours make the breadth-first search pick the path whose names come first.
  for (const neighbours of adjacency) neighbours.sort((x, y) => x - y);
  return { people, adjacency, introducedBy };
}

/**
 * One breadth-first search from the seeker to depth `maxHops`. Personal contacts
 * enter the queue in (name, id) order and neighbours are visited in the same
 * order, so each layer of the queue is ordered like its paths, and the first
 * person to reach someone lies on the path whose names come first, compared
 * person by person from the seeker's side.
 */
function search(graph: Graph, maxHops: number): Reach {
  const size = graph.people.length;
  const hops = new Int32Array(size).fill(-1);
  const previous = new Int32Array(size).fill(-1);
  const queue = new Int32Array(size);
  let tail = 0;
  if (maxHops >= 1) {
    graph.people.forEach((person, i) => {
      if (!person.knownPersonally) return;
      hops[i] = 1;
      queue[tail++] = i;
    });
  }
  for (let head = 0; head < tail; head++) {
    const from = queue[head]!;
    const next = hops[from]! + 1;
    if (next > maxHops) continue;
    for (const to of graph.adjacency[from]!) {
      if (hops[to] !== -1) continue;
      hops[to] = next;
      previous[to] = from;
      queue[tail++] = to;
    }
  }
  return { hops, previous };
}

function checkMaxHops(maxHops: number): void {
  if (!Number.isInteger(maxHops) || maxHops < 0) throw new RangeError(`maxHops must be a non-negative integer, not ${maxHops}`);
}

function ref(person: NetworkPerson): PersonRef {
  return { id: person.id, name: person.name };
}

function pathTo(graph: Graph, reach: Reach, target: number): IntroductionPath {
  const chain: number[] = [];
  for (let at = target; at !== -1; at = reach.previous[at]!) chain.push(at);
  chain.reverse();
  const steps: IntroductionStep[] = [];
  for (let i = 1; i < chain.length; i++) {
    const from = graph.people[chain[i - 1]!]!;
    const to = graph.people[chain[i]!]!;
    const viaIntroduction = graph.introducedBy.has(pairKey(chain[i - 1]!, chain[i]!, graph.people.length));
    steps.push({
      from: ref(from),
      to: ref(to),
      link: viaIntroduction ? 'introduced_by' : 'knows',
      sentence: `Ask ${from.name} to introduce you to ${to.name}.`,
    });
  }
  return { target: ref(graph.people[target]!), hops: chain.length, steps };
}

/**
 * The warm ways into one organization. Introduction paths run through the
 * seeker's contacts, at most `maxHops` edges from the seeker (default 3: two
 * introductions); when several shortest paths exist, the one whose people's
 * names come first (from the seeker's side; same names by id) is chosen.
 */
export function findWarmPaths(
  network: Network,
  target: TargetOrganization,
  seekerAffinityTagKeys: readonly string[],
  maxHops: number = DEFAULT_MAX_HOPS,
): WarmPaths {
  checkMaxHops(maxHops);
  const graph = buildGraph(network);
  const reach = search(graph, maxHops);
  const affinity = new Set(seekerAffinityTagKeys);

  const contactsThere: ContactThere[] = [];
  const formerEmployees: PersonRef[] = [];
  const introductions: IntroductionPath[] = [];
  // graph.people is in name order, so each list only needs its other keys sorted (stably).
  graph.people.forEach((person, i) => {
    if (person.organizationId === target.organizationId) {
      const sharedTags = [...new Set(person.tagKeys.filter((tag) => affinity.has(tag)))];
      contactsThere.push({ id: person.id, name: person.name, knownPersonally: person.knownPersonally, sharedTags });
      if (!person.knownPersonally && reach.hops[i] !== -1) introductions.push(pathTo(graph, reach, i));
    } else if (person.knownPersonally && target.nameKey !== '' && person.tagKeys.includes(target.nameKey)) {
      formerEmployees.push(ref(person));
    }
  });
  contactsThere.sort(
    (a, b) =>
      Number(b.knownPersonally) - Number(a.knownPersonally) ||
      Number(b.sharedTags.length > 0) - Number(a.sharedTags.length > 0),
  );
  introductions.sort((a, b) => a.hops - b.hops);
  return { contactsThere, formerEmployees, introductions };
}

/**
 * The best advocacy of each target organization, keyed by organization id, from
 * one breadth-first search for all of them. Agrees with `findWarmPaths`:
 * `known_contact` when it finds a contact there known personally or a former
 * employee, `introduction` when it finds an introduction path, `none` otherwise.
 */
export function advocacyByOrganization(
  network: Network,
  targets: readonly TargetOrganization[],
  maxHops: number = DEFAULT_MAX_HOPS,
): Map<string, Advocacy> {
  checkMaxHops(maxHops);
  const graph = buildGraph(network);
  const reach = search(graph, maxHops);

  const knownAt = new Set<string>();
  const knownTags = new Set<string>();
  const reachableAt = new Set<string>();
  graph.people.forEach((person, i) => {
    if (person.knownPersonally) {
      if (person.organizationId !== null) knownAt.add(person.organizationId);
      for (const tag of person.tagKeys) knownTags.add(tag);
    } else if (person.organizationId !== null && reach.hops[i] !== -1) {
      reachableAt.add(person.organizationId);
    }
  });

  const rank: Record<Advocacy, number> = { known_contact: 0, introduction: 1, none: 2 };
  const result = new Map<string, Advocacy>();
  for (const { organizationId, nameKey } of targets) {
    const advocacy: Advocacy =
      knownAt.has(organizationId) || (nameKey !== '' && knownTags.has(nameKey))
        ? 'known_contact'
        : reachableAt.has(organizationId)
          ? 'introduction'
          : 'none';
    const before = result.get(organizationId);
    // The same organization listed twice (say, under two name keys) keeps its best way in.
    if (before === undefined || rank[advocacy] < rank[before]) result.set(organizationId, advocacy);
  }
  return result;
}

/**
 * The shortest introduction path (≤ `maxHops`) to one contact, chosen as in
 * `findWarmPaths`; null when the contact is unknown, known personally (no
 * introduction needed) or out of reach.
 */
export function findIntroductionPath(network: Network, contactId: string, maxHops: number = DEFAULT_MAX_HOPS): IntroductionPath | null {
  checkMaxHops(maxHops);
  const graph = buildGraph(network);
  const target = graph.people.findIndex((person) => person.id === contactId);
  if (target === -1 || graph.people[target]!.knownPersonally) return null;
  const reach = search(graph, maxHops);
  return reach.hops[target] === -1 ? null : pathTo(graph, reach, target);
}
