/** Use cases for search: one account's records that match what was typed into a search box. */
import type { z } from 'zod';
import { searchContacts } from '../repositories/search.repository.ts';
import type { SearchQuerySchema, SearchResponse } from '../shared/api.ts';
import type { ServiceContext } from './context.ts';

/** Contacts today; interview notes and messages join the same answer as later issues add them. */
export async function search(ctx: ServiceContext, ownerId: string, query: z.output<typeof SearchQuerySchema>): Promise<SearchResponse> {
  return { items: await searchContacts(ctx.db, ownerId, query.q, query.limit) };
}
