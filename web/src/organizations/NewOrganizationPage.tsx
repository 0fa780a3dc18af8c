import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { createOrganization, queryKeys, refreshPeopleAndPlaces } from '../api/index.ts';
import { notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { emptyOrganization, formToOrganizationInput, OrganizationForm } from './OrganizationForm.tsx';

export function NewOrganizationPage() {
  useDocumentTitle('New organization · Rapport');
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  return (
    <>
      <PageHeader
        back={{ to: '/organizations', label: 'Organizations' }}
        title="New organization"
        description="A company, lab, agency or nonprofit you would like to learn about."
      />
      <OrganizationForm
        initial={emptyOrganization}
        cancelTo="/organizations"
        onSubmit={async (values) => {
          const organization = await createOrganization(formToOrganizationInput(values));
          queryClient.setQueryData(queryKeys.organizations.detail(organization.id), organization);
          void refreshPeopleAndPlaces(queryClient);
          notifySuccess('Organization saved');
          navigate(`/organizations/${organization.id}`);
        }}
      />
    </>
  );
}
