/**
 * Deciding what an import does, without doing it: each person read from a file
 * is matched to an existing contact — by LinkedIn URL, then by e-mail, then by
 * name and organization — and becomes a creation, an update or nothing at all.
 * Pure: the caller passes what the account already holds and an id generator.
 *
 * Updates only add: new e-mails and phones are merged in, empty fields filled,
 * and a changed title or organization replaces the old one, which is kept as
 * history. Nothing the person typed is ever removed by an import.
 */
import type { ImportedPerson, SkippedRecord } from '../imports/types.ts';
import { cleanText, matchKey } from './normalize.ts';

export interface ExistingContact {
  id: string;
  nameKey: string;
  organizationId: string | null;
  title: string | null;
  linkedinUrl: string | null;
  emails: string[];
  phones: string[];
  notes: string | null;
  connectedOn: string | null;
  importedTitle: string | null;
  importedOrganization: string | null;
  version: number;
}

export interface ExistingOrganization {
  id: string;
  name: string;
  nameKey: string;
}

export interface PlannedHistory {
  field: 'title' | 'organization';
  oldValue: string | null;
  newValue: string | null;
}

export interface ContactState {
  id: string;
  name: string;
  nameKey: string;
  organizationId: string | null;
  title: string | null;
  linkedinUrl: string | null;
  emails: string[];
  phones: string[];
  notes: string | null;
  connectedOn: string | null;
  /** What the file said, kept so that a re-import does not undo a later edit by hand. */
  importedTitle: string | null;
  importedOrganization: string | null;
}

export interface PlannedCreate {
  contact: ContactState;
  /** The file line that created it, for error messages. */
  line: number;
}

export interface PlannedUpdate {
  contactId: string;
  /** False when only the import baseline moved: nothing the person sees changed. */
  visible: boolean;
  /** The version read; the write is refused if it changed meanwhile. */
  version: number;
  before: ContactState;
  after: ContactState;
  history: PlannedHistory[];
}

export interface ImportPlan {
  newOrganizations: ExistingOrganization[];
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  /** Contacts, not rows: several rows about one person count once. */
  created: number;
  updated: number;
  unchanged: number;
  skipped: SkippedRecord[];
}

interface Target {
  kind: 'existing' | 'new';
  matched: boolean;
  version: number;
  before: ContactState;
  state: ContactState;
  history: PlannedHistory[];
  line: number;
}

function nameOrgKey(nameKey: string, organizationId: string | null): string {
  return `${nameKey}\u0000${organizationId ?? ''}`;
}

export function planImport(
  existing: readonly ExistingContact[],
  organizations: readonly ExistingOrganization[],
  people: readonly ImportedPerson[],
  skipped: readonly SkippedRecord[],
  newId: () => string,
): ImportPlan {
  const orgByKey = new Map(organizations.map((o) => [o.nameKey, o]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const newOrganizations: ExistingOrganization[] = [];

  const byLinkedIn = new Map<string, Target>();
  const byEmail = new Map<string, Target>();
  const byNameOrg = new Map<string, Target>();
  const index = (target: Target) => {
    const s = target.state;
    if (s.linkedinUrl) byLinkedIn.set(s.linkedinUrl, target);
    for (const email of s.emails) if (!byEmail.has(email)) byEmail.set(email, target);
    const key = nameOrgKey(s.nameKey, s.organizationId);
    if (!byNameOrg.has(key)) byNameOrg.set(key, target);
  };

  const targets: Target[] = [];
  for (const c of existing) {
    const state: ContactState = { ...c, name: '', emails: [...c.emails], phones: [...c.phones] };
    const target: Target = { kind: 'existing', matched: false, version: c.version, before: { ...state, emails: [...c.emails], phones: [...c.phones] }, state, history: [], line: 0 };
    targets.push(target);
    index(target);
  }

  const organizationFor = (name: string | null): string | null => {
    if (name === null) return null;
    const key = matchKey(name);
    if (key === '') return null;
    let org = orgByKey.get(key);
    if (!org) {
      org = { id: newId(), name: cleanText(name), nameKey: key };
      orgByKey.set(key, org);
      orgById.set(org.id, org);
      newOrganizations.push(org);
    }
    return org.id;
  };

  const creates: Target[] = [];

  for (const person of people) {
    const organizationId = organizationFor(person.organization);
    const nameKey = matchKey(person.name);
    const match =
      (person.linkedinUrl ? byLinkedIn.get(person.linkedinUrl) : undefined) ??
      person.emails.map((e) => byEmail.get(e)).find((t) => t !== undefined) ??
      byNameOrg.get(nameOrgKey(nameKey, organizationId));

    if (!match) {
      const state: ContactState = {
        id: newId(),
        name: person.name,
        nameKey,
        organizationId,
        title: person.title,
        linkedinUrl: person.linkedinUrl,
        emails: [...person.emails],
        phones: [...person.phones],
        notes: person.notes,
        connectedOn: person.connectedOn,
        importedTitle: person.title,
        importedOrganization: organizationId === null ? null : cleanText(person.organization ?? ''),
      };
      const target: Target = { kind: 'new', matched: true, version: 0, before: state, state, history: [], line: person.line };
      creates.push(target);
      index(target);
      continue;
    }

    match.matched = true;
    if (merge(match, person, organizationId, orgById)) index(match);
  }
  const updates: PlannedUpdate[] = targets
    .filter((t) => t.kind === 'existing' && !sameState(t.before, t.state, true))
    .map((t) => ({ contactId: t.state.id, visible: !sameState(t.before, t.state, false), version: t.version, before: t.before, after: t.state, history: t.history }));
  const updated = updates.filter((u) => u.visible).length;

  return {
    newOrganizations,
    creates: creates.map((t) => ({ contact: t.state, line: t.line })),
    updates,
    created: creates.length,
    updated,
    unchanged: targets.filter((t) => t.matched).length - updated,
    skipped: [...skipped],
  };
}

/** Folds what a file says about a person into a target; true if anything changed. */
function merge(target: Target, person: ImportedPerson, organizationId: string | null, orgById: Map<string, ExistingOrganization>): boolean {
  const s = target.state;
  let changed = false;
  const record = (field: PlannedHistory['field'], oldValue: string | null, newValue: string | null) => {
    // History is for what a person already had; a row later in the same file
    // correcting a contact this file created is not history.
    if (target.kind === 'existing') target.history.push({ field, oldValue, newValue });
  };

  // A title or organization the file already said last time is not news: if the
  // contact shows something else now, the person changed it by hand, and it stays.
  if (person.title !== null && person.title !== s.importedTitle) {
    if (person.title !== s.title) {
      if (s.title !== null) record('title', s.title, person.title);
      s.title = person.title;
    }
    s.importedTitle = person.title;
    changed = true;
  }
  const organizationName = organizationId === null ? null : (orgById.get(organizationId)?.name ?? null);
  if (organizationId !== null && matchKey(organizationName ?? '') !== matchKey(s.importedOrganization ?? '')) {
    if (organizationId !== s.organizationId) {
      if (s.organizationId !== null) record('organization', orgById.get(s.organizationId)?.name ?? null, organizationName);
      s.organizationId = organizationId;
    }
    s.importedOrganization = organizationName;
    changed = true;
  }
  for (const email of person.emails) {
    if (!s.emails.includes(email)) {
      s.emails.push(email);
      changed = true;
    }
  }
  const phoneKeys = new Set(s.phones.map((p) => p.replace(/[^\d+]/g, '')));
  for (const phone of person.phones) {
    const key = phone.replace(/[^\d+]/g, '');
    if (!phoneKeys.has(key)) {
      phoneKeys.add(key);
      s.phones.push(phone);
      changed = true;
    }
  }
  if (s.linkedinUrl === null && person.linkedinUrl !== null) {
    s.linkedinUrl = person.linkedinUrl;
    changed = true;
  }
  if (s.connectedOn === null && person.connectedOn !== null) {
    s.connectedOn = person.connectedOn;
    changed = true;
  }
  if (s.notes === null && person.notes !== null) {
    s.notes = person.notes;
    changed = true;
  }
  return changed;
}

/** With `withBaseline`, also compares what the last import said. */
function sameState(a: ContactState, b: ContactState, withBaseline: boolean): boolean {
  if (withBaseline && (a.importedTitle !== b.importedTitle || a.importedOrganization !== b.importedOrganization)) return false;
  return (
    a.organizationId === b.organizationId &&
    a.title === b.title &&
    a.linkedinUrl === b.linkedinUrl &&
    a.notes === b.notes &&
    a.connectedOn === b.connectedOn &&
    a.emails.join('\n') === b.emails.join('\n') &&
    a.phones.join('\n') === b.phones.join('\n')
  );
}
