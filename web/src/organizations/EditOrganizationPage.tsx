import { Skeleton, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { Organization } from '@shared/api.ts';
import { getOrganization, queryKeys, refreshPeopleAndPlaces, updateOrganization } from '../api/index.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { changedOrganizationFields, OrganizationForm, organizationToForm } from './OrganizationForm.tsx';

export function EditOrganizationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.organizations.detail(id), queryFn: ({ signal }) => getOrganization(id, signal) });
  // The version being edited is the one first loaded, until the person asks for a reload.
  const [loaded, setLoaded] = useState<Organization | null>(null);
  // Cached data is used only while fresh, so edits start from the latest version.
  const current = query.data && (query.isFetchedAfterMount || !query.isStale) ? query.data : undefined;
  useEffect(() => {
    if (current && (!loaded || loaded.id !== current.id)) setLoaded(current);
  }, [current, loaded]);
  useDocumentTitle(loaded ? `Edit ${loaded.name} · Rapport` : 'Edit organization · Rapport');

  if (query.error && !loaded) return <LoadError error={query.error} onRetry={() => void query.refetch()} back={{ to: '/organizations', label: 'All organizations' }} />;
  if (!loaded) {
    return (
      <Stack>
        <Skeleton h={28} w={240} />
        <Skeleton h={320} />
      </Stack>
    );
  }

  const initial = organizationToForm(loaded);
  return (
    <>
      <PageHeader back={{ to: `/organizations/${loaded.id}`, label: loaded.name }} title={`Edit ${loaded.name}`} />
      <OrganizationForm
        key={loaded.version}
        initial={initial}
        cancelTo={`/organizations/${loaded.id}`}
        onReload={async () => {
          const fresh = await query.refetch();
          if (fresh.data) setLoaded(fresh.data);
        }}
        onSubmit={async (values) => {
          const changes = changedOrganizationFields(initial, values);
          if (Object.keys(changes).length > 0) {
            const saved = await updateOrganization(loaded.id, { ...changes, version: loaded.version });
            queryClient.setQueryData(queryKeys.organizations.detail(saved.id), saved);
            void refreshPeopleAndPlaces(queryClient);
          }
          notifySuccess('Organization saved');
          navigate(`/organizations/${loaded.id}`);
        }}
      />
    </>
  );
}
