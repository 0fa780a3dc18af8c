/** Use cases for search: one account's records that match what was typed into a search box. */
import type { z } from 'zod';
import { searchContacts, searchInterviews, type ContactHit } from '../repositories/search.repository.ts';
import type { InterviewSearchResult, SearchQuerySchema, SearchResponse, SearchResult } from '../shared/api.ts';
import type { ServiceContext } from './context.ts';

/**
 * Contacts and interview notes in one answer, best first (see `blendResults`).
 * Messages join the same answer when a later issue adds them.
 */
export async function search(ctx: ServiceContext, ownerId: string, query: z.output<typeof SearchQuerySchema>): Promise<SearchResponse> {
  // Each kind's best `limit` are enough for the best `limit` of both.
  const [contacts, interviews] = await Promise.all([
    searchContacts(ctx.db, ownerId, query.q, query.limit),
    searchInterviews(ctx.db, ownerId, query.q, query.limit),
  ]);
  return { items: blendResults(contacts, interviews, query.limit) };
}

/**
 * One list from the two kinds, each already best first: contacts whose name
 * holds every word lead (typing a name means that person); then the other
 * contacts and interview notes take turns, a contact first, so neither kind
 * hides the other — a word from a meeting is as likely in an interview's notes
 * as in a contact's, and the two engines' scores do not compare across kinds.
 */
export function blendResults(contacts: readonly ContactHit[], interviews: readonly InterviewSearchResult[], limit: number): SearchResult[] {
  const items: SearchResult[] = contacts.filter((hit) => hit.nameMatch).map((hit) => hit.result);
  const others = contacts.filter((hit) => !hit.nameMatch).map((hit) => hit.result);
  for (let i = 0; items.length < limit && (i < others.length || i < interviews.length); i++) {
    if (i < others.length) items.push(others[i]!);
    if (i < interviews.length) items.push(interviews[i]!);
  }
  return items.slice(0, limit);
}
