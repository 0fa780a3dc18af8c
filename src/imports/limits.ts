/**
 * Imported people meet the same limits as contacts typed in the web app, so a
 * file can never store what the API would refuse — and what one database would
 * keep and the other reject (NUL characters, index-breaking names).
 */
import { stripUnsafeText } from '../core/normalize.ts';
import type { ImportedPerson, ParsedImport } from './types.ts';

export const LIMITS = { name: 200, title: 200, organization: 200, notes: 100_000, emails: 20, phones: 20, phone: 50, email: 254 } as const;

const clean = stripUnsafeText;

function cap(value: string | null, max: number): string | null {
  if (value === null) return null;
  const text = clean(value);
  if (text.trim() === '') return null;
  // Cut on a code point, never inside a surrogate pair.
  return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;
}

export function applyContactLimits(parsed: ParsedImport): ParsedImport {
  const people: ImportedPerson[] = [];
  const skipped = [...parsed.skipped];
  for (const person of parsed.people) {
    const name = clean(person.name).trim();
    if (name === '') {
      skipped.push({ line: person.line, reason: 'no name' });
      continue;
    }
    if ([...name].length > LIMITS.name) {
      skipped.push({ line: person.line, reason: `name longer than ${LIMITS.name} characters` });
      continue;
    }
    people.push({
      ...person,
      name,
      title: cap(person.title, LIMITS.title),
      organization: cap(person.organization, LIMITS.organization),
      notes: cap(person.notes, LIMITS.notes),
      emails: person.emails.map(clean).filter((e) => e !== '' && e.length <= LIMITS.email).slice(0, LIMITS.emails),
      phones: person.phones.map(clean).filter((p) => p.trim() !== '' && p.length <= LIMITS.phone).slice(0, LIMITS.phones),
    });
  }
  skipped.sort((a, b) => a.line - b.line);
  return { ...parsed, people, skipped };
}
