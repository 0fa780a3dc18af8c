import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Textarea,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowDown,
  IconArrowUp,
  IconClockHour4,
  IconGitMerge,
  IconListCheck,
  IconPencil,
  IconPlus,
  IconSearch,
  IconX,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Interview } from '@shared/plan-api.ts';
import type { AgendaBlock, AgendaItem, PlannedQuestion, PrepareView } from '@shared/prepare-api.ts';
import { getPrepare, isApiError, prepareKeys, queryKeys, setAgenda, updateResearch } from '../api/index.ts';
import { acceptInterview } from '../interviews/useInterviewWrite.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { MarkdownView } from '../ui/MarkdownView.tsx';
import { notifyError } from '../ui/notify.tsx';
import { QuestionPickerModal } from './QuestionPickerModal.tsx';
import { ReadilyAvailableBadge, TiaraBadge } from './questionParts.tsx';

/** Preparing matters from the request on; once met, the plan stays for reference. */
export function showsPrepareCard(interview: Interview): boolean {
  return ['requested', 'scheduled', 'confirmed', 'held'].includes(interview.stage);
}

type AgendaChange = { kind: 'move'; itemId: string; by: -1 | 1 } | { kind: 'remove'; itemId: string } | { kind: 'replace'; questionIds: string[] };

/** The picked bank questions after a change, computed from the latest list so quick clicks build on each other. */
function questionIdsAfter(items: AgendaItem[], change: AgendaChange): string[] {
  const ids = items.flatMap((item) => (item.questionId ? [item.questionId] : []));
  if (change.kind === 'replace') return change.questionIds;
  const item = items.find((i) => i.id === change.itemId);
  if (!item?.questionId) return ids;
  const from = ids.indexOf(item.questionId);
  if (change.kind === 'remove') return ids.filter((id) => id !== item.questionId);
  const to = from + change.by;
  if (to < 0 || to >= ids.length) return ids;
  const next = [...ids];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

const minuteRange = (start: number, end: number) => `${start}–${end} min`;

/**
 * The interview's preparation: research notes on the person and the
 * organization, questions picked from the bank in priority order, and the
 * agenda planned for the time box, with what will not fit and what a search
 * would answer.
 */
export function PrepareCard({ interview }: { interview: Interview }) {
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<number>(30);
  const [picking, setPicking] = useState(false);
  const [conflict, setConflict] = useState(false);
  const minutes = interview.meetingMinutes === null ? preview : undefined;
  const key: QueryKey = prepareKeys.prepare(interview.id, minutes);
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => getPrepare(interview.id, minutes, signal), placeholderData: (previous) => previous });

  const agenda = useMutation({
    scope: { id: `agenda:${interview.id}` },
    mutationFn: async (change: AgendaChange) => {
      const current = queryClient.getQueryData<PrepareView>(key) ?? query.data;
      if (!current) throw new Error('The questions are not loaded yet.');
      return setAgenda(interview.id, { agendaVersion: current.agendaVersion, questionIds: questionIdsAfter(current.items, change), minutes });
    },
    onSuccess: (saved) => {
      setConflict(false);
      queryClient.setQueryData(key, saved);
      void queryClient.invalidateQueries({ queryKey: prepareKeys.prepareAll(interview.id), predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(key) });
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: prepareKeys.prepareAll(interview.id) });
      } else {
        notifyError(error, 'The questions were not changed');
      }
    },
  });

  const data = query.data;
  const fits = new Map<string, PlannedQuestion>(data?.plan.questions.map((q) => [q.id, q]) ?? []);

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-prepare">
      <Group justify="space-between" gap="sm" mb="xs" wrap="wrap">
        <Group gap={8} wrap="nowrap">
          <IconListCheck size={20} stroke={1.7} />
          <Title order={2} fz="md" id="interview-prepare">
            Prepare
          </Title>
        </Group>
        {interview.meetingMinutes === null ? (
          <SegmentedControl
            size="xs"
            value={String(preview)}
            onChange={(value) => setPreview(Number(value))}
            data={[
              { value: '20', label: '20 min' },
              { value: '30', label: '30 min' },
            ]}
            aria-label="Meeting length to plan for"
          />
        ) : (
          <Badge variant="light" leftSection={<IconClockHour4 size={12} />}>
            {interview.meetingMinutes}-minute meeting
          </Badge>
        )}
      </Group>

      {query.error && !data ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Stack gap="sm">
          <Skeleton h={24} w="60%" />
          <Skeleton h={140} />
        </Stack>
      ) : (
        <Stack gap="md">
          <Box>
            <Text fw={650} size="lg" data-testid="agenda-summary">
              {data.plan.summary}
            </Text>
            <Progress.Root size="md" mt={6} aria-hidden>
              <Progress.Section value={(Math.min(data.plan.total, data.plan.capacity) / Math.max(1, data.plan.capacity)) * 100} color="brand" />
            </Progress.Root>
            <Text size="xs" c="dimmed" mt={6}>
              2 min to thank them and confirm the end time, 2 to introduce yourself, about 3 per question, and the last 4 for “who else
              should I talk to?” and thanks.
            </Text>
          </Box>

          {conflict && (
            <Alert color="orange" variant="light" icon={<IconGitMerge size={20} />} title="Changed elsewhere" role="alert">
              The questions were changed in another tab. Nothing was overwritten: the latest list is shown now, apply your change again.
            </Alert>
          )}

          <Tabs defaultValue="questions" keepMounted={false}>
            <Tabs.List grow>
              <Tabs.Tab value="questions">Questions ({data.items.length})</Tabs.Tab>
              <Tabs.Tab value="agenda">Agenda</Tabs.Tab>
              <Tabs.Tab value="research">Research</Tabs.Tab>
            </Tabs.List>

            <Tabs.Panel value="questions" pt="md">
              <Stack gap="md">
                <Warnings view={data} />
                {data.items.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Pick the questions you most want answered from your{' '}
                    <Anchor component={Link} to="/questions" size="sm">
                      question bank
                    </Anchor>
                    , most important first. The agreed time comes first: what does not fit waits for another conversation.
                  </Text>
                ) : (
                  <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Questions, most important first">
                    {data.items.map((item, index) => (
                      <ItemRow
                        key={item.id}
                        item={item}
                        planned={fits.get(item.id)}
                        first={index === 0}
                        last={index === data.items.length - 1}
                        busy={agenda.isPending}
                        onChange={(change) => agenda.mutate(change)}
                      />
                    ))}
                  </Stack>
                )}
                <Group gap="sm">
                  <Button variant={data.items.length === 0 ? 'filled' : 'default'} leftSection={<IconPlus size={16} />} onClick={() => setPicking(true)}>
                    {data.items.length === 0 ? 'Pick questions' : 'Pick or remove questions'}
                  </Button>
                </Group>
              </Stack>
            </Tabs.Panel>

            <Tabs.Panel value="agenda" pt="md">
              <AgendaTimeline blocks={data.plan.blocks} />
            </Tabs.Panel>

            <Tabs.Panel value="research" pt="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
                <ResearchNote interview={interview} view={data} field="researchPerson" title={`About ${interview.contact.name}`} />
                <ResearchNote
                  interview={interview}
                  view={data}
                  field="researchOrganization"
                  title={interview.organization ? `About ${interview.organization.name}` : 'About the organization'}
                />
              </SimpleGrid>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}

      {data && (
        <QuestionPickerModal
          opened={picking}
          onClose={() => setPicking(false)}
          selected={data.items.flatMap((item) => (item.questionId ? [item.questionId] : []))}
          capacity={data.plan.capacity}
          minutes={data.minutes}
          saving={agenda.isPending}
          onSave={(questionIds) => agenda.mutate({ kind: 'replace', questionIds }, { onSuccess: () => setPicking(false) })}
        />
      )}
    </Card>
  );
}

function Warnings({ view }: { view: PrepareView }) {
  const readily = view.plan.warnings.filter((w) => w.kind === 'readily_available');
  const notFit = view.plan.warnings.find((w) => w.kind === 'will_not_fit');
  if (readily.length === 0 && !notFit) return null;
  return (
    <Stack gap="xs">
      {notFit && (
        <Alert color="orange" variant="light" icon={<IconClockHour4 size={18} />} p="sm">
          <Text size="sm">{notFit.message}</Text>
        </Alert>
      )}
      {readily.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconSearch size={18} />} p="sm" title="Look these up instead">
          <Stack gap={4}>
            {readily.map((w) => (
              <Text size="sm" key={w.questionId}>
                {w.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

function ItemRow({
  item,
  planned,
  first,
  last,
  busy,
  onChange,
}: {
  item: AgendaItem;
  planned: PlannedQuestion | undefined;
  first: boolean;
  last: boolean;
  busy: boolean;
  onChange: (change: AgendaChange) => void;
}) {
  const fits = planned?.fits ?? false;
  const answered = item.answer !== null && item.answer.trim() !== '';
  const movable = item.questionId !== null;
  return (
    <Box
      component="li"
      p="sm"
      data-fits={fits || undefined}
      aria-label={`${item.position + 1}. ${item.text}${fits ? '' : ' (will not fit)'}`}
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-md)',
        borderStyle: fits ? 'solid' : 'dashed',
        background: fits ? undefined : 'var(--mantine-color-default-hover)',
      }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Badge circle size="lg" variant={fits ? 'light' : 'default'} color={fits ? 'brand' : 'gray'} style={{ flexShrink: 0 }}>
          {item.position + 1}
        </Badge>
        <Box miw={0} style={{ flex: 1 }}>
          <Text size="sm" c={fits ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
            {item.text}
          </Text>
          <Group gap="xs" mt={6} justify="space-between" wrap="wrap">
            <Group gap={6} wrap="wrap">
              {fits && planned?.startMinute != null && planned.endMinute != null ? (
                <Badge variant="default" size="sm" leftSection={<IconClockHour4 size={11} />}>
                  {minuteRange(planned.startMinute, planned.endMinute)}
                </Badge>
              ) : (
                <Badge variant="filled" color="gray" size="sm">
                  Will not fit
                </Badge>
              )}
              {item.tiara && <TiaraBadge tiara={item.tiara} />}
              {item.readilyAvailable && <ReadilyAvailableBadge />}
              {answered && (
                <Badge variant="light" color="teal" size="sm">
                  Answered
                </Badge>
              )}
            </Group>
            {movable && (
              <Group gap={2} wrap="nowrap" ml="auto">
                <ActionIcon variant="subtle" color="gray" aria-label={`Move up: ${item.text}`} disabled={first || busy} onClick={() => onChange({ kind: 'move', itemId: item.id, by: -1 })}>
                  <IconArrowUp size={17} />
                </ActionIcon>
                <ActionIcon variant="subtle" color="gray" aria-label={`Move down: ${item.text}`} disabled={last || busy} onClick={() => onChange({ kind: 'move', itemId: item.id, by: 1 })}>
                  <IconArrowDown size={17} />
                </ActionIcon>
                <Tooltip label={answered ? 'It has an answer from the meeting' : 'Remove'} withArrow>
                  <ActionIcon variant="subtle" color="gray" aria-label={`Remove: ${item.text}`} disabled={answered || busy} onClick={() => onChange({ kind: 'remove', itemId: item.id })}>
                    <IconX size={17} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            )}
          </Group>
        </Box>
      </Group>
    </Box>
  );
}

const BLOCK_COLOR: Record<AgendaBlock['kind'], string> = { opening: 'gray', introduction: 'gray', question: 'brand', spare: 'gray', closing: 'orange' };

function AgendaTimeline({ blocks }: { blocks: AgendaBlock[] }) {
  return (
    <Timeline bulletSize={22} lineWidth={2} active={blocks.length} aria-label="Timed agenda">
      {blocks.map((block, index) => (
        <Timeline.Item
          key={`${block.kind}-${block.startMinute}`}
          color={BLOCK_COLOR[block.kind]}
          lineVariant={block.kind === 'spare' ? 'dashed' : 'solid'}
          bullet={
            <Text size="10px" fw={700}>
              {block.kind === 'question' ? blocks.slice(0, index + 1).filter((b) => b.kind === 'question').length : block.kind === 'closing' ? '!' : '·'}
            </Text>
          }
          title={
            <Text size="sm" fw={block.kind === 'question' ? 500 : 600} c={block.kind === 'spare' ? 'dimmed' : undefined}>
              {block.title}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {minuteRange(block.startMinute, block.endMinute)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

type ResearchField = 'researchPerson' | 'researchOrganization';

function ResearchNote({ interview, view, field, title }: { interview: Interview; view: PrepareView; field: ResearchField; title: string }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  // The saved text the draft was started from: if the notes change elsewhere meanwhile, saving asks first.
  const [startedFrom, setStartedFrom] = useState('');
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const value = view[field];

  const save = useMutation({
    // The interview's own scope: research, notes and events each carry the version the previous one produced.
    scope: { id: `interview:${interview.id}` },
    mutationFn: async (text: string) => {
      const cached = queryClient.getQueryData<Interview>(queryKeys.interviews.detail(interview.id))?.version ?? 0;
      const version = Math.max(cached, interview.version, view.interviewVersion);
      const saved = await updateResearch(interview.id, { version, [field]: text });
      acceptInterview(queryClient, saved);
      return saved;
    },
    onSuccess: () => {
      setDraft(null);
      setConflict(false);
    },
    onError: (failure) => {
      if (isApiError(failure, 'VERSION_CONFLICT')) {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: queryKeys.interviews.detail(interview.id) });
        void queryClient.invalidateQueries({ queryKey: prepareKeys.prepareAll(interview.id) });
      } else if (isApiError(failure, 'VALIDATION_FAILED')) {
        setError(failure.issues[0]?.message ?? failure.message);
      } else {
        notifyError(failure, 'Your research notes were not saved');
      }
    },
  });

  const edit = () => {
    setDraft(value ?? '');
    setStartedFrom(value ?? '');
    setConflict(false);
  };
  const saveDraft = (text: string) => {
    // The interview's version moves with every event and note, so it alone cannot tell whether these notes
    // changed: the text they were started from can. A second Save puts the draft on top, knowingly.
    if (!conflict && (value ?? '') !== startedFrom) {
      setConflict(true);
      return;
    }
    setStartedFrom(value ?? '');
    save.mutate(text);
  };

  const placeholder =
    field === 'researchPerson'
      ? 'Their path (LinkedIn), what they wrote or said in public, what you have in common…'
      : 'What they do, recent news, their market and competitors: what a search answers, so you do not ask it.';

  return (
    <Box>
      <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
        <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Text>
        {draft === null && (
          <Button size="compact-xs" variant="default" leftSection={<IconPencil size={13} />} onClick={edit} aria-label={`${value ? 'Edit' : 'Write'} ${title}`}>
            {value ? 'Edit' : 'Write'}
          </Button>
        )}
      </Group>
      {draft !== null ? (
        <Stack gap="xs">
          {conflict && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} p="xs" role="alert">
              <Text size="xs">Not saved: these notes were changed elsewhere. Yours are below; save again to put them on top of the saved ones.</Text>
              {value && (
                <Text size="xs" mt={4} c="dimmed" style={{ whiteSpace: 'pre-wrap', maxHeight: '8rem', overflowY: 'auto' }} aria-label="The saved notes">
                  {value}
                </Text>
              )}
            </Alert>
          )}
          <Textarea
            aria-label={title}
            description="Markdown works"
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            error={error}
            placeholder={placeholder}
            autosize
            minRows={4}
            maxRows={14}
          />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setDraft(null)} disabled={save.isPending}>
              Cancel
            </Button>
            <Button size="xs" onClick={() => saveDraft(draft)} loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      ) : value ? (
        <MarkdownView>{value}</MarkdownView>
      ) : (
        <Text size="sm" c="dimmed">
          {placeholder}
        </Text>
      )}
    </Box>
  );
}
