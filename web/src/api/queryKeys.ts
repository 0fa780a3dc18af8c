/** React Query keys, so invalidation after a change reaches every view of the data. */
import type { ContactListParams, OrganizationListParams } from './endpoints.ts';

export const queryKeys = {
  setup: ['setup'] as const,
  session: ['session'] as const,
  contacts: {
    all: ['contacts'] as const,
    list: (params: Omit<ContactListParams, 'offset' | 'limit'>, pageSize: number, page: number) =>
      ['contacts', 'list', params, pageSize, page] as const,
    detail: (id: string) => ['contacts', 'detail', id] as const,
    history: (id: string) => ['contacts', 'history', id] as const,
    tags: ['contacts', 'tags'] as const,
    search: (q: string) => ['contacts', 'search', q] as const,
  },
  organizations: {
    all: ['organizations'] as const,
    list: (params: OrganizationListParams) => ['organizations', 'list', params] as const,
    detail: (id: string) => ['organizations', 'detail', id] as const,
    search: (q: string) => ['organizations', 'search', q] as const,
  },
  preferences: ['preferences'] as const,
  targets: {
    all: ['targets'] as const,
    list: ['targets', 'list'] as const,
    detail: (id: string) => ['targets', 'detail', id] as const,
  },
  interviews: {
    all: ['interviews'] as const,
    list: (params: object) => ['interviews', 'list', params] as const,
    detail: (id: string) => ['interviews', 'detail', id] as const,
    timeline: (id: string) => ['interviews', 'timeline', id] as const,
    compose: (id: string, template: string) => ['interviews', 'compose', id, template] as const,
  },
  /** Under 'interviews', so recording an event refreshes Today. */
  today: ['interviews', 'today'] as const,
  contactTimeline: (id: string) => ['interviews', 'contact-timeline', id] as const,
  contactLinks: (id: string) => ['contacts', 'links', id] as const,
  /** Under 'contacts', so every change to contacts refreshes open search results too. */
  search: (q: string, limit: number) => ['contacts', 'global-search', q, limit] as const,
  mail: ['mail'] as const,
  /** Under 'interviews', so an event that e-mails something refreshes the outbox. */
  outbox: (params: object) => ['interviews', 'outbox', params] as const,
  outboxAll: ['interviews', 'outbox'] as const,
  calendarFeed: ['calendar-feed'] as const,
};
