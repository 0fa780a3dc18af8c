import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Menu,
  Modal,
  Paper,
  RingProgress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowRight,
  IconCalendarCheck,
  IconCheck,
  IconChevronDown,
  IconCircleCheckFilled,
  IconClock,
  IconCopy,
  IconFileImport,
  IconHeartHandshake,
  IconMail,
  IconMailForward,
  IconMessageCircleOff,
  IconMessagePlus,
  IconMessageShare,
  IconMoodSmile,
  IconRepeat,
  IconTarget,
  IconUserPlus,
  IconWalk,
  IconX,
  IconZzz,
  type Icon,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { TaskDecisionInput, TodayTaskView, TodayView } from '@shared/plan-api.ts';
import { addBusinessDays, type WorkCalendar, type Weekday } from '@core/business-days.ts';
import { decideTask, getContact, getToday, listContacts, listInterviews, listOrganizations, queryKeys } from '../api/index.ts';
import { useAuth } from '../auth/AuthContext.ts';
import { daysBetween, formatDay, nextDay } from '../interviews/dates.ts';
import { formatZoned, zonedDate } from '../interviews/scheduling.ts';
import { copyText, mailtoLink } from '../ui/copyText.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
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

  const today = useQuery({ queryKey: queryKeys.today, queryFn: ({ signal }) => getToday(signal) });
  const contacts = useQuery({
    queryKey: queryKeys.contacts.list({}, 1, 0),
    queryFn: ({ signal }) => listContacts({ limit: 1 }, signal),
  });
  const organizations = useQuery({
    queryKey: queryKeys.organizations.list({ limit: 1 }),
    queryFn: ({ signal }) => listOrganizations({ limit: 1 }, signal),
  });
  const interviewParams = { limit: 1 };
  const interviews = useQuery({
    queryKey: queryKeys.interviews.list(interviewParams),
    queryFn: ({ signal }) => listInterviews(interviewParams, signal),
  });

  const contactCount = contacts.data?.total;
  const organizationCount = organizations.data?.total;
  const interviewCount = interviews.data?.total;
  const newcomer = contactCount === 0 && organizationCount === 0;
  const view = today.data;
  const pressingTasks = view ? [...view.overdue, ...view.dueToday] : [];
  const pressing = pressingTasks.length;
  const silence = pressingTasks.some((task) => task.kind === 'follow_up' || task.kind === 'second_contact');
  const anyTask = view ? pressing + view.upcoming.length > 0 : false;

  return (
    <Stack gap="xl">
      <div>
        <Title order={1} fz={{ base: 26, sm: 32 }} lh={1.2}>
          {greeting()}, {firstName}
        </Title>
        <Text c="dimmed" mt={6} maw={620}>
          {newcomer
            ? 'Welcome to Rapport. Informational interviews start with people: here is how to set things up.'
            : !view
              ? 'Every conversation starts with one person.'
              : pressing > 0
                ? `${pressing === 1 ? 'One thing needs' : `${pressing} things need`} you today. ${
                    silence
                      ? 'Silence is rarely a no: a nudge at the right time is.'
                      : 'Small courtesies make a meeting: confirm it, arrive early, thank them within a day.'
                  }`
                : 'Nothing needs you today. A good day to write one more request.'}
        </Text>
      </div>

      {view && view.closedForSilence.length > 0 && <SilenceNotice closed={view.closedForSilence} />}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          {today.error && !view ? (
            <LoadError error={today.error} onRetry={() => void today.refetch()} />
          ) : !view ? (
            <Stack gap="sm">
              <Skeleton h={24} w={140} />
              <Skeleton h={130} />
              <Skeleton h={130} />
            </Stack>
          ) : anyTask ? (
            <TaskGroups view={view} />
          ) : newcomer ? null : (
            <NothingDue hasInterviews={!!interviewCount} />
          )}
          {(newcomer || interviewCount === 0) && (
            <GetStarted newcomer={newcomer} contactCount={contactCount} organizationCount={organizationCount} interviewCount={interviewCount} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            {view ? <WeeklyGoal view={view} /> : <Skeleton h={150} radius="lg" />}
            <SimpleGrid cols={2} spacing={{ base: 'sm', sm: 'md' }}>
              <StatCard label="Contacts" count={contactCount} loading={contacts.isPending} />
              <StatCard label="Organizations" count={organizationCount} loading={organizations.isPending} />
            </SimpleGrid>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

// ---------------------------------------------------------------------------
// Tasks

const GROUPS = [
  { key: 'overdue', title: 'Overdue' },
  { key: 'dueToday', title: 'Due today' },
  { key: 'upcoming', title: 'Upcoming' },
] as const;

function TaskGroups({ view }: { view: TodayView }) {
  const calendar: WorkCalendar = { timeZone: view.timeZone, workingDays: view.workingDays as Weekday[] };

  return (
    <Stack gap="xl">
      {GROUPS.map(({ key, title }) => {
        const tasks = view[key];
        if (tasks.length === 0) return null;
        const headingId = `today-${key}`;
        return (
          <section key={key} aria-labelledby={headingId}>
            <Group gap="xs" mb="sm">
              <Title order={2} fz="lg" id={headingId}>
                {title}
              </Title>
              <Badge variant="light" color={key === 'overdue' ? 'red' : key === 'dueToday' ? 'brand' : 'gray'} size="sm" circle={tasks.length < 10}>
                {tasks.length}
              </Badge>
            </Group>
            <Stack gap="sm" component="ul" className={classes.tasks}>
              {tasks.map((task) => (
                <TaskCard key={task.key} task={task} today={view.today} calendar={calendar} overdue={key === 'overdue'} />
              ))}
            </Stack>
          </section>
        );
      })}
    </Stack>
  );
}

function dueText(task: TodayTaskView, today: string): string {
  const days = daysBetween(today, task.effectiveDueOn);
  if (days === 0) return 'Due today';
  if (days < 0) return `Due ${formatDay(task.effectiveDueOn)} · ${-days} ${days === -1 ? 'day' : 'days'} ago`;
  return `Due ${formatDay(task.effectiveDueOn)}`;
}

interface KindMeta {
  icon: Icon;
  color: string;
  /** The Done button: for a confirmation and a thank-you, Done also records it on the interview. */
  done: string;
  /** Snoozes count working days for 3B7 tasks, calendar days for meeting reminders (meetings happen on any day). */
  reminder: boolean;
}

const KIND_META: Record<TodayTaskView['kind'], KindMeta> = {
  second_contact: { icon: IconUserPlus, color: 'violet', done: 'Done', reminder: false },
  follow_up: { icon: IconMailForward, color: 'blue', done: 'Done', reminder: false },
  confirm: { icon: IconCalendarCheck, color: 'indigo', done: 'Confirmed', reminder: true },
  leave_by: { icon: IconWalk, color: 'orange', done: 'Done', reminder: true },
  thank_you: { icon: IconHeartHandshake, color: 'green', done: 'Thanked', reminder: true },
  stay_in_touch: { icon: IconRepeat, color: 'cyan', done: 'Done', reminder: true },
  tell_referrer: { icon: IconMessageShare, color: 'grape', done: 'Told them', reminder: true },
};

/** The moment a reminder is about, in the seeker's zone: "Leave by 9:35". Its day is the due badge's. */
function atText(task: TodayTaskView, timeZone: string): string | null {
  if (task.at === null) return null;
  const time = formatZoned(task.at, timeZone, { withDay: zonedDate(task.at, timeZone) !== task.effectiveDueOn });
  switch (task.kind) {
    case 'leave_by':
      return `Leave by ${time}`;
    case 'confirm':
      return `Send from ${time}`;
    case 'thank_you':
      return `Thank them by ${time}`;
    default:
      return time;
  }
}

function addDays(day: string, n: number): string {
  let result = day;
  for (let i = 0; i < n; i++) result = nextDay(result);
  return result;
}

function useDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TaskDecisionInput) => decideTask(input),
    onSuccess: (view) => queryClient.setQueryData(queryKeys.today, view),
  });
}

function TaskCard({ task, today, calendar, overdue }: { task: TodayTaskView; today: string; calendar: WorkCalendar; overdue: boolean }) {
  const decision = useDecision();
  const queryClient = useQueryClient();
  const [picking, setPicking] = useState(false);
  const meta = KIND_META[task.kind];
  const KindIcon = meta.icon;
  const at = atText(task, calendar.timeZone);

  // Snoozing only moves a task later than it is due now.
  const from = task.effectiveDueOn > today ? task.effectiveDueOn : today;
  const later = (n: number) => addBusinessDays(from, n, calendar);
  const snoozeOptions = meta.reminder
    ? [
        { label: 'Tomorrow', date: addDays(from, 1) },
        { label: '3 days', date: addDays(from, 3) },
        { label: 'A week', date: addDays(from, 7) },
      ]
    : [
        { label: '1 business day', date: later(1) },
        { label: '3 business days', date: later(3) },
        { label: 'A week', date: later(calendar.workingDays.length) },
      ];
  // Done on these records the event on the interview too, which a reopened reminder would not take back.
  const records = task.kind === 'confirm' || task.kind === 'thank_you';

  const decide = async (status: 'done' | 'dismissed' | 'snoozed', snoozedUntil: string | null = null) => {
    try {
      await decision.mutateAsync({ key: task.key, status, snoozedUntil });
      if (status === 'done' && records) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.interviews.detail(task.interviewId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.interviews.timeline(task.interviewId) });
        void queryClient.invalidateQueries({ queryKey: ['interviews', 'list'] });
        notifySuccess(
          task.kind === 'confirm' ? `The meeting with ${task.contact.name} is marked confirmed.` : `Your thank-you to ${task.contact.name} is recorded.`,
          task.title,
        );
        return;
      }
      const message =
        status === 'done' ? 'Marked done.' : status === 'dismissed' ? 'Dismissed.' : `Snoozed until ${formatDay(snoozedUntil ?? '')}.`;
      const id = notifications.show({
        color: 'teal',
        icon: <IconCheck size={18} stroke={2} />,
        autoClose: 6000,
        message: (
          <Group gap="sm" justify="space-between" wrap="nowrap">
            <Text size="sm" style={{ flex: 1, minWidth: 0 }}>
              {task.title}: {message.charAt(0).toLowerCase() + message.slice(1)}
            </Text>
            <Button
              size="compact-sm"
              variant="light"
              style={{ flexShrink: 0 }}
              onClick={() => {
                notifications.hide(id);
                decision.mutate(
                  { key: task.key, status: 'open', snoozedUntil: null },
                  { onError: (error) => notifyError(error, 'It could not be undone') },
                );
              }}
            >
              Undo
            </Button>
          </Group>
        ),
      });
    } catch (error) {
      notifyError(error, 'The task was not updated');
    }
  };

  return (
    <Paper component="li" p={{ base: 'sm', sm: 'md' }} className={classes.task} data-overdue={overdue || undefined} data-busy={decision.isPending || undefined}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon size={36} radius="xl" variant="light" color={meta.color} aria-hidden visibleFrom="xs">
          <KindIcon size={18} stroke={1.7} />
        </ThemeIcon>
        <Stack gap={6} miw={0} style={{ flex: 1 }}>
          <Group justify="space-between" gap="xs" align="flex-start" wrap="wrap">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {task.title}
            </Text>
            <Group gap={6} wrap="wrap">
              {at && (
                <Badge variant="light" color={meta.color} leftSection={<IconClock size={12} />}>
                  {at}
                </Badge>
              )}
              {task.snoozed && (
                <Badge variant="light" color="gray" leftSection={<IconZzz size={12} />}>
                  snoozed
                </Badge>
              )}
              <Badge variant="light" color={overdue ? 'red' : task.effectiveDueOn === today ? 'brand' : 'gray'}>
                {dueText(task, today)}
              </Badge>
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} to={`/contacts/${task.contact.id}`} size="sm" fw={500}>
              {task.contact.name}
            </Anchor>
            {task.organization && (
              <>
                {' · '}
                <Anchor component={Link} to={`/organizations/${task.organization.id}`} size="sm">
                  {task.organization.name}
                </Anchor>
              </>
            )}
          </Text>
          <Text size="sm">{task.reason}</Text>
          {task.draft && <DraftBlock task={task} />}
          <Group gap="xs" mt={4} wrap="wrap">
            <Button size="xs" variant="light" leftSection={<IconCheck size={15} />} onClick={() => void decide('done')} disabled={decision.isPending}>
              {meta.done}
            </Button>
            <Menu position="bottom-start" withinPortal shadow="md">
              <Menu.Target>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconZzz size={15} />}
                  rightSection={<IconChevronDown size={13} />}
                  disabled={decision.isPending}
                >
                  Snooze
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Bring it back in</Menu.Label>
                {snoozeOptions.map((option) => (
                  <Menu.Item key={option.label} onClick={() => void decide('snoozed', option.date)} rightSection={<Text size="xs" c="dimmed">{formatDay(option.date)}</Text>}>
                    {option.label}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item onClick={() => setPicking(true)}>Pick a date…</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={15} />} onClick={() => void decide('dismissed')} disabled={decision.isPending}>
              Dismiss
            </Button>
            <Button
              size="xs"
              variant="subtle"
              component={Link}
              to={`/interviews/${task.interviewId}`}
              rightSection={<IconArrowRight size={14} />}
              ml={{ sm: 'auto' }}
            >
              Open interview
            </Button>
          </Group>
        </Stack>
      </Group>
      <SnoozeDateModal
        opened={picking}
        min={nextDay(from)}
        title={task.title}
        workingDaysOnly={!meta.reminder}
        onClose={() => setPicking(false)}
        onPick={(date) => {
          setPicking(false);
          void decide('snoozed', date);
        }}
      />
    </Paper>
  );
}

/** The message a reminder drafted: a confirmation to send, or a start for a stay-in-touch note. */
function DraftBlock({ task }: { task: TodayTaskView }) {
  const draft = task.draft ?? '';
  const confirm = task.kind === 'confirm';
  // The contact's address, for a mail-app link: only the confirmation is ready to send as it is.
  const contact = useQuery({
    queryKey: queryKeys.contacts.detail(task.contact.id),
    queryFn: ({ signal }) => getContact(task.contact.id, signal),
    enabled: confirm,
    staleTime: 60_000,
  });
  const email = contact.data?.emails[0] ?? null;
  const copy = async () => {
    try {
      await copyText(draft);
      notifySuccess(confirm ? 'The confirmation is on your clipboard.' : 'The note is on your clipboard: fill in the brackets before sending.', 'Copied');
    } catch (error) {
      notifyError(error, 'Nothing was copied');
    }
  };
  return (
    <Paper className={classes.draft} p="sm" radius="md">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {confirm ? 'A confirmation to send' : 'A start for your note'}
      </Text>
      <Text size="sm" mt={4} className={classes.draftText}>
        {draft}
      </Text>
      <Group gap="xs" mt="sm" wrap="wrap">
        <Button size="compact-sm" variant="default" leftSection={<IconCopy size={14} />} onClick={() => void copy()}>
          Copy
        </Button>
        {confirm && email && (
          <Button
            size="compact-sm"
            variant="default"
            component="a"
            href={mailtoLink(email, 'Looking forward to our conversation', draft)}
            leftSection={<IconMail size={14} />}
          >
            Open in mail app
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function SnoozeDateModal({
  opened,
  min,
  title,
  workingDaysOnly,
  onClose,
  onPick,
}: {
  opened: boolean;
  min: string;
  title: string;
  workingDaysOnly: boolean;
  onClose: () => void;
  onPick: (date: string) => void;
}) {
  const [date, setDate] = useState(min);
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError('Pick a date');
    if (date < min) return setError(`Pick ${formatDay(min)} or later`);
    onPick(date);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>Snooze until…</Text>} size="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            “{title}” comes back on this day{workingDaysOnly ? ' (or the next working day)' : ''}.
          </Text>
          <TextInput
            type="date"
            label="Bring it back on"
            value={date}
            min={min}
            onChange={(event) => {
              setDate(event.currentTarget.value);
              setError(undefined);
            }}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconZzz size={15} />}>
              Snooze
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function NothingDue({ hasInterviews }: { hasInterviews: boolean }) {
  return (
    <Card p={{ base: 'md', sm: 'xl' }}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon size={40} radius="xl" variant="light" color="teal" aria-hidden>
          <IconMoodSmile size={22} stroke={1.7} />
        </ThemeIcon>
        <div>
          <Title order={2} fz="lg">
            Nothing due
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            When a request meets silence, Rapport tells you what to do and when (the 3B7 rule): after 3 business days, approach a second
            person at the same organization; after 7, send the first one polite follow-up — one, never more. Meetings bring their own
            reminders: confirm the day before, leave on time, thank them within a day, and stay in touch.
          </Text>
          <Group gap="sm" mt="md">
            <Button component={Link} to={hasInterviews ? '/interviews' : '/targets'} variant="light" size="xs" rightSection={<IconArrowRight size={14} />}>
              {hasInterviews ? 'Your interviews' : 'Pick a target'}
            </Button>
          </Group>
        </div>
      </Group>
    </Card>
  );
}

function SilenceNotice({ closed }: { closed: TodayView['closedForSilence'] }) {
  return (
    <Alert variant="light" color="gray" icon={<IconMessageCircleOff size={20} />} title="Closed for silence" radius="md">
      <Text size="sm">
        {closed.map((item, index) => (
          <Fragment key={item.interviewId}>
            {index > 0 && (index === closed.length - 1 ? ' and ' : ', ')}
            <Anchor component={Link} to={`/interviews/${item.interviewId}`} size="sm" fw={500}>
              {item.contact.name}
            </Anchor>
          </Fragment>
        ))}{' '}
        — no reply 7 business days after your one follow-up. 3B7 says move on: try someone else at the same organization. If they write
        back later, log the reply on the interview.
      </Text>
    </Alert>
  );
}

// ---------------------------------------------------------------------------
// The week and the counts

function WeeklyGoal({ view }: { view: TodayView }) {
  const { sent, goal, weekStart, weekEnd } = view.weekly;
  const reached = sent >= goal;
  const left = Math.max(0, goal - sent);
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="weekly-goal">
      <Group gap="md" wrap="nowrap" align="center">
        <RingProgress
          className={classes.ring}
          size={96}
          thickness={10}
          roundCaps={sent > 0}
          sections={sent > 0 ? [{ value: Math.min(100, (sent / Math.max(1, goal)) * 100), color: reached ? 'teal' : 'brand' }] : []}
          label={
            <Text ta="center" fw={700} fz="lg" lh={1}>
              {sent}/{goal}
            </Text>
          }
          aria-hidden
        />
        <div>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }} id="weekly-goal">
            This week
          </Text>
          <Text fw={650} mt={2}>
            {sent} of {goal} requests
          </Text>
          <Text size="xs" c="dimmed" className={classes.weekDates}>
            {formatDay(weekStart)} – {formatDay(weekEnd)}
          </Text>
        </div>
      </Group>
      <Text size="sm" c="dimmed" mt="sm">
        {reached
          ? 'Goal reached. Each request is a door that may open later.'
          : `${left} more ${left === 1 ? 'request' : 'requests'} to reach your goal: a steady few a week beats a burst.`}{' '}
        <Anchor component={Link} to="/settings" size="sm">
          Change the goal
        </Anchor>
      </Text>
    </Card>
  );
}

function StatCard({ label, count, loading }: { label: string; count: number | undefined; loading: boolean }) {
  return (
    <Card className={classes.stat} p={{ base: 'md', sm: 'lg' }}>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      {loading ? (
        <Skeleton h={34} w={60} mt={6} />
      ) : (
        <Text fz={28} fw={700} lh={1.2} mt={2} data-testid={`count-${label.toLowerCase()}`}>
          {(count ?? 0).toLocaleString()}
        </Text>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------------------
// A new account

interface GetStartedProps {
  newcomer: boolean;
  contactCount: number | undefined;
  organizationCount: number | undefined;
  interviewCount: number | undefined;
}

function GetStarted({ newcomer, contactCount, organizationCount, interviewCount }: GetStartedProps) {
  return (
    <Card p={{ base: 'md', sm: 'xl' }} mt={newcomer ? 0 : 'lg'}>
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
          title="List the organizations you're curious about"
          to="/targets"
          description="Rank them by how much you want to work there, and see where you already know someone."
          action="Add targets"
          actionIcon={<IconTarget size={16} />}
        />
        <Step
          done={!!interviewCount}
          number={4}
          title="Ask for an informational interview"
          to="/contacts"
          description="Open a contact and start an interview: Rapport helps you write a short request that gets answered, and reminds you to follow up."
          action="Choose someone"
          actionIcon={<IconMessagePlus size={16} />}
        />
      </Stack>
    </Card>
  );
}

interface StepProps {
  number: number;
  title: string;
  description: string;
  to: string;
  action: string;
  actionIcon: ReactNode;
  done?: boolean;
}

function Step({ number, title, description, to, action, actionIcon, done }: StepProps) {
  return (
    <Group className={classes.step} data-done={done || undefined} wrap="nowrap" align="flex-start" gap="md" p="md">
      {done ? (
        <ThemeIcon size={32} radius="xl" color="brand" variant="transparent" aria-label="Done">
          <IconCircleCheckFilled size={30} />
        </ThemeIcon>
      ) : (
        <ThemeIcon size={32} radius="xl" variant="light" color="brand" aria-hidden>
          <Text fw={700} size="sm">
            {number}
          </Text>
        </ThemeIcon>
      )}
      <Group justify="space-between" wrap="wrap" gap="sm" style={{ flex: 1 }} align="center">
        <div style={{ flex: '1 1 18rem' }}>
          <Anchor component={Link} to={to} fw={600} c="var(--mantine-color-text)">
            {title}
          </Anchor>
          <Text size="sm" c="dimmed" mt={2}>
            {description}
          </Text>
        </div>
        <Button component={Link} to={to} variant={done ? 'default' : 'light'} size="xs" leftSection={actionIcon}>
          {action}
        </Button>
      </Group>
    </Group>
  );
}
