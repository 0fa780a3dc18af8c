import { Alert, Anchor, Box, Button, Card, EmptyState, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus, IconTarget } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { Target, TargetList } from '@shared/plan-api.ts';
import { listTargets, queryKeys } from '../api/index.ts';
import { plural } from '../ui/format.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { AddTargetModal } from './AddTargetModal.tsx';
import { AdvocacyBadge, MotivationRating } from './targetParts.tsx';
import classes from './TargetsPage.module.css';
import { useTargetPatch } from './useTargetPatch.ts';

export function TargetsPage() {
  useDocumentTitle('Targets · Rapport');
  const [adding, { open, close }] = useDisclosure(false);
  const query = useQuery({ queryKey: queryKeys.targets.list, queryFn: ({ signal }) => listTargets(signal) });
  const data = query.data;

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={open}>
      Add target
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Targets"
        description="Organizations to learn about from the inside, ranked by motivation, open postings, then how well you can get in."
        actions={data && data.items.length > 0 ? addButton : undefined}
      />

      {query.error && !data ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Stack gap="md">
          <Skeleton h={120} />
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} h={84} />
          ))}
        </Stack>
      ) : data.items.length === 0 ? (
        <Paper p="xl">
          <EmptyState
            variant="light"
            icon={<IconTarget size={28} />}
            title="No targets yet"
            description={
              <>
                A target is an organization where you would like to work, or whose work you want to understand. Aim for 40: a
                long list means no single “no” matters much, and shows where you already know someone. Then work on at most{' '}
                {data.activeLimit} at a time, so each gets real attention.
              </>
            }
          >
            <EmptyState.Actions>
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={open}>
                Add your first target
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Paper>
      ) : (
        <Stack gap="md">
          <Summary list={data} />
          {data.activeWarning && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Too many active targets" role="alert">
              {data.activeWarning}
            </Alert>
          )}
          <Stack gap="sm" component="ol" m={0} p={0} className={classes.list} aria-label="Targets, best first" data-fetching={query.isFetching || undefined}>
            {data.items.map((target, index) => (
              <TargetCard key={target.id} target={target} rank={index + 1} />
            ))}
          </Stack>
        </Stack>
      )}

      {data && <AddTargetModal opened={adding} onClose={close} activeCount={data.activeCount} activeLimit={data.activeLimit} />}
    </>
  );
}

function Summary({ list }: { list: TargetList }) {
  const { goal, activeCount, activeLimit } = list;
  const over = activeCount > activeLimit;
  return (
    <Card p={{ base: 'md', sm: 'lg' }}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={{ base: 'lg', sm: 'xl' }}>
        <Box>
          <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
            <Text fw={600}>
              {goal.count.toLocaleString()} of {goal.goal.toLocaleString()} targets
            </Text>
            {goal.remaining === 0 && (
              <Text size="sm" c="teal" fw={600}>
                Goal reached
              </Text>
            )}
          </Group>
          <Progress
            value={Math.min(100, (goal.count / goal.goal) * 100)}
            size="lg"
            radius="xl"
            aria-label={`${goal.count} of ${goal.goal} targets`}
          />
          <Text size="sm" c="dimmed" mt={6}>
            {goal.remaining > 0
              ? `${plural(goal.remaining, 'more target')} to reach ${goal.goal}. A long list keeps any one “no” from mattering much.`
              : 'Keep adding places as you discover them, and keep ranking.'}
          </Text>
        </Box>
        <Box>
          <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
            <Text fw={600}>
              {activeCount.toLocaleString()} of {activeLimit.toLocaleString()} active
            </Text>
          </Group>
          <Progress
            value={Math.min(100, (activeCount / Math.max(1, activeLimit)) * 100)}
            color={over ? 'orange' : 'brand'}
            size="lg"
            radius="xl"
            aria-label={`${activeCount} of ${activeLimit} active targets`}
          />
          <Text size="sm" c="dimmed" mt={6}>
            Work on a few at a time, so each gets real attention. Change the limit in{' '}
            <Anchor component={Link} to="/settings" size="sm">
              Settings
            </Anchor>
            .
          </Text>
        </Box>
      </SimpleGrid>
    </Card>
  );
}

function TargetCard({ target, rank }: { target: Target; rank: number }) {
  const patch = useTargetPatch(target);
  const name = target.organization.name;
  const facts = [plural(target.contactCount, 'contact'), ...(target.openInterviewCount > 0 ? [plural(target.openInterviewCount, 'open interview')] : [])];

  return (
    <Paper component="li" p={{ base: 'sm', sm: 'md' }} className={classes.card} data-active={target.active || undefined}>
      <Group justify="space-between" align="center" gap="md" wrap="wrap">
        <Group gap="sm" wrap="nowrap" align="flex-start" className={classes.identity}>
          <Text className={classes.rank} c="dimmed" fw={600} size="sm" aria-label={`Rank ${rank}`}>
            {rank}
          </Text>
          <Box miw={0}>
            <Anchor component={Link} to={`/targets/${target.id}`} fw={600} c="var(--mantine-color-text)" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Anchor>
            <Group gap={8} mt={4} wrap="wrap">
              <AdvocacyBadge advocacy={target.advocacy} />
              <Text size="xs" c="dimmed">
                {facts.join(' · ')}
              </Text>
            </Group>
          </Box>
        </Group>
        <Group gap="lg" wrap="wrap" className={classes.controls}>
          <Box className={classes.motivation}>
            <MotivationRating value={target.motivation} onChange={(motivation) => patch.mutate({ motivation })} label={`Motivation for ${name}`} />
          </Box>
          <Switch
            label="Open postings"
            checked={target.openPostings}
            onChange={(event) => patch.mutate({ openPostings: event.currentTarget.checked })}
            aria-label={`Open postings at ${name}`}
          />
          <Switch
            label="Active"
            checked={target.active}
            onChange={(event) => patch.mutate({ active: event.currentTarget.checked })}
            aria-label={`Active target: ${name}`}
          />
        </Group>
      </Group>
    </Paper>
  );
}
