import type { QueryClient } from '@tanstack/react-query';

/**
 * Contacts show their organization's name and organizations count their
 * contacts, so a change to either refreshes both.
 */
export function refreshPeopleAndPlaces(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['contacts'] }),
    queryClient.invalidateQueries({ queryKey: ['organizations'] }),
  ]).then(() => undefined);
}
