import { Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  IconBuildingSkyscraper,
  IconCircleCheckFilled,
  IconFileImport,
  IconMessages,
  IconPlus,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { listContacts, listOrganizations, queryKeys } from '../api/index.ts';
import { useAuth } from '../auth/AuthContext.ts';
import classes from './TodayPage.module.css';

function greeting(now = new Date()): string {
  const hour = now.getHours();
  if (hour < 5) return 'Good evening';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export function TodayPage() {
  useDocumentTitle('Today · Rapport');
  const { user } = useAuth();
  const firstName = user.name.split(' ')[0] ?? user.name;

  const contacts = useQuery({
    queryKey: queryKeys.contacts.list({}, 1, 0),
    queryFn: ({ signal }) => listContacts({ limit: 1 }, signal),
  });
  const organizations = useQuery({
    queryKey: queryKeys.organizations.list({ limit: 1 }),
    queryFn: ({ signal }) => listOrganizations({ limit: 1 }, signal),
  });
  const contactCount = contacts.data?.total;
  const organizationCount = organizations.data?.total;
  const newcomer = contactCount === 0 && organizationCount === 0;

  return (
    <Stack gap="xl">
      <div>
        <Title order={1} fz={{ base: 26, sm: 32 }} lh={1.2}>
          {greeting()}, {firstName}
        </Title>
        <Text c="dimmed" mt={6} maw={620}>
          {newcomer
            ? 'Welcome to Rapport. Informational interviews start with people: here is how to set things up.'
            : 'Every conversation starts with one person. Here is where things stand.'}
        </Text>
      </div>

      <SimpleGrid cols={2} spacing={{ base: 'sm', sm: 'md' }}>
        <StatCard
          label="Contacts"
          count={contactCount}
          loading={contacts.isPending}
          icon={<IconUsers size={22} stroke={1.7} />}
          color="brand"
        />
        <StatCard
          label="Organizations"
          count={organizationCount}
          loading={organizations.isPending}
          icon={<IconBuildingSkyscraper size={22} stroke={1.7} />}
          color="indigo"
        />
      </SimpleGrid>

      <Card p={{ base: 'md', sm: 'xl' }}>
        <Title order={2} fz="lg">
          {newcomer ? 'Get started' : 'Next steps'}
        </Title>
        <Text size="sm" c="dimmed" mt={4} mb="lg">
          A few steps from a list of names to conversations that teach you something.
        </Text>
        <Stack gap="sm">
          <Step
            number={1}
            title="Bring your network in"
            to="/import"
            description="Import your LinkedIn connections or a vCard file from your address book. You see a preview before anything is saved."
            action="Import contacts"
            actionIcon={<IconFileImport size={16} />}
          />
          <Step
            done={!!contactCount}
            number={2}
            title="Add the people you know"
            to="/contacts/new"
            description="Former colleagues, classmates, friends of friends: anyone whose work you would like to hear about."
            action="Add contact"
            actionIcon={<IconUserPlus size={16} />}
          />
          <Step
            done={!!organizationCount}
            number={3}
            title="List organizations you're curious about"
            to="/organizations/new"
            description="Companies, labs, agencies and nonprofits where you would like to learn how things really work."
            action="Add organization"
            actionIcon={<IconPlus size={16} />}
          />
          <Step
            number={4}
            title="Plan informational interviews"
            description="Ask for twenty minutes, prepare your questions and keep what you learn. Arriving soon in Rapport."
            soon
          />
        </Stack>
      </Card>
    </Stack>
  );
}

interface StatCardProps {
  label: string;
  count: number | undefined;
  loading: boolean;
  icon: ReactNode;
  color: string;
}

function StatCard({ label, count, loading, icon, color }: StatCardProps) {
  return (
    <Card className={classes.stat} p={{ base: 'md', sm: 'lg' }}>
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="sm" c="dimmed" fw={500}>
            {label}
          </Text>
          {loading ? (
            <Skeleton h={34} w={60} mt={6} />
          ) : (
            <Text fz={32} fw={700} lh={1.2} mt={2} data-testid={`count-${label.toLowerCase()}`}>
              {(count ?? 0).toLocaleString()}
            </Text>
          )}
        </div>
        <ThemeIcon size={48} radius="xl" variant="light" color={color} visibleFrom="xs">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

interface StepProps {
  number: number;
  title: string;
  description: string;
  to?: string;
  action?: string;
  actionIcon?: ReactNode;
  done?: boolean;
  soon?: boolean;
}

function Step({ number, title, description, to, action, actionIcon, done, soon }: StepProps) {
  return (
    <Group className={classes.step} data-done={done || undefined} wrap="nowrap" align="flex-start" gap="md" p="md">
      {done ? (
        <ThemeIcon size={32} radius="xl" color="brand" variant="transparent" aria-label="Done">
          <IconCircleCheckFilled size={30} />
        </ThemeIcon>
      ) : (
        <ThemeIcon size={32} radius="xl" variant="light" color={soon ? 'gray' : 'brand'} aria-hidden>
          {soon ? <IconMessages size={17} /> : <Text fw={700} size="sm">{number}</Text>}
        </ThemeIcon>
      )}
      <Group justify="space-between" wrap="wrap" gap="sm" style={{ flex: 1 }} align="center">
        <div style={{ flex: '1 1 18rem' }}>
          <Group gap="xs">
            {to ? (
              <Anchor component={Link} to={to} fw={600} c="var(--mantine-color-text)">
                {title}
              </Anchor>
            ) : (
              <Text fw={600} c={soon ? 'dimmed' : undefined}>
                {title}
              </Text>
            )}
            {soon && (
              <Badge size="xs" variant="light" color="gray">
                soon
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" mt={2}>
            {description}
          </Text>
        </div>
        {to && action && (
          <Button component={Link} to={to} variant={done ? 'default' : 'light'} size="xs" leftSection={actionIcon}>
            {action}
          </Button>
        )}
      </Group>
    </Group>
  );
}
