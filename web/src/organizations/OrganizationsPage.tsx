import { Anchor, Box, Button, Center, EmptyState, Group, Pagination, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconExternalLink, IconPlus, IconSearchOff } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { listOrganizations, queryKeys } from '../api/index.ts';
import { displayUrl, plural } from '../ui/format.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import classes from './OrganizationsPage.module.css';

const PAGE_SIZE = 50;

export function OrganizationsPage() {
  useDocumentTitle('Organizations · Rapport');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };

  const listParams = { q: q.trim() || undefined, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
  const query = useQuery({
    queryKey: queryKeys.organizations.list(listParams),
    queryFn: ({ signal }) => listOrganizations(listParams, signal),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const filtered = q.trim() !== '';

  return (
    <>
      <PageHeader
        title="Organizations"
        description={data ? plural(data.total, filtered ? 'match' : 'organization', filtered ? 'matches' : 'organizations') : ' '}
        actions={
          <Button component={Link} to="/organizations/new" leftSection={<IconPlus size={16} />}>
            Add organization
          </Button>
        }
      />

      {data && data.total === 0 && !filtered ? (
        <Paper p="xl">
          <EmptyState
            variant="light"
            icon={<IconBuildingSkyscraper size={28} />}
            title="No organizations yet"
            description="List the companies, labs and nonprofits you're curious about, then connect the people you know there."
          >
            <EmptyState.Actions>
              <Button component={Link} to="/organizations/new" variant="light" leftSection={<IconPlus size={16} />}>
                Add your first organization
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Paper>
      ) : (
        <Stack gap="md">
          <SearchInput
            value={q}
            onChange={(value) => update({ q: value, page: null })}
            placeholder="Search organizations by name"
            aria-label="Search organizations"
            maw={{ sm: 420 }}
          />
          {query.error && !data ? (
            <LoadError error={query.error} onRetry={() => void query.refetch()} />
          ) : (
            <Paper p={0} style={{ overflow: 'hidden' }}>
              {!data ? (
                <Stack p="md" gap="sm">
                  {Array.from({ length: 5 }, (_, i) => (
                    <Skeleton key={i} h={36} />
                  ))}
                </Stack>
              ) : data.total === 0 ? (
                <EmptyState
                  py="xl"
                  icon={<IconSearchOff size={28} />}
                  title={`No organizations match “${q.trim()}”`}
                  description="Check the spelling, or add it as a new organization."
                >
                  <EmptyState.Actions>
                    <Button variant="default" onClick={() => update({ q: null, page: null })}>
                      Clear search
                    </Button>
                  </EmptyState.Actions>
                </EmptyState>
              ) : (
                <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" className={classes.table} data-fetching={query.isFetching || undefined}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th visibleFrom="sm">Industry</Table.Th>
                      <Table.Th visibleFrom="md">Website</Table.Th>
                      <Table.Th ta="right">Contacts</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((organization) => (
                      <Table.Tr key={organization.id} className={classes.row}>
                        <Table.Td>
                          <Anchor component={Link} to={`/organizations/${organization.id}`} fw={600} c="var(--mantine-color-text)" className={classes.rowLink}>
                            {organization.name}
                          </Anchor>
                          {organization.industry && (
                            <Text size="xs" c="dimmed" hiddenFrom="sm">
                              {organization.industry}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td visibleFrom="sm" c="dimmed">
                          {organization.industry ?? '—'}
                        </Table.Td>
                        <Table.Td visibleFrom="md">
                          {organization.website ? (
                            <Anchor href={organization.website} target="_blank" rel="noopener noreferrer" size="sm" className={classes.above}>
                              <Group gap={4} wrap="nowrap">
                                {displayUrl(organization.website)}
                                <IconExternalLink size={13} />
                              </Group>
                            </Anchor>
                          ) : (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right" className={classes.count}>
                          {organization.contactCount.toLocaleString()}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          )}
          {pages > 1 && (
            <Center>
              <Box>
                <Pagination total={pages} value={Math.min(page, pages)} onChange={(value) => update({ page: value === 1 ? null : String(value) })} />
              </Box>
            </Center>
          )}
        </Stack>
      )}
    </>
  );
}
