import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { createOrganization, listOrganizations, queryKeys } from '../api/index.ts';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { RemoteSelect, type RemoteSelectProps } from '../ui/RemoteSelect.tsx';

type OrganizationSelectProps = Omit<RemoteSelectProps, 'search' | 'queryKey' | 'onCreate'> & {
  /** Offer to create an organization that does not exist yet. */
  allowCreate?: boolean;
};

const search = async (q: string, signal: AbortSignal) => {
  const page = await listOrganizations({ q: q || undefined, limit: 30 }, signal);
  return page.items.map(({ id, name }) => ({ id, name }));
};

export function OrganizationSelect({ allowCreate, ...props }: OrganizationSelectProps) {
  const queryClient = useQueryClient();
  const create = useCallback(
    async (name: string) => {
      try {
        const organization = await createOrganization({ name });
        void queryClient.invalidateQueries({ queryKey: queryKeys.organizations.all });
        notifySuccess(`“${organization.name}” was added to your organizations.`, 'Organization created');
        return { id: organization.id, name: organization.name };
      } catch (error) {
        notifyError(error, 'The organization was not created');
        throw error;
      }
    },
    [queryClient],
  );
  return (
    <RemoteSelect
      search={search}
      queryKey={queryKeys.organizations.search}
      onCreate={allowCreate ? create : undefined}
      nothingFoundMessage="No organization by that name"
      {...props}
    />
  );
}
