import { Skeleton } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { createContact, getOrganization, queryKeys, refreshPeopleAndPlaces } from '../api/index.ts';
import { notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ContactForm } from './ContactForm.tsx';
import { emptyContact, formToContactInput } from './contactFormValues.ts';

export function NewContactPage() {
  useDocumentTitle('New contact · Rapport');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // "Add contact here" on an organization's page pre-selects it.
  const [params] = useSearchParams();
  const organizationId = params.get('organizationId');
  const organization = useQuery({
    queryKey: queryKeys.organizations.detail(organizationId ?? ''),
    queryFn: ({ signal }) => getOrganization(organizationId ?? '', signal),
    enabled: !!organizationId,
  });
  const waiting = !!organizationId && organization.isPending;
  const initial = organization.data ? { ...emptyContact, organization: { id: organization.data.id, name: organization.data.name } } : emptyContact;

  return (
    <>
      <PageHeader
        back={{ to: '/contacts', label: 'Contacts' }}
        title="New contact"
        description="Someone you know, or would like to learn from."
      />
      {waiting ? (
        <Skeleton h={400} />
      ) : (
        <ContactForm
          initial={initial}
          cancelTo={organization.data ? `/organizations/${organization.data.id}` : '/contacts'}
          onSubmit={async (values) => {
            const contact = await createContact(formToContactInput(values));
            queryClient.setQueryData(queryKeys.contacts.detail(contact.id), contact);
            void refreshPeopleAndPlaces(queryClient);
            notifySuccess('Contact saved');
            navigate(`/contacts/${contact.id}`);
          }}
        />
      )}
    </>
  );
}
