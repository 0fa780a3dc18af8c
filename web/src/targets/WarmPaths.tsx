import { Anchor, Avatar, Badge, Box, Button, Card, Group, Paper, Stack, Text, Timeline, Title, Tooltip } from '@mantine/core';
import { IconBriefcase, IconRoute, IconSchool, IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Ref } from '@shared/api.ts';
import type { IntroductionPath, IntroductionStep, WarmPaths as WarmPathsData } from '@core/warm-paths.ts';
import { StartInterviewButton } from '../contacts/StartInterviewButton.tsx';
import classes from './TargetPage.module.css';

interface WarmPathsProps {
  organization: Ref;
  warmPaths: WarmPathsData;
  /** Shows a shared tag key ("stanford") as the seeker typed it ("Stanford"). */
  tagName: (key: string) => string;
}

/** The ways into one organization: people there, people who used to work there, and introductions. */
export function WarmPaths({ organization, warmPaths, tagName }: WarmPathsProps) {
  const { contactsThere, formerEmployees, introductions } = warmPaths;
  const notMet = contactsThere.filter((person) => !person.knownPersonally);
  const addHere = (
    <Button
      component={Link}
      to={`/contacts/new?organizationId=${organization.id}`}
      size="xs"
      variant="light"
      leftSection={<IconUserPlus size={15} />}
    >
      Add contact here
    </Button>
  );

  return (
    <Stack gap="lg">
      <Section id="people-there" title="People there" count={contactsThere.length} action={addHere}>
        {contactsThere.length === 0 ? (
          <Advice icon={<IconUsers size={18} stroke={1.5} />}>
            Nobody at {organization.name} in your contacts yet. Add the people you know there, or names you were given; then,
            on a contact’s page, record who knows whom so Rapport can find an introduction.
          </Advice>
        ) : (
          <Stack gap={0}>
            {contactsThere.map((person) => (
              <PersonRow
                key={person.id}
                person={person}
                badges={
                  <>
                    {person.knownPersonally ? (
                      <Badge size="sm" variant="light" color="teal">
                        You know them
                      </Badge>
                    ) : (
                      <Badge size="sm" variant="light" color="gray">
                        Not met yet
                      </Badge>
                    )}
                    {person.sharedTags.map((tag) => (
                      <Tooltip key={tag} label={`You share “${tagName(tag)}”: a warmer way to start`} withArrow events={{ hover: true, focus: true, touch: true }}>
                        <Badge size="sm" variant="light" color="grape" leftSection={<IconSchool size={12} />} tabIndex={0}>
                          {tagName(tag)}
                        </Badge>
                      </Tooltip>
                    ))}
                  </>
                }
              />
            ))}
          </Stack>
        )}
      </Section>

      <Section id="introductions" title="Introductions" count={introductions.length}>
        {introductions.length === 0 ? (
          <Advice icon={<IconRoute size={18} stroke={1.5} />}>
            {contactsThere.length === 0
              ? `Once you have contacts at ${organization.name}, Rapport looks for someone you know who can introduce you to them.`
              : notMet.length === 0
                ? `You know everyone you have at ${organization.name} personally: no introduction needed.`
                : `Nobody you know leads to ${notMet.map((person) => person.name).join(', ')} yet. On a contact’s page, record who knows whom, or who introduced you.`}
          </Advice>
        ) : (
          <Stack gap="sm">
            {introductions.map((path) => (
              <PathCard key={path.target.id} path={path} />
            ))}
          </Stack>
        )}
      </Section>

      <Section id="used-to-work-there" title="Used to work there" count={formerEmployees.length}>
        {formerEmployees.length === 0 ? (
          <Advice icon={<IconBriefcase size={18} stroke={1.5} />}>
            Nobody you know is recorded as a former employee. Tag a contact “{organization.name}” to say they used to work here: they
            can tell you how it really is.
          </Advice>
        ) : (
          <Stack gap={0}>
            {formerEmployees.map((person) => (
              <PersonRow
                key={person.id}
                person={person}
                badges={
                  <Badge size="sm" variant="light" color="teal">
                    You know them
                  </Badge>
                }
              />
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function Section({ id, title, count, action, children }: { id: string; title: string; count: number; action?: ReactNode; children: ReactNode }) {
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" gap="sm" wrap="wrap">
        <Group gap={8}>
          <Title order={2} fz="md" id={id}>
            {title}
          </Title>
          {count > 0 && (
            <Badge size="sm" variant="default" circle={count < 10}>
              {count}
            </Badge>
          )}
        </Group>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function Advice({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap="xs" c="dimmed" wrap="nowrap" align="flex-start">
      <Box style={{ flexShrink: 0, marginTop: 2 }}>{icon}</Box>
      <Text size="sm">{children}</Text>
    </Group>
  );
}

function PersonRow({ person, badges }: { person: Ref; badges: ReactNode }) {
  return (
    <Group justify="space-between" gap="sm" py="xs" wrap="wrap" className={classes.row}>
      <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 14rem' }}>
        <Avatar name={person.name} color="initials" radius="xl" size={34} />
        <Box miw={0}>
          <Anchor component={Link} to={`/contacts/${person.id}`} fw={600} size="sm" c="var(--mantine-color-text)" style={{ overflowWrap: 'anywhere' }}>
            {person.name}
          </Anchor>
          <Group gap={6} mt={2} wrap="wrap">
            {badges}
          </Group>
        </Box>
      </Group>
      <StartInterviewButton contact={person} size="xs" className={classes.rowAction} />
    </Group>
  );
}

/** "Ask Wendy Park to introduce you to Dana Reyes.", with both names linking to their contacts. */
function StepSentence({ step }: { step: IntroductionStep }) {
  const { sentence, from, to } = step;
  const fromAt = sentence.indexOf(from.name);
  const toAt = fromAt === -1 ? -1 : sentence.indexOf(to.name, fromAt + from.name.length);
  if (fromAt === -1 || toAt === -1) return <>{sentence}</>;
  const person = (ref: Ref) => (
    <Anchor component={Link} to={`/contacts/${ref.id}`} inherit fw={600}>
      {ref.name}
    </Anchor>
  );
  return (
    <>
      {sentence.slice(0, fromAt)}
      {person(from)}
      {sentence.slice(fromAt + from.name.length, toAt)}
      {person(to)}
      {sentence.slice(toAt + to.name.length)}
    </>
  );
}

function PathCard({ path }: { path: IntroductionPath }) {
  const first = path.steps[0]?.from;
  const introductions = path.steps.length;
  return (
    <Paper p="md" radius="md" className={classes.path}>
      <Group justify="space-between" gap="sm" wrap="wrap" mb="sm">
        <Group gap="xs" wrap="wrap" miw={0} style={{ flex: '1 1 14rem' }}>
          <Anchor component={Link} to={`/contacts/${path.target.id}`} fw={600} c="var(--mantine-color-text)" style={{ overflowWrap: 'anywhere' }}>
            {path.target.name}
          </Anchor>
          <Tooltip
            label="Hops count the links from you: 1 is someone you know, 2 a friend of a friend."
            multiline
            w={240}
            withArrow
            events={{ hover: true, focus: true, touch: true }}
          >
            <Badge size="sm" variant="light" color="blue" tabIndex={0}>
              {path.hops} hops · {introductions === 1 ? '1 introduction' : `${introductions} introductions`}
            </Badge>
          </Tooltip>
        </Group>
        <StartInterviewButton contact={path.target} size="xs" className={classes.pathAction} />
      </Group>
      <Timeline bulletSize={22} lineWidth={2} active={path.steps.length} color="blue">
        {first && (
          <Timeline.Item bullet={<Text size="xs" fw={700}>1</Text>}>
            <Text size="sm">
              You know{' '}
              <Anchor component={Link} to={`/contacts/${first.id}`} inherit fw={600}>
                {first.name}
              </Anchor>
              .
            </Text>
          </Timeline.Item>
        )}
        {path.steps.map((step, index) => (
          <Timeline.Item key={`${step.from.id}-${step.to.id}`} bullet={<Text size="xs" fw={700}>{index + 2}</Text>}>
            <Text size="sm">
              <StepSentence step={step} />
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
