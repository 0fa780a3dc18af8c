import { Box, Button, EmptyState, Group, Paper, Select, Skeleton, Stack } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconArrowsSort, IconFilterOff, IconTag, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { ContactSort } from '@shared/api.ts';
import { getOrganization, listContactTags, queryKeys } from '../api/index.ts';
import { OrganizationSelect } from '../organizations/OrganizationSelect.tsx';
import { plural } from '../ui/format.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { DetachedLabel } from '../ui/DetachedLabel.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import classes from './ContactsPage.module.css';
import { contactPageQuery, VirtualContactList, type ContactFilters } from './VirtualContactList.tsx';

const SORTS: { value: ContactSort; label: string }[] = [
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-updated', label: 'Recently updated' },
  { value: '-created', label: 'Recently added' },
];

function isSort(value: string | null): value is ContactSort {
  return SORTS.some((sort) => sort.value === value);
}

export function ContactsPage() {
  useDocumentTitle('Contacts · Rapport');
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false }) ?? true;
  const [params, setParams] = useSearchParams();

  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const organizationId = params.get('organizationId') ?? '';
  const sortParam = params.get('sort');
  const sort: ContactSort = isSort(sortParam) ? sortParam : 'name';

  const filters = useMemo<ContactFilters>(
    () => ({
      q: q.trim() || undefined,
      tag: tag || undefined,
      organizationId: organizationId || undefined,
      sort,
    }),
    [q, tag, organizationId, sort],
  );
  const filtered = !!(filters.q || filters.tag || filters.organizationId);

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

  // The first page tells how many rows the list has.
  const first = useQuery({ ...contactPageQuery(filters, 0), placeholderData: keepPreviousData });
  const total = first.data?.total;

  const tags = useQuery({ queryKey: queryKeys.contacts.tags, queryFn: ({ signal }) => listContactTags(signal) });
  const tagOptions = useMemo(() => {
    const options = (tags.data ?? []).map((entry) => ({ value: entry.tag, label: `${entry.tag} (${entry.count.toLocaleString()})` }));
    if (tag && !options.some((option) => option.value === tag)) options.unshift({ value: tag, label: tag });
    return options;
  }, [tags.data, tag]);

  const organization = useQuery({
    queryKey: queryKeys.organizations.detail(organizationId),
    queryFn: ({ signal }) => getOrganization(organizationId, signal),
    enabled: organizationId !== '',
  });
  const organizationRef = organizationId && organization.data ? { id: organization.data.id, name: organization.data.name } : null;

  // New filters start at the top of the list.
  const filterKey = JSON.stringify(filters);
  const previousKey = useRef(filterKey);
  useEffect(() => {
    if (previousKey.current !== filterKey) {
      previousKey.current = filterKey;
      if (window.scrollY > 0) window.scrollTo({ top: 0 });
    }
  }, [filterKey]);

  const countText =
    total === undefined || first.isPlaceholderData
      ? total === undefined
        ? '\u00a0'
        : 'Searching…'
      : filtered
        ? `${plural(total, 'contact')} match${total === 1 ? 'es' : ''}`
        : plural(total, 'contact');
  const nobodyYet = total === 0 && !filtered && !first.isPlaceholderData;

  return (
    <>
      <PageHeader
        title="Contacts"
        description={<span aria-live="polite">{countText}</span>}
        actions={
          <Button component={Link} to="/contacts/new" leftSection={<IconUserPlus size={16} />}>
            Add contact
          </Button>
        }
      />

      {nobodyYet ? (
        <Paper p="xl">
          <EmptyState
            variant="light"
            icon={<IconUsers size={28} />}
            title="No contacts yet — add the first person you'd like to learn from"
            description="A former colleague, a friend of a friend, someone whose job sounds interesting: every conversation starts with one person."
          >
            <EmptyState.Actions>
              <Button component={Link} to="/contacts/new" variant="light" leftSection={<IconUserPlus size={16} />}>
                Add your first contact
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Paper>
      ) : (
        <Stack gap="md">
          <Box className={classes.toolbar}>
            <Group gap="sm" wrap="wrap" align="flex-start">
              <SearchInput
                value={q}
                onChange={(value) => update({ q: value })}
                placeholder="Search by name or organization"
                aria-label="Search contacts"
                className={classes.search}
              />
              <DetachedLabel label="Filter by tag" hidden className={classes.filter}>
                {(id) => (
                  <Select
                    id={id}
                    placeholder="All tags"
                    data={tagOptions}
                    value={tag || null}
                    onChange={(value) => update({ tag: value })}
                    searchable
                    clearable
                    leftSection={<IconTag size={16} stroke={1.6} />}
                    nothingFoundMessage="No such tag"
                  />
                )}
              </DetachedLabel>
              <DetachedLabel label="Filter by organization" hidden className={classes.filter}>
                {(id) => (
                  <OrganizationSelect
                    id={id}
                    placeholder="All organizations"
                    value={organizationRef}
                    onChange={(value) => update({ organizationId: value?.id ?? null })}
                  />
                )}
              </DetachedLabel>
              <DetachedLabel label="Sort" hidden className={classes.sort}>
                {(id) => (
                  <Select
                    id={id}
                    data={SORTS}
                    value={sort}
                    onChange={(value) => update({ sort: value === 'name' ? null : value })}
                    allowDeselect={false}
                    leftSection={<IconArrowsSort size={16} stroke={1.6} />}
                  />
                )}
              </DetachedLabel>
            </Group>
          </Box>

          {first.error && !first.data ? (
            <LoadError error={first.error} onRetry={() => void first.refetch()} />
          ) : total === undefined ? (
            <Paper p="md">
              <Stack gap="md">
                {Array.from({ length: 6 }, (_, i) => (
                  <Skeleton key={i} h={40} />
                ))}
              </Stack>
            </Paper>
          ) : total === 0 ? (
            <Paper p="xl">
              <EmptyState
                icon={<IconFilterOff size={28} />}
                title="No contacts match these filters"
                description="Try another spelling, or clear the filters to see everyone."
              >
                <EmptyState.Actions>
                  <Button variant="default" onClick={() => update({ q: null, tag: null, organizationId: null })}>
                    Clear filters
                  </Button>
                </EmptyState.Actions>
              </EmptyState>
            </Paper>
          ) : (
            <div className={classes.list} data-stale={first.isPlaceholderData || undefined}>
              <VirtualContactList filters={filters} total={total} wide={wide} />
            </div>
          )}
        </Stack>
      )}
    </>
  );
}
