import { listContacts, queryKeys } from '../api/index.ts';
import { RemoteSelect, type RemoteSelectProps } from '../ui/RemoteSelect.tsx';

const search = async (q: string, signal: AbortSignal) => {
  const page = await listContacts({ q: q || undefined, sort: 'name', limit: 30 }, signal);
  return page.items.map(({ id, name }) => ({ id, name }));
};

/** Picks another contact, searching by name on the server. */
export function ContactSelect(props: Omit<RemoteSelectProps, 'search' | 'queryKey'>) {
  return <RemoteSelect search={search} queryKey={queryKeys.contacts.search} nothingFoundMessage="No contact by that name" {...props} />;
}
