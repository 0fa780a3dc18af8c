import { Anchor, Avatar, Badge, Button, Card, EmptyState, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconExternalLink, IconNotes, IconPencil, IconTrash, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Organization } from '@shared/api.ts';
import { deleteOrganization, getOrganization, listContacts, queryKeys, refreshPeopleAndPlaces } from '../api/index.ts';
import { ConfirmDeleteModal } from '../ui/ConfirmDeleteModal.tsx';
import { DetailList } from '../ui/DetailList.tsx';
import { displayUrl, formatDate, plural } from '../ui/format.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { MarkdownView } from '../ui/MarkdownView.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

const PEOPLE_LIMIT = 100;

export function OrganizationPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: queryKeys.organizations.detail(id), queryFn: ({ signal }) => getOrganization(id, signal) });
  useDocumentTitle(query.data ? `${query.data.name} · Rapport` : 'Organization · Rapport');

  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} back={{ to: '/organizations', label: 'All organizations' }} />;
  if (!query.data) {
    return (
      <Stack>
        <Skeleton h={20} w={120} />
        <Skeleton h={36} w={280} />
        <Skeleton h={240} />
      </Stack>
    );
  }
  return <OrganizationView organization={query.data} />;
}

function OrganizationView({ organization }: { organization: Organization }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, { open, close }] = useDisclosure(false);
  const [deleting, setDeleting] = useState(false);

  const peopleParams = { organizationId: organization.id, sort: 'name' as const };
  const people = useQuery({
    queryKey: queryKeys.contacts.list(peopleParams, PEOPLE_LIMIT, 0),
    queryFn: ({ signal }) => listContacts({ ...peopleParams, limit: PEOPLE_LIMIT }, signal),
  });

  const remove = async () => {
    setDeleting(true);
    try {
      await deleteOrganization(organization.id, organization.version);
      queryClient.removeQueries({ queryKey: queryKeys.organizations.detail(organization.id) });
      void refreshPeopleAndPlaces(queryClient);
      notifySuccess(`${organization.name} was deleted. Its contacts were kept.`, 'Organization deleted');
      navigate('/organizations');
    } catch (error) {
      notifyError(error, 'The organization was not deleted');
      setDeleting(false);
      close();
    }
  };

  const count = people.data?.total ?? organization.contactCount;

  return (
    <>
      <PageHeader
        back={{ to: '/organizations', label: 'Organizations' }}
        leading={<Avatar name={organization.name} color="initials" radius="md" size={52} />}
        title={organization.name}
        description={
          <Group gap="xs" wrap="wrap">
            {organization.industry && (
              <Badge variant="light" color="gray" radius="sm">
                {organization.industry}
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              {plural(count, 'contact')}
            </Text>
          </Group>
        }
        actions={
          <>
            <Button component={Link} to={`/organizations/${organization.id}/edit`} variant="default" leftSection={<IconPencil size={16} />}>
              Edit
            </Button>
            <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={open}>
              Delete
            </Button>
          </>
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Card p={{ base: 'md', sm: 'lg' }}>
              <Title order={2} fz="md" mb="sm">
                Notes
              </Title>
              {organization.notes ? (
                <MarkdownView>{organization.notes}</MarkdownView>
              ) : (
                <Group gap="xs" c="dimmed">
                  <IconNotes size={18} stroke={1.5} />
                  <Text size="sm">
                    No notes yet.{' '}
                    <Anchor component={Link} to={`/organizations/${organization.id}/edit`} size="sm">
                      Add what you know or want to find out
                    </Anchor>
                  </Text>
                </Group>
              )}
            </Card>

            <Card p={{ base: 'md', sm: 'lg' }}>
              <Group justify="space-between" mb="sm" wrap="wrap">
                <Title order={2} fz="md">
                  People you know here
                </Title>
                <Button
                  component={Link}
                  to={`/contacts/new?organizationId=${organization.id}`}
                  size="xs"
                  variant="light"
                  leftSection={<IconUserPlus size={15} />}
                >
                  Add contact here
                </Button>
              </Group>
              {!people.data ? (
                <Stack gap="xs">
                  <Skeleton h={40} />
                  <Skeleton h={40} />
                </Stack>
              ) : people.data.total === 0 ? (
                <EmptyState
                  size="sm"
                  icon={<IconUsers size={22} />}
                  title="Nobody here yet"
                  description="Add the people you know who work, or used to work, here."
                />
              ) : (
                <Stack gap={0}>
                  {people.data.items.map((person) => (
                    <Group key={person.id} gap="sm" wrap="nowrap" py="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
                      <Avatar name={person.name} color="initials" radius="xl" size={34} />
                      <div style={{ minWidth: 0 }}>
                        <Anchor component={Link} to={`/contacts/${person.id}`} fw={600} size="sm" c="var(--mantine-color-text)">
                          {person.name}
                        </Anchor>
                        {person.title && (
                          <Text size="xs" c="dimmed" truncate="end">
                            {person.title}
                          </Text>
                        )}
                      </div>
                    </Group>
                  ))}
                  {people.data.total > people.data.items.length && (
                    <Anchor component={Link} to={`/contacts?organizationId=${organization.id}`} size="sm" mt="sm">
                      See all {people.data.total.toLocaleString()} in Contacts
                    </Anchor>
                  )}
                </Stack>
              )}
            </Card>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card p={{ base: 'md', sm: 'lg' }}>
            <Title order={2} fz="md" mb="md">
              About
            </Title>
            <DetailList
              items={[
                {
                  label: 'Website',
                  value: organization.website ? (
                    <Anchor href={organization.website} target="_blank" rel="noopener noreferrer" size="sm">
                      <Group gap={4} wrap="nowrap" component="span">
                        {displayUrl(organization.website)}
                        <IconExternalLink size={13} />
                      </Group>
                    </Anchor>
                  ) : null,
                },
                { label: 'Industry', value: organization.industry },
                { label: 'Added', value: formatDate(organization.createdAt) },
                { label: 'Last updated', value: formatDate(organization.updatedAt) },
              ]}
            />
          </Card>
        </Grid.Col>
      </Grid>

      <ConfirmDeleteModal
        opened={confirming}
        onClose={close}
        onConfirm={() => void remove()}
        loading={deleting}
        title={`Delete ${organization.name}?`}
        confirmLabel="Delete organization"
      >
        {count > 0 ? (
          <>
            Its {plural(count, 'contact')} will be kept; they will simply no longer be linked to an organization. If it is one of your targets, the target and its notes go too. This cannot be undone.
          </>
        ) : (
          <>The organization and its notes (and its target, if it is one) will be removed. This cannot be undone.</>
        )}
      </ConfirmDeleteModal>
    </>
  );
}
