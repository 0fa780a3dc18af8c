import { Alert, Anchor, Avatar, Badge, Button, Card, Grid, Group, Skeleton, Stack, Stepper, Text, Title, Tooltip, useMatches } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconBrandLinkedin, IconCheck, IconGitMerge, IconNotes, IconPencil, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Interview, TimelineEntry } from '@shared/plan-api.ts';
import type { InterviewEventKind, InterviewStage } from '@core/interview-stages.ts';
import { deleteInterview, getInterviewTimeline, isApiError, queryKeys } from '../api/index.ts';
import { ConfirmDeleteModal } from '../ui/ConfirmDeleteModal.tsx';
import { DetailList } from '../ui/DetailList.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { MarkdownView } from '../ui/MarkdownView.tsx';
import { NotesInput } from '../ui/NotesInput.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { PrepareCard, showsPrepareCard } from '../prepare/PrepareCard.tsx';
import { formatInstant, formatInstantDate } from './dates.ts';
import { CHANNEL_LABELS, EVENT_META, MAIN_STAGES, STAGE_META, StageBadge, isExit, responsivenessMeta } from './interviewParts.tsx';
import { InterviewTimeline } from './InterviewTimeline.tsx';
import { MeetingModeButton } from '../meeting/MeetingModeButton.tsx';
import { RecordEventModal, type EventRequest, type RecordableKind } from './RecordEventModal.tsx';
import { RequestComposer } from './RequestComposer.tsx';
import { ScheduleCard, showsScheduleCard } from './ScheduleCard.tsx';
import { StayInTouchCard } from './StayInTouchCard.tsx';
import { AfterCard } from '../after/AfterCard.tsx';
import { interviewQuery, useInterviewWrite } from './useInterviewWrite.ts';

export function InterviewPage() {
  const { id = '' } = useParams();
  const query = useQuery(interviewQuery(id));
  useDocumentTitle(query.data ? `${query.data.contact.name} · Interviews · Rapport` : 'Interview · Rapport');

  if (query.error && !query.data) {
    return <LoadError error={query.error} onRetry={() => void query.refetch()} back={{ to: '/interviews', label: 'All interviews' }} />;
  }
  if (!query.data) {
    return (
      <Stack>
        <Skeleton h={20} w={120} />
        <Group>
          <Skeleton h={56} w={56} circle />
          <Skeleton h={36} w={260} />
        </Group>
        <Skeleton h={90} />
        <Skeleton h={260} />
      </Stack>
    );
  }
  return <InterviewView interview={query.data} />;
}

function InterviewView({ interview }: { interview: Interview }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [eventRequest, setEventRequest] = useState<EventRequest | null>(null);
  const [confirming, { open, close }] = useDisclosure(false);
  const [deleting, setDeleting] = useState(false);
  const timeline = useQuery({
    queryKey: queryKeys.interviews.timeline(interview.id),
    queryFn: ({ signal }) => getInterviewTimeline(interview.id, signal),
  });
  const { contact, organization, stage } = interview;
  const idea = stage === 'idea';
  const responsiveness = contact.responsiveness ? responsivenessMeta(contact.responsiveness) : null;

  const remove = async () => {
    setDeleting(true);
    try {
      await deleteInterview(interview.id, interview.version);
      queryClient.removeQueries({ queryKey: queryKeys.interviews.detail(interview.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.interviews.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.targets.all });
      notifySuccess(`The interview with ${contact.name} was deleted. The contact was kept.`, 'Interview deleted');
      navigate('/interviews');
    } catch (error) {
      notifyError(error, 'The interview was not deleted');
      if (isApiError(error, 'VERSION_CONFLICT')) void queryClient.invalidateQueries({ queryKey: queryKeys.interviews.detail(interview.id) });
      setDeleting(false);
      close();
    }
  };

  const composer = <RequestComposer key={interview.id} interview={interview} prominent={idea} onMarkSent={setEventRequest} />;

  return (
    <>
      <PageHeader
        back={{ to: '/interviews', label: 'Interviews' }}
        leading={<Avatar name={contact.name} color="initials" radius="xl" size={56} />}
        title={
          <Anchor component={Link} to={`/contacts/${contact.id}`} inherit c="var(--mantine-color-text)">
            {contact.name}
          </Anchor>
        }
        description={
          <Group gap="xs" wrap="wrap" mt={2}>
            <StageBadge stage={stage} size="md" />
            {organization && (
              <Anchor component={Link} to={`/organizations/${organization.id}`} size="sm">
                {organization.name}
              </Anchor>
            )}
            {responsiveness && (
              <Tooltip label={responsiveness.explain} multiline w={260} withArrow events={{ hover: true, focus: true, touch: true }}>
                <Badge variant="dot" color={responsiveness.color} tabIndex={0} style={{ cursor: 'help' }}>
                  {responsiveness.label}
                </Badge>
              </Tooltip>
            )}
            {interview.hostInvitedAgain && (
              <Badge variant="light" color="grape">
                Invited again
              </Badge>
            )}
          </Group>
        }
        actions={
          <>
            <MeetingModeButton interview={interview} />
            <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={open}>
              Delete
            </Button>
          </>
        }
      />

      <Stack gap="lg">
        <StageStepper interview={interview} entries={timeline.data?.items ?? []} />
        {idea && composer}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="lg">
              <ActionsCard interview={interview} onRecord={setEventRequest} />
              <ScheduleCard interview={interview} onRecord={setEventRequest} />
              <AfterCard interview={interview} />
              {showsPrepareCard(interview) && <PrepareCard interview={interview} />}
              <StayInTouchCard interview={interview} />
              {!idea && composer}
              <InterviewTimeline interviewId={interview.id} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="lg">
              <DetailsCard interview={interview} />
              <NotesCard interview={interview} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>

      <RecordEventModal interview={interview} request={eventRequest} onClose={() => setEventRequest(null)} />
      <ConfirmDeleteModal
        opened={confirming}
        onClose={close}
        onConfirm={() => void remove()}
        loading={deleting}
        title={`Delete the interview with ${contact.name}?`}
        confirmLabel="Delete interview"
      >
        Its draft, notes, timeline and follow-up tasks will be removed. {contact.name} stays in your contacts. This cannot be undone.
      </ConfirmDeleteModal>
    </>
  );
}

// ---------------------------------------------------------------------------
// Where it stands

/** The last stage on the main path the interview reached, read from its events (or its dates when they are not loaded). */
function lastMainStage(interview: Interview, entries: TimelineEntry[]): InterviewStage {
  if (!isExit(interview.stage)) return interview.stage;
  let last: InterviewStage = 'idea';
  for (const entry of entries) if (!isExit(entry.stage)) last = entry.stage;
  if (entries.length > 0) return last;
  if (interview.thankedAt) return 'thanked';
  if (interview.heldAt) return 'held';
  if (interview.meetingAt) return 'scheduled';
  if (interview.requestSentAt) return 'requested';
  return 'idea';
}

function stageDates(interview: Interview, entries: TimelineEntry[]): Partial<Record<InterviewStage, string>> {
  const reached: Partial<Record<InterviewStage, string>> = {};
  for (const entry of entries) reached[entry.stage] ??= entry.occurredAt;
  return {
    ...reached,
    idea: interview.createdAt,
    ...(interview.requestSentAt ? { requested: interview.requestSentAt } : {}),
    ...(interview.heldAt ? { held: interview.heldAt } : {}),
    ...(interview.thankedAt ? { thanked: interview.thankedAt } : {}),
  };
}

function StageStepper({ interview, entries }: { interview: Interview; entries: TimelineEntry[] }) {
  // Wide screens name every stage; narrower ones show the icons and say in words where it stands.
  const wide = useMatches({ base: false, md: true });
  const { stage } = interview;
  const exit = isExit(stage);
  const reached = MAIN_STAGES.indexOf(lastMainStage(interview, entries) as (typeof MAIN_STAGES)[number]);
  const dates = stageDates(interview, entries);
  const steps: InterviewStage[] = exit ? [...MAIN_STAGES.slice(0, reached + 1), stage] : [...MAIN_STAGES];
  // A stage reached is done; the next one is what the seeker works toward.
  const active = exit ? steps.length : reached + 1;
  const next = !exit ? MAIN_STAGES[reached + 1] : undefined;

  const description = (step: InterviewStage): ReactNode => {
    if (step === 'scheduled' && interview.meetingAt && !exit) return `Meets ${formatInstantDate(interview.meetingAt)}`;
    const at = dates[step];
    const index = steps.indexOf(step);
    return at && index < active ? formatInstantDate(at) : null;
  };

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-label={`Stage: ${STAGE_META[stage].label}`}>
      <Stepper
        active={active}
        size={wide ? 'sm' : 'xs'}
        iconSize={wide ? 32 : 26}
        labelPosition={wide ? 'bottom' : 'right'}
        wrap={false}
        allowNextStepsSelect={false}
        completedIcon={<IconCheck size={wide ? 16 : 14} stroke={2.4} />}
        styles={{ stepDescription: { whiteSpace: 'nowrap' }, separator: wide ? { marginInline: 4 } : { marginInline: 2 } }}
      >
        {steps.map((step) => {
          const meta = STAGE_META[step];
          const StepIcon = meta.icon;
          const exitStep = isExit(step);
          return (
            <Stepper.Step
              key={step}
              aria-label={meta.label}
              label={wide ? meta.label : undefined}
              description={wide ? description(step) : undefined}
              icon={<StepIcon size={wide ? 15 : 13} stroke={1.8} />}
              {...(exitStep ? { color: meta.color === 'dark' ? 'gray' : meta.color, completedIcon: <StepIcon size={wide ? 16 : 14} stroke={2} /> } : {})}
            />
          );
        })}
      </Stepper>
      {!wide && (
        <Text size="sm" mt="sm">
          <b>{STAGE_META[stage].label}</b>
          {description(stage) && <Text span c="dimmed" size="sm">{` · ${description(stage) as string}`}</Text>}
          {next && (
            <Text span c="dimmed" size="sm">
              {` · next: ${STAGE_META[next].label.toLowerCase()}`}
            </Text>
          )}
        </Text>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------------------
// What happened next

const PROGRESS_ORDER: RecordableKind[] = ['request_sent', 'reply_received', 'slots_proposed', 'scheduled', 'confirmed', 'held', 'thanked', 'staying_in_touch'];

function guidance(interview: Interview): ReactNode {
  const first = interview.contact.name.split(' ')[0] ?? interview.contact.name;
  const where = interview.organization ? `at ${interview.organization.name}` : 'in the same field';
  switch (interview.stage) {
    case 'idea':
      return 'Write your request above, send it from your own mail or LinkedIn, then mark it as sent: the follow-up clock starts then.';
    case 'requested':
      if (interview.proposedSlots?.length) return `You offered ${first} ${interview.proposedSlots.length} times. When they pick one, record it below.`;
      if (interview.replyAnswer === 'yes') return `${first} said yes. Propose two or three times in their time zone, then record the one they pick.`;
      if (interview.followUpSentAt) {
        return `You followed up on ${formatInstantDate(interview.followUpSentAt)}: that was the one follow-up. If ${first} stays silent 7 more business days, this closes as “no reply” on its own.`;
      }
      return `Waiting for a reply. Rapport will remind you on Today: after 3 business days, try a second contact ${where}; after 7, send ${first} one polite follow-up.`;
    case 'scheduled':
      return interview.meetingAt
        ? `You meet on ${formatInstant(interview.meetingAt)}. Confirm by message the day before: Today reminds you, with a message ready to send.`
        : 'Confirm by message the day before.';
    case 'confirmed':
      return interview.meetingAt ? `Confirmed for ${formatInstant(interview.meetingAt)}. Keep to the agreed time, even if questions remain.` : 'Confirmed.';
    case 'held':
      return `Write up what you learned today, and send ${first} a thank-you within 24 hours that names something specific they said.`;
    case 'thanked':
      return `Stay in touch: a short note to ${first} in about 8 weeks, then every few months, with something of value to them. Today reminds you.`;
    case 'staying_in_touch':
      return 'Share something of value now and then: an article, an event, how their advice turned out.';
    case 'no_reply':
      return `${first} never replied, even after your follow-up. 3B7 says move on: try someone else ${where}. If they write back later, log the reply.`;
    case 'declined':
      return `${first} said no. Thank them for answering; you might ask whether someone else would talk to you.`;
    case 'cancelled':
      return 'This interview was cancelled.';
  }
}

function actionLabel(kind: RecordableKind, interview: Interview): string {
  if (kind === 'scheduled' && interview.meetingAt) return 'Reschedule';
  if (kind === 'reply_received' && interview.stage === 'no_reply') return 'They replied after all';
  return EVENT_META[kind].action;
}

function ActionsCard({ interview, onRecord }: { interview: Interview; onRecord: (request: EventRequest) => void }) {
  // The scheduling card owns proposing, scheduling and (once a meeting is set) cancelling; the stay-in-touch card, sharing.
  const scheduling = showsScheduleCard(interview);
  const meetingSet = interview.meetingAt !== null && (interview.stage === 'scheduled' || interview.stage === 'confirmed');
  const allowed = interview.allowedEvents.filter(
    (kind): kind is RecordableKind =>
      kind !== 'created' &&
      kind !== 'value_shared' &&
      !(scheduling && (kind === 'slots_proposed' || kind === 'scheduled')) &&
      !(meetingSet && kind === 'cancelled'),
  );
  const primary = PROGRESS_ORDER.find(
    (kind) =>
      allowed.includes(kind) &&
      !(kind === 'reply_received' && interview.replyAnswer) &&
      !(kind === 'scheduled' && interview.meetingAt) &&
      // After the thank-you, sharing something of value (its own card) is the next step.
      kind !== 'staying_in_touch',
  );
  const exits = new Set<InterviewEventKind>(['no_reply', 'cancelled']);

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-next">
      <Title order={2} fz="md" id="interview-next">
        {allowed.length > 0 ? 'Next step' : 'Where it stands'}
      </Title>
      <Text size="sm" c="dimmed" mt={4}>
        {guidance(interview)}
      </Text>
      {allowed.length > 0 && (
        <>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="md" mb={8} style={{ letterSpacing: '0.04em' }}>
            Record what happened
          </Text>
          <Group gap="sm" wrap="wrap">
            {allowed.map((kind) => {
              const meta = EVENT_META[kind];
              const KindIcon = meta.icon;
              const exit = exits.has(kind);
              return (
                <Button
                  key={kind}
                  variant={kind === primary ? 'filled' : exit ? 'subtle' : 'default'}
                  color={exit ? (kind === 'cancelled' ? 'red' : 'orange') : undefined}
                  leftSection={<KindIcon size={16} />}
                  onClick={() => onRecord({ kind })}
                >
                  {actionLabel(kind, interview)}
                </Button>
              );
            })}
          </Group>
        </>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------------------
// Facts and notes

function DetailsCard({ interview }: { interview: Interview }) {
  const { contact, organization } = interview;
  const dimmed = (text: string) => (
    <Text size="sm" c="dimmed" component="span">
      {text}
    </Text>
  );
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-details">
      <Title order={2} fz="md" mb="md" id="interview-details">
        Details
      </Title>
      <DetailList
        items={[
          {
            label: 'Contact',
            value: (
              <Stack gap={2}>
                <Anchor component={Link} to={`/contacts/${contact.id}`} size="sm">
                  {contact.name}
                </Anchor>
                {contact.emails.map((email) => (
                  <Anchor key={email} href={`mailto:${email}`} size="sm" c="dimmed">
                    {email}
                  </Anchor>
                ))}
                {contact.linkedinUrl && (
                  <Anchor href={contact.linkedinUrl} target="_blank" rel="noopener noreferrer" size="sm" c="dimmed">
                    <Group gap={4} wrap="nowrap" component="span">
                      <IconBrandLinkedin size={15} stroke={1.6} />
                      LinkedIn
                    </Group>
                  </Anchor>
                )}
              </Stack>
            ),
          },
          {
            label: 'Organization',
            value: organization ? (
              <Anchor component={Link} to={`/organizations/${organization.id}`} size="sm">
                {organization.name}
              </Anchor>
            ) : null,
          },
          {
            label: 'Request sent',
            value: interview.requestSentAt
              ? `${formatInstant(interview.requestSentAt)}${interview.requestChannel ? ` · ${CHANNEL_LABELS[interview.requestChannel]}` : ''}`
              : dimmed('Not yet'),
          },
          ...(interview.followUpSentAt ? [{ label: 'Follow-up sent', value: formatInstant(interview.followUpSentAt) }] : []),
          ...(interview.requestSentAt
            ? [
                {
                  label: 'Reply',
                  value: interview.repliedAt
                    ? `${interview.replyAnswer === 'no' ? 'No' : 'Yes'} · ${formatInstant(interview.repliedAt)}`
                    : dimmed('None yet'),
                },
              ]
            : []),
          ...(interview.meetingAt ? [{ label: 'Meeting', value: formatInstant(interview.meetingAt) }] : []),
          ...(interview.heldAt ? [{ label: 'Held', value: formatInstant(interview.heldAt) }] : []),
          ...(interview.thankedAt ? [{ label: 'Thanked', value: formatInstant(interview.thankedAt) }] : []),
          ...(interview.lastTouchAt ? [{ label: 'Last touch', value: formatInstant(interview.lastTouchAt) }] : []),
          { label: 'Started', value: formatInstantDate(interview.createdAt) },
        ]}
      />
    </Card>
  );
}

function NotesCard({ interview }: { interview: Interview }) {
  const { patch, reload } = useInterviewWrite(interview);
  const [draft, setDraft] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const save = async () => {
    if (draft === null) return;
    setConflict(false);
    setError(undefined);
    try {
      await patch.mutateAsync({ notes: draft });
      setDraft(null);
    } catch (failure) {
      // The text stays: once the latest version is loaded, saving again puts it on top.
      if (isApiError(failure, 'VERSION_CONFLICT')) {
        setConflict(true);
        void reload();
      } else if (isApiError(failure, 'VALIDATION_FAILED')) {
        setError(failure.issues.find((issue) => issue.field === 'notes')?.message ?? failure.message);
      } else {
        notifyError(failure, 'Your notes were not saved');
      }
    }
  };

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-notes">
      <Group justify="space-between" mb="sm" gap="sm">
        <Title order={2} fz="md" id="interview-notes">
          Notes
        </Title>
        {draft === null && (
          <Button size="xs" variant="default" leftSection={<IconPencil size={15} />} onClick={() => setDraft(interview.notes ?? '')}>
            {interview.notes ? 'Edit' : 'Write'}
          </Button>
        )}
      </Group>
      {draft !== null ? (
        <Stack gap="sm">
          {conflict && (
            <Alert color="orange" variant="light" icon={<IconGitMerge size={20} />} title="Changed elsewhere" role="alert">
              <Text size="sm">
                Your notes were <b>not</b> saved, and nothing was overwritten. The latest version is loaded now: save again to replace its
                notes with yours, or cancel to keep them.
              </Text>
            </Alert>
          )}
          <NotesInput value={draft} onChange={setDraft} error={error} placeholder="What you want to learn, what they said, names they gave…" />
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                setDraft(null);
                setConflict(false);
                setError(undefined);
              }}
              disabled={patch.isPending}
            >
              Cancel
            </Button>
            <Button onClick={() => void save()} loading={patch.isPending}>
              Save notes
            </Button>
          </Group>
        </Stack>
      ) : interview.notes ? (
        <MarkdownView>{interview.notes}</MarkdownView>
      ) : (
        <Group gap="xs" c="dimmed" wrap="nowrap" align="flex-start">
          <IconNotes size={18} stroke={1.5} style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm">
            No notes yet.{' '}
            <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setDraft('')}>
              Write down what you want to learn from them
            </Anchor>
          </Text>
        </Group>
      )}
    </Card>
  );
}
