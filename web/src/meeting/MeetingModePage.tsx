/**
 * Meeting mode: a phone lying on a café table. A big countdown to the agreed
 * end, the agenda in timed blocks, one tap on a question to jot its answer, a
 * cue at 5 minutes left, and a clear stop when time is up — the agreed time is
 * honored even if questions remain. Everything typed is kept on the phone first
 * and synced when it can be (see notesStore.ts).
 */
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Container,
  CopyButton,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import {
  IconAlarm,
  IconAlertTriangle,
  IconArrowLeft,
  IconCheck,
  IconCircleCheck,
  IconCloudCheck,
  IconCloudOff,
  IconCopy,
  IconDeviceFloppy,
  IconGitMerge,
  IconHandStop,
  IconMessageCircle,
  IconNotes,
  IconPlayerPlay,
  IconUsers,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { agreedTime, formatCountdown, meetingBlocks, meetingClock, type MeetingPhase, type TimedBlock } from '@core/meeting-clock.ts';
import { MAX_ANSWER_CHARS, MAX_NOTES_CHARS, type MeetingItem, type MeetingSession, type MeetingView } from '@shared/meeting-api.ts';
import { endMeeting, getMeeting, meetingQueryKey, queryKeys, startMeeting } from '../api/index.ts';
import { useAuth } from '../auth/AuthContext.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { notifyError } from '../ui/notify.tsx';
import { NOTES_FIELD, type FieldFailure, type MeetingNotesStore, type StoreSnapshot, type SyncStatus } from './notesStore.ts';
import { useMeetingNotes, useNow, useWakeLock } from './useMeetingDevice.ts';
import classes from './MeetingModePage.module.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const formatTime = (iso: string) => timeFormat.format(new Date(iso));

export function MeetingModePage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const query = useQuery({ queryKey: meetingQueryKey(id), queryFn: ({ signal }) => getMeeting(id, signal) });
  useDocumentTitle(query.data ? `Meeting with ${query.data.interview.contactName} · Rapport` : 'Meeting mode · Rapport');

  return (
    <Box className={classes.page}>
      {query.error && !query.data ? (
        <Container size={640} py="xl">
          <LoadError error={query.error} onRetry={() => void query.refetch()} back={{ to: `/interviews/${id}`, label: 'Back to the interview' }} />
        </Container>
      ) : !query.data ? (
        <Container size={640} py="md">
          <Stack>
            <Skeleton h={44} />
            <Skeleton h={180} radius="xl" />
            <Skeleton h={60} />
            <Skeleton h={60} />
          </Stack>
        </Container>
      ) : (
        <Meeting key={`${user.id}:${id}`} userId={user.id} view={query.data} />
      )}
    </Box>
  );
}

function Meeting({ userId, view }: { userId: string; view: MeetingView }) {
  const queryClient = useQueryClient();
  const { interview, session, items } = view;
  const { store, snapshot } = useMeetingNotes(userId, interview.id, view);
  const now = useNow();
  const running = session !== null && session.endedAt === null;
  useWakeLock(running);

  const accept = (next: MeetingView) => {
    queryClient.setQueryData(meetingQueryKey(interview.id), next);
    void queryClient.invalidateQueries({ queryKey: queryKeys.interviews.detail(interview.id) });
  };
  const start = useMutation({ mutationFn: () => startMeeting(interview.id), onSuccess: accept, onError: (e) => notifyError(e, 'Meeting mode did not start') });
  const end = useMutation({
    mutationFn: async () => {
      // What was typed goes first, so the write-up starts from every note.
      await store.sync();
      return endMeeting(interview.id);
    },
    onSuccess: (next) => {
      accept(next);
      void queryClient.invalidateQueries({ queryKey: queryKeys.interviews.all });
    },
    onError: (e) => notifyError(e, 'The meeting was not ended'),
  });

  const clock = session && running ? meetingClock(now, session.startedAt, session.endsAt) : null;
  const phase: MeetingPhase | 'ended' | 'not_started' = session === null ? 'not_started' : clock ? clock.phase : 'ended';

  return (
    <>
      <TopBar view={view} status={snapshot.status} pending={snapshot.pendingCount} phase={phase} remaining={clock?.remainingSeconds ?? null} />
      <Container size={640} px={{ base: 'sm', sm: 'md' }} pt="md" pb={96}>
        {session === null ? (
          <StartPanel view={view} now={now} starting={start.isPending} onStart={() => start.mutate()} />
        ) : (
          <Stack gap="md">
            {clock ? (
              <Countdown session={session} phase={clock.phase} remaining={clock.remainingSeconds} />
            ) : (
              <EndedPanel interviewId={interview.id} session={session} />
            )}
            <Agenda session={session} items={items} now={now} running={running} store={store} snapshot={snapshot} />
            {running && (
              <EndMeetingButton contactName={interview.contactName} timeUp={phase === 'time_up'} ending={end.isPending} onEnd={() => end.mutate()} />
            )}
          </Stack>
        )}
      </Container>
    </>
  );
}

// ---------------------------------------------------------------------------
// The bar on top: the way back, the time at a glance, whether notes are safe

const STATUS_META: Record<SyncStatus, { label: string; color: string; icon: ReactNode }> = {
  synced: { label: 'Synced', color: 'teal', icon: <IconCloudCheck size={14} /> },
  pending: { label: 'Saved on this phone', color: 'blue', icon: <IconDeviceFloppy size={14} /> },
  syncing: { label: 'Saved on this phone', color: 'blue', icon: <IconDeviceFloppy size={14} /> },
  retrying: { label: 'On this phone — retrying', color: 'orange', icon: <IconDeviceFloppy size={14} /> },
  failed: { label: 'Not synced', color: 'red', icon: <IconAlertTriangle size={14} /> },
  offline: { label: 'Offline — will sync', color: 'gray', icon: <IconCloudOff size={14} /> },
  conflict: { label: 'Choose a version', color: 'orange', icon: <IconGitMerge size={14} /> },
};

function TopBar({
  view,
  status,
  pending,
  phase,
  remaining,
}: {
  view: MeetingView;
  status: SyncStatus;
  pending: number;
  phase: MeetingPhase | 'ended' | 'not_started';
  remaining: number | null;
}) {
  const meta = STATUS_META[status];
  return (
    <Box component="header" className={classes.bar} data-phase={phase}>
      <Container size={640} px={{ base: 'sm', sm: 'md' }}>
        <Group justify="space-between" wrap="nowrap" gap="xs" h={52}>
          <Group gap={6} wrap="nowrap" miw={0}>
            <Anchor component={Link} to={`/interviews/${view.interview.id}`} c="inherit" aria-label="Back to the interview" className={classes.back}>
              <IconArrowLeft size={20} />
            </Anchor>
            <Text fw={650} truncate="end" size="md">
              {view.interview.contactName}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {remaining !== null && (
              <Text fw={700} size="lg" className={classes.tabular} aria-hidden>
                {formatCountdown(remaining)}
              </Text>
            )}
            {phase !== 'not_started' && (
              <Badge
                color={meta.color}
                variant="light"
                size="md"
                leftSection={meta.icon}
                role="status"
                aria-label={`Notes: ${meta.label}`}
                title={pending > 0 ? `${pending} not yet synced` : undefined}
                style={{ flexShrink: 0 }}
              >
                {meta.label}
              </Badge>
            )}
          </Group>
        </Group>
      </Container>
    </Box>
  );
}

// ---------------------------------------------------------------------------
// Before the start

function StartPanel({ view, now, starting, onStart }: { view: MeetingView; now: Date; starting: boolean; onStart: () => void }) {
  const { interview, items, canStart, questionsThatFit } = view;
  const minutes = interview.meetingMinutes ?? 30;
  const agreed = agreedTime(now, interview.meetingAt, interview.meetingMinutes);
  const place = interview.meetingPlace;
  const where =
    place === null
      ? null
      : place.kind === 'phone'
        ? 'Phone call'
        : place.kind === 'video'
          ? 'Video call'
          : `${place.kind === 'cafe' ? 'Café' : place.kind === 'restaurant' ? 'Restaurant' : 'Office'}: ${place.address}`;

  return (
    <Stack gap="md">
      <Box>
        <Title order={1} fz={{ base: 26, sm: 30 }} lh={1.2}>
          Meeting with {interview.contactName}
        </Title>
        {interview.organizationName && (
          <Text c="dimmed" size="lg">
            {interview.organizationName}
          </Text>
        )}
      </Box>
      {!canStart ? (
        <Alert color="orange" variant="light" title="Meeting mode opens once the meeting is scheduled">
          <Text size="sm" mb="sm">
            Record the time you agreed with {interview.contactName} on the interview page, then come back here when you sit down together.
          </Text>
          <Button component={Link} to={`/interviews/${interview.id}`} variant="light" color="orange">
            Back to the interview
          </Button>
        </Alert>
      ) : (
        <Paper p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="sm">
            {interview.meetingAt && (
              <Text size="lg">
                {dateTimeFormat.format(new Date(interview.meetingAt))} · {minutes} minutes
              </Text>
            )}
            {where && <Text c="dimmed">{where}</Text>}
            <Text>
              {agreed.basis === 'scheduled'
                ? `The countdown runs to ${formatTime(agreed.endsAt)}, the end you agreed on.`
                : `The countdown runs ${minutes} minutes from when you start.`}{' '}
              At 5 minutes left you get a cue to ask who else you should talk to.
            </Text>
            <Text c="dimmed" size="sm">
              {items.length === 0
                ? 'No questions picked yet: you can still jot notes as you go.'
                : `${items.length} question${items.length === 1 ? '' : 's'} on your agenda; ${questionsThatFit} fit ${minutes} minutes.`}
            </Text>
            <Button size="xl" fullWidth leftSection={<IconPlayerPlay size={22} />} loading={starting} onClick={onStart} mt="xs">
              Start meeting
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

// ---------------------------------------------------------------------------
// The countdown and its cues

function Countdown({ session, phase, remaining }: { session: MeetingSession; phase: MeetingPhase; remaining: number }) {
  if (phase === 'time_up') {
    return (
      <Paper className={classes.timeUp} p="lg" role="alert" withBorder={false}>
        <Group gap="md" wrap="nowrap" align="center">
          <IconHandStop size={44} stroke={1.8} style={{ flexShrink: 0 }} />
          <Box>
            <Text fz={{ base: 26, sm: 32 }} fw={750} lh={1.15}>
              Time is up — thank them and close
            </Text>
            <Text fz="md" mt={4} opacity={0.9}>
              The agreed end was {formatTime(session.endsAt)}. Honor it, even if questions remain.
            </Text>
          </Box>
        </Group>
      </Paper>
    );
  }
  const wrapUp = phase === 'wrap_up';
  return (
    <Paper className={classes.countdown} data-phase={phase} p={{ base: 'md', sm: 'lg' }} withBorder={!wrapUp}>
      <Text ta="center" className={classes.digits} role="timer" aria-label={`${formatCountdown(remaining)} left`}>
        {formatCountdown(remaining)}
      </Text>
      <Text ta="center" size="lg" className={classes.sub}>
        left · ends at {formatTime(session.endsAt)}
      </Text>
      {wrapUp && (
        <Group justify="center" gap="xs" mt="sm" wrap="nowrap" role="status">
          <IconUsers size={24} style={{ flexShrink: 0 }} />
          <Text fz={{ base: 19, sm: 22 }} fw={700} lh={1.25}>
            5 minutes left — ask who else you should talk to
          </Text>
        </Group>
      )}
    </Paper>
  );
}

function EndedPanel({ interviewId, session }: { interviewId: string; session: MeetingSession }) {
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck size={22} />} title="Meeting ended" radius="lg">
      <Text size="sm" mb="sm">
        Ended at {formatTime(session.endedAt ?? session.endsAt)}. Finish your notes while they are fresh; they keep syncing. Then write it up and
        thank them within 24 hours.
      </Text>
      <Button component={Link} to={`/interviews/${interviewId}`} variant="light" color="teal">
        Back to the interview
      </Button>
    </Alert>
  );
}

// ---------------------------------------------------------------------------
// The agenda

const BLOCK_TEXT: Record<Exclude<TimedBlock['kind'], 'question'>, { title: string; hint: string }> = {
  opening: { title: 'Thank them, confirm the end time', hint: 'Thank them for their time and say when you will stop.' },
  introduction: { title: 'Introduce yourself', hint: 'Who you are and what you hope to learn, in two minutes.' },
  closing: { title: 'Who else should I talk to?', hint: 'Ask for names, ask if you may use theirs, and thank them.' },
};

const minutesOf = (block: TimedBlock) => Math.round((block.toSecond - block.fromSecond) / 60);

function Agenda({
  session,
  items,
  now,
  running,
  store,
  snapshot,
}: {
  session: MeetingSession;
  items: MeetingItem[];
  now: Date;
  running: boolean;
  store: MeetingNotesStore;
  snapshot: StoreSnapshot;
}) {
  const { blocks, overflowItemIds } = useMemo(
    () => meetingBlocks(session.startedAt, session.endsAt, items.map((i) => i.id)),
    [session.startedAt, session.endsAt, items],
  );
  const current = running ? meetingClock(now, session.startedAt, session.endsAt, blocks).currentBlock : null;
  const [open, setOpen] = useState<string | null>(null);
  const byId = new Map(items.map((item) => [item.id, item]));
  const numberOf = new Map(items.map((item, i) => [item.id, i + 1]));
  const overflow = overflowItemIds.map((id) => byId.get(id)).filter((i): i is MeetingItem => i !== undefined);
  const dropped = Object.entries(snapshot.failures).filter(([field, failure]) => field !== NOTES_FIELD && failure.kind === 'dropped' && !byId.has(field));

  const question = (item: MeetingItem, isCurrent: boolean, block?: TimedBlock) => (
    <QuestionItem
      key={item.id}
      item={item}
      number={numberOf.get(item.id) ?? 0}
      minutes={block ? minutesOf(block) : null}
      current={isCurrent}
      text={snapshot.texts[item.id] ?? item.answer ?? ''}
      conflict={snapshot.conflicts[item.id]}
      failure={snapshot.failures[item.id]}
      store={store}
    />
  );

  const rows: ReactNode[] = [];
  let questions: ReactNode[] = [];
  const flush = () => {
    if (questions.length === 0) return;
    rows.push(
      <Accordion key={`q${rows.length}`} value={open} onChange={setOpen} variant="separated" radius="lg" chevronPosition="right" classNames={{ item: classes.question }}>
        {questions}
      </Accordion>,
    );
    questions = [];
  };
  blocks.forEach((block, index) => {
    const item = block.itemId ? byId.get(block.itemId) : undefined;
    if (block.kind === 'question' && item) {
      questions.push(question(item, index === current, block));
      return;
    }
    flush();
    if (block.kind === 'closing' && overflow.length > 0) {
      rows.push(
        <Stack key="overflow" gap="xs">
          <Text size="sm" c="dimmed" fw={600} tt="uppercase" px={4}>
            If time allows
          </Text>
          <Accordion value={open} onChange={setOpen} variant="separated" radius="lg" classNames={{ item: classes.question }}>
            {overflow.map((i) => question(i, false))}
          </Accordion>
        </Stack>,
      );
    }
    if (block.kind !== 'question') rows.push(<FixedBlock key={block.kind} block={block} current={index === current} />);
  });
  flush();

  return (
    <Stack gap="sm" component="section" aria-label="Agenda">
      {dropped.length > 0 && (
        <DroppedAnswers
          answers={dropped.map(([field, failure]) => ({ field, question: failure.label, text: snapshot.texts[field] ?? '' }))}
          notesInConflict={snapshot.conflicts[NOTES_FIELD] !== undefined}
          store={store}
        />
      )}
      {rows}
      <NotesField
        text={snapshot.texts[NOTES_FIELD] ?? session.notes ?? ''}
        conflict={snapshot.conflicts[NOTES_FIELD]}
        failure={snapshot.failures[NOTES_FIELD]}
        store={store}
      />
    </Stack>
  );
}

function NowBadge() {
  return (
    <Badge color="brand" variant="filled" size="md" style={{ flexShrink: 0 }}>
      Now
    </Badge>
  );
}

function FixedBlock({ block, current }: { block: TimedBlock; current: boolean }) {
  const text = BLOCK_TEXT[block.kind as keyof typeof BLOCK_TEXT];
  return (
    <Paper p="md" className={classes.block} data-current={current || undefined}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Box miw={0}>
          <Text fw={650} fz={{ base: 18, sm: 19 }} lh={1.3}>
            {text.title}
          </Text>
          <Text c="dimmed" size="sm" mt={2}>
            {text.hint}
          </Text>
        </Box>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          {current && <NowBadge />}
          <Text size="sm" c="dimmed" className={classes.tabular}>
            {minutesOf(block)} min
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function QuestionItem({
  item,
  number,
  minutes,
  current,
  text,
  conflict,
  failure,
  store,
}: {
  item: MeetingItem;
  number: number;
  minutes: number | null;
  current: boolean;
  text: string;
  conflict: StoreSnapshot['conflicts'][string] | undefined;
  failure: FieldFailure | undefined;
  store: MeetingNotesStore;
}) {
  const answered = text.trim() !== '';
  return (
    <Accordion.Item value={item.id} data-current={current || undefined}>
      <Accordion.Control
        icon={
          answered ? (
            <ThemeIcon color="teal" variant="light" radius="xl" size={30} aria-label="Answered">
              <IconCircleCheck size={18} />
            </ThemeIcon>
          ) : (
            <ThemeIcon color="gray" variant="light" radius="xl" size={30}>
              <Text size="sm" fw={700}>
                {number}
              </Text>
            </ThemeIcon>
          )
        }
      >
        <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
          <Text fw={600} fz={{ base: 18, sm: 19 }} lh={1.3}>
            {item.text}
          </Text>
          <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
            {current && <NowBadge />}
            {conflict && (
              <Badge color="orange" variant="light">
                Choose
              </Badge>
            )}
            {failure && (
              <Badge color="red" variant="light">
                Not synced
              </Badge>
            )}
            {minutes !== null && (
              <Text size="sm" c="dimmed" className={classes.tabular}>
                {minutes} min
              </Text>
            )}
          </Stack>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          {conflict && <ConflictChoice conflict={conflict} onKeepMine={() => store.keepMine(item.id)} onTakeTheirs={() => store.takeTheirs(item.id)} />}
          {failure && <FailureNotice failure={failure} />}
          <Textarea
            aria-label={`Answer: ${item.text}`}
            placeholder="What they said…"
            value={text}
            maxLength={MAX_ANSWER_CHARS}
            onChange={(event) => store.edit(item.id, event.currentTarget.value, item.text)}
            autosize
            minRows={5}
            maxRows={16}
            size="lg"
          />
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function NotesField({
  text,
  conflict,
  failure,
  store,
}: {
  text: string;
  conflict: StoreSnapshot['conflicts'][string] | undefined;
  failure: FieldFailure | undefined;
  store: MeetingNotesStore;
}) {
  return (
    <Paper p="md" mt="xs">
      <Group gap="xs" mb="xs">
        <IconMessageCircle size={20} />
        <Text fw={650} fz={18} component="label" htmlFor="meeting-notes">
          Notes
        </Text>
      </Group>
      {conflict && (
        <Box mb="sm">
          <ConflictChoice conflict={conflict} onKeepMine={() => store.keepMine(NOTES_FIELD)} onTakeTheirs={() => store.takeTheirs(NOTES_FIELD)} />
        </Box>
      )}
      {failure && (
        <Box mb="sm">
          <FailureNotice failure={failure} />
        </Box>
      )}
      <Textarea
        id="meeting-notes"
        placeholder="Names they gave, books, events, anything else…"
        value={text}
        maxLength={MAX_NOTES_CHARS}
        onChange={(event) => store.edit(NOTES_FIELD, event.currentTarget.value)}
        autosize
        minRows={4}
        maxRows={16}
        size="lg"
      />
    </Paper>
  );
}

/** A text the server refused, still on this phone. */
function FailureNotice({ failure }: { failure: FieldFailure }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Not synced — kept on this phone" role="alert">
      <Text size="sm">
        {failure.message} {failure.kind === 'refused' ? 'Edit the text and it is sent again.' : 'Copy the text somewhere safe.'}
      </Text>
    </Alert>
  );
}

/**
 * Answers typed on this phone for questions since dropped from the agenda
 * (on another device): the server has nowhere to put them, so they stay here,
 * in full, until the seeker moves them to the notes.
 */
function DroppedAnswers({
  answers,
  notesInConflict,
  store,
}: {
  answers: { field: string; question: string | null; text: string }[];
  notesInConflict: boolean;
  store: MeetingNotesStore;
}) {
  const one = answers.length === 1;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={20} />}
      radius="lg"
      role="alert"
      title={one ? 'An answer for a question no longer on the agenda is kept here' : 'Answers for questions no longer on the agenda are kept here'}
    >
      <Text size="sm" mb="sm">
        {one ? 'The question was' : 'The questions were'} removed on another device before {one ? 'this answer' : 'these answers'} synced. Nothing is
        lost: move {one ? 'it' : 'them'} to your notes to sync, or copy {one ? 'it' : 'them'}.
      </Text>
      <Stack gap="sm">
        {answers.map(({ field, question, text }) => (
          <Paper key={field} p="sm" withBorder data-testid="dropped-answer">
            {question && (
              <Text size="sm" fw={650} mb={4}>
                {question}
              </Text>
            )}
            <Text size="sm" className={classes.preserve} data-testid="dropped-answer-text">
              {text}
            </Text>
            <Group mt="sm" gap="sm">
              <Button size="sm" color="orange" leftSection={<IconNotes size={16} />} disabled={notesInConflict} onClick={() => store.moveToNotes(field)}>
                Move to notes
              </Button>
              <CopyButton value={question ? `${question}\n${text}` : text}>
                {({ copied, copy }) => (
                  <Button size="sm" variant="default" leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            {notesInConflict && (
              <Text size="xs" c="dimmed" mt={4}>
                Choose a version of the notes first.
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
    </Alert>
  );
}

function ConflictChoice({
  conflict,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: { mine: string; theirs: string };
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  return (
    <Alert color="orange" variant="light" icon={<IconGitMerge size={20} />} title="Changed on another device" role="alert">
      <Text size="sm" mb="xs">
        Nothing was overwritten. Choose which text to keep.
      </Text>
      <Stack gap="xs">
        <Box>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            On this phone
          </Text>
          <Text size="sm" className={classes.preserve} data-testid="conflict-mine">
            {conflict.mine || '(empty)'}
          </Text>
        </Box>
        <Box>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            Saved elsewhere
          </Text>
          <Text size="sm" className={classes.preserve} data-testid="conflict-theirs">
            {conflict.theirs || '(empty)'}
          </Text>
        </Box>
      </Stack>
      <Group mt="sm" gap="sm">
        <Button size="sm" color="orange" onClick={onKeepMine}>
          Keep mine
        </Button>
        <Button size="sm" variant="default" onClick={onTakeTheirs}>
          Use the other
        </Button>
      </Group>
    </Alert>
  );
}

// ---------------------------------------------------------------------------
// Ending

function EndMeetingButton({ contactName, timeUp, ending, onEnd }: { contactName: string; timeUp: boolean; ending: boolean; onEnd: () => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button size="xl" fullWidth color="red" variant={timeUp ? 'filled' : 'light'} leftSection={<IconAlarm size={22} />} onClick={open} mt="sm">
        End meeting
      </Button>
      <Modal opened={opened} onClose={close} title="End the meeting?">
        <Text size="sm" mb="lg">
          The meeting with {contactName} is marked held. Your notes stay here and keep syncing; you can still finish them.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Not yet
          </Button>
          <Button
            color="red"
            loading={ending}
            onClick={() => {
              onEnd();
              close();
            }}
          >
            End meeting
          </Button>
        </Group>
      </Modal>
    </>
  );
}
