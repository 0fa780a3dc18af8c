import { Anchor, Box, Button, Center, EmptyState, Group, Pagination, Paper, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconMessages, IconTarget, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { InterviewListItem } from '@shared/plan-api.ts';
import type { InterviewStage } from '@core/interview-stages.ts';
import { listInterviews, queryKeys } from '../api/index.ts';
import { plural } from '../ui/format.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { formatInstantDate } from './dates.ts';
import { EXIT_STAGES, MAIN_STAGES, StageBadge } from './interviewParts.tsx';
import classes from './InterviewsPage.module.css';

const PAGE_SIZE = 100;
const SHOWS = ['open', 'met', 'closed', 'all'] as const;
type Show = (typeof SHOWS)[number];

const SHOW_HELP: Record<Show, string> = {
  open: 'Ideas, requests waiting for a reply, and meetings to come.',
  met: 'Meetings that took place: thank-yous and staying in touch.',
  closed: 'Requests that ended without a meeting: no reply, declined or cancelled.',
  all: 'Every interview, grouped by stage.',
};

const STAGE_ORDER: InterviewStage[] = [...MAIN_STAGES, ...EXIT_STAGES];

function groupByStage(items: InterviewListItem[]): [InterviewStage, InterviewListItem[]][] {
  return STAGE_ORDER.map((stage) => [stage, items.filter((item) => item.stage === stage)] as [InterviewStage, InterviewListItem[]]).filter(
    ([, group]) => group.length > 0,
  );
}

export function InterviewsPage() {
  useDocumentTitle('Interviews · Rapport');
  const [params, setParams] = useSearchParams();
  const requested = params.get('show');
  const show: Show = SHOWS.includes(requested as Show) ? (requested as Show) : 'open';
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

  const listParams = { stage: show === 'all' ? undefined : show, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
  const query = useQuery({
    queryKey: queryKeys.interviews.list(listParams),
    queryFn: ({ signal }) => listInterviews(listParams, signal),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  // An empty filter might hide interviews elsewhere: only a new account gets the introduction.
  const anyParams = { limit: 1 };
  const any = useQuery({
    queryKey: queryKeys.interviews.list(anyParams),
    queryFn: ({ signal }) => listInterviews(anyParams, signal),
    enabled: data !== undefined && data.total === 0 && show !== 'all',
  });
  const none = data !== undefined && data.total === 0 && (show === 'all' || any.data?.total === 0);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeader
        title="Interviews"
        description={
          data && !none
            ? plural(data.total, show === 'all' ? 'interview' : `${show} interview`, show === 'all' ? 'interviews' : `${show} interviews`)
            : 'Informational interviews, from the first request to staying in touch.'
        }
      />

      {none ? (
        <Paper p="xl">
          <EmptyState
            variant="light"
            icon={<IconMessages size={28} />}
            title="No interviews yet"
            description={
              <>
                An informational interview is a short conversation — 20 or 30 minutes over coffee, on the phone or by video — with
                someone who does work you are curious about. You ask to learn how their field works from the inside, never for a
                job. Start one from a contact’s page, or from a target organization where you know someone.
              </>
            }
          >
            <EmptyState.Actions>
              <Button component={Link} to="/targets" variant="light" leftSection={<IconTarget size={16} />}>
                Your targets
              </Button>
              <Button component={Link} to="/contacts" variant="default" leftSection={<IconUsers size={16} />}>
                Your contacts
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Paper>
      ) : (
        <Stack gap="md">
          <Box>
            <SegmentedControl
              value={show}
              onChange={(value) => update({ show: value === 'open' ? null : value, page: null })}
              data={[
                { value: 'open', label: 'Open' },
                { value: 'met', label: 'Met' },
                { value: 'closed', label: 'Closed' },
                { value: 'all', label: 'All' },
              ]}
              aria-label="Which interviews"
            />
            <Text size="sm" c="dimmed" mt={6}>
              {SHOW_HELP[show]}
            </Text>
          </Box>

          {query.error && !data ? (
            <LoadError error={query.error} onRetry={() => void query.refetch()} />
          ) : !data ? (
            <Paper p="md">
              <Stack gap="sm">
                {Array.from({ length: 5 }, (_, i) => (
                  <Skeleton key={i} h={36} />
                ))}
              </Stack>
            </Paper>
          ) : data.total === 0 ? (
            <Paper p="xl">
              <EmptyState
                icon={<IconMessages size={28} />}
                title={show === 'open' ? 'Nothing open right now' : show === 'met' ? 'No meetings yet' : 'Nothing closed yet'}
                description={
                  show === 'open'
                    ? 'Every interview has either taken place or ended. Start a new one from a contact or a target.'
                    : show === 'met'
                      ? 'Interviews land here once the meeting has taken place.'
                      : 'Requests land here when they end without a meeting.'
                }
              >
                <EmptyState.Actions>
                  <Button variant="default" onClick={() => update({ show: 'all', page: null })}>
                    Show all interviews
                  </Button>
                </EmptyState.Actions>
              </EmptyState>
            </Paper>
          ) : (
            <Paper p={0} style={{ overflow: 'hidden' }}>
              <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover className={classes.table} data-fetching={query.isFetching || undefined}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Contact</Table.Th>
                    <Table.Th visibleFrom="sm">Organization</Table.Th>
                    <Table.Th>Request sent</Table.Th>
                    <Table.Th visibleFrom="md">Meeting</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                {groupByStage(data.items).map(([stage, items]) => (
                  <Table.Tbody key={stage}>
                    <Table.Tr>
                      <Table.Th colSpan={4} scope="rowgroup" bg="var(--rapport-page-bg)" py={8}>
                        <Group gap="xs">
                          <StageBadge stage={stage} />
                          <Text size="xs" c="dimmed" fw={500}>
                            {items.length}
                          </Text>
                        </Group>
                      </Table.Th>
                    </Table.Tr>
                    {items.map((item) => (
                      <InterviewRow key={item.id} item={item} />
                    ))}
                  </Table.Tbody>
                ))}
              </Table>
            </Paper>
          )}

          {pages > 1 && (
            <Center>
              <Pagination total={pages} value={Math.min(page, pages)} onChange={(value) => update({ page: value === 1 ? null : String(value) })} />
            </Center>
          )}
        </Stack>
      )}
    </>
  );
}

function InterviewRow({ item }: { item: InterviewListItem }) {
  const dash = (
    <Text size="sm" c="dimmed" component="span">
      —
    </Text>
  );
  return (
    <Table.Tr className={classes.row}>
      <Table.Td>
        <Anchor component={Link} to={`/interviews/${item.id}`} fw={600} c="var(--mantine-color-text)" className={classes.rowLink}>
          {item.contact.name}
        </Anchor>
        {item.organization && (
          <Text size="xs" c="dimmed" hiddenFrom="sm">
            {item.organization.name}
          </Text>
        )}
        {item.meetingAt && (
          <Text size="xs" c="dimmed" hiddenFrom="md">
            Meeting {formatInstantDate(item.meetingAt)}
          </Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom="sm">
        {item.organization ? (
          <Anchor component={Link} to={`/organizations/${item.organization.id}`} size="sm" c="dimmed" className={classes.above}>
            {item.organization.name}
          </Anchor>
        ) : (
          dash
        )}
      </Table.Td>
      <Table.Td className={classes.date}>
        {item.requestSentAt ? <Text size="sm">{formatInstantDate(item.requestSentAt)}</Text> : dash}
      </Table.Td>
      <Table.Td visibleFrom="md" className={classes.date}>
        {item.meetingAt ? <Text size="sm">{formatInstantDate(item.meetingAt)}</Text> : dash}
      </Table.Td>
    </Table.Tr>
  );
}
