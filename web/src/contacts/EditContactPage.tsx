import { Skeleton, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { Contact } from '@shared/api.ts';
import { getContact, queryKeys, refreshPeopleAndPlaces, updateContact } from '../api/index.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ContactForm } from './ContactForm.tsx';
import { changedContactFields, contactToForm } from './contactFormValues.ts';

export function EditContactPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.contacts.detail(id), queryFn: ({ signal }) => getContact(id, signal) });
  // The version being edited is the one first loaded, until the person asks for a reload.
  const [loaded, setLoaded] = useState<Contact | null>(null);
  // Cached data is used only while fresh, so edits start from the latest version.
  const current = query.data && (query.isFetchedAfterMount || !query.isStale) ? query.data : undefined;
  useEffect(() => {
    if (current && (!loaded || loaded.id !== current.id)) setLoaded(current);
  }, [current, loaded]);
  useDocumentTitle(loaded ? `Edit ${loaded.name} · Rapport` : 'Edit contact · Rapport');

  if (query.error && !loaded) return <LoadError error={query.error} onRetry={() => void query.refetch()} back={{ to: '/contacts', label: 'All contacts' }} />;
  if (!loaded) {
    return (
      <Stack>
        <Skeleton h={28} w={240} />
        <Skeleton h={480} />
      </Stack>
    );
  }

  const initial = contactToForm(loaded);
  return (
    <>
      <PageHeader back={{ to: `/contacts/${loaded.id}`, label: loaded.name }} title={`Edit ${loaded.name}`} />
      <ContactForm
        key={loaded.version}
        initial={initial}
        contactId={loaded.id}
        cancelTo={`/contacts/${loaded.id}`}
        onReload={async () => {
          const fresh = await query.refetch();
          if (fresh.data) setLoaded(fresh.data);
        }}
        onSubmit={async (values) => {
          const changes = changedContactFields(initial, values);
          if (Object.keys(changes).length > 0) {
            const saved = await updateContact(loaded.id, { ...changes, version: loaded.version });
            queryClient.setQueryData(queryKeys.contacts.detail(saved.id), saved);
            void refreshPeopleAndPlaces(queryClient);
          }
          notifySuccess('Contact saved');
          navigate(`/contacts/${loaded.id}`);
        }}
      />
    </>
  );
}
