import { ActionIcon, Alert, Anchor, Badge, Button, Card, Group, Modal, MultiSelect, Select, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconCheck, IconGitMerge, IconPencil, IconPlus, IconRefresh, IconTrash, IconTrophy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { OUTCOME_KINDS, type Outcome, type OutcomeKind } from '@shared/after-api.ts';
import { afterKeys, createOutcome, deleteOutcome, errorMessage, isApiError, listInterviews, listOutcomes, updateOutcome } from '../api/index.ts';
import { ConfirmDeleteModal } from '../ui/ConfirmDeleteModal.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { OUTCOME_LABELS } from './outcomeLabels.ts';

/** Leads, job interviews and offers, each linked to the conversations it came from. */
export function OutcomesPage() {
  useDocumentTitle('Outcomes · Rapport');
  const outcomes = useQuery({ queryKey: afterKeys.outcomes, queryFn: ({ signal }) => listOutcomes({}, signal) });
  return (
    <>
      <PageHeader title="Outcomes" description="Leads, job interviews and offers, and the conversations they came from." />
      <Stack gap="lg">
        <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="new-outcome">
          <Stack gap="sm">
            <Group gap="xs">
              <IconTrophy size={18} stroke={1.7} />
              <Title order={2} fz="md" id="new-outcome">
                Record an outcome
              </Title>
            </Group>
            <OutcomeForm />
          </Stack>
        </Card>
        {outcomes.error ? (
          <Alert color="red">{errorMessage(outcomes.error)}</Alert>
        ) : !outcomes.data ? (
          <Skeleton h={120} />
        ) : outcomes.data.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            Nothing recorded yet. When a conversation leads somewhere, record it here: it shows which conversations pay off.
          </Text>
        ) : (
          outcomes.data.items.map((o) => <OutcomeRow key={o.id} outcome={o} />)
        )}
      </Stack>
    </>
  );
}

const refreshOutcomeViews = async (queryClient: ReturnType<typeof useQueryClient>) => {
  await queryClient.invalidateQueries({ queryKey: ['outcomes'] });
  await queryClient.invalidateQueries({ queryKey: ['after'] });
};

function OutcomeRow({ outcome }: { outcome: Outcome }) {
  const queryClient = useQueryClient();
  const [editing, { open: openEdit, close: closeEdit }] = useDisclosure(false);
  const [confirming, { open: openConfirm, close: closeConfirm }] = useDisclosure(false);
  const remove = useMutation({
    mutationFn: () => deleteOutcome(outcome.id, outcome.version),
    onSuccess: () => {
      closeConfirm();
      notifySuccess(`“${outcome.title}” was deleted.`, 'Outcome deleted');
      void refreshOutcomeViews(queryClient);
    },
    onError: (error) => {
      closeConfirm();
      notifyError(error, 'Not deleted');
      if (isApiError(error, 'VERSION_CONFLICT')) void refreshOutcomeViews(queryClient);
    },
  });
  const meta = OUTCOME_LABELS[outcome.kind];
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="article" aria-label={outcome.title}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="xs">
            <Badge color={meta.color} variant="light">
              {meta.label}
            </Badge>
            <Text size="sm" c="dimmed">
              {outcome.occurredOn}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            <RowAction label="Edit" icon={<IconPencil size={14} />} onClick={openEdit} />
            <RowAction label="Delete" icon={<IconTrash size={14} />} color="red" loading={remove.isPending} onClick={openConfirm} />
          </Group>
        </Group>
        <Text fw={600}>{outcome.title}</Text>
        {outcome.notes && (
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {outcome.notes}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {outcome.interviews.length === 0 ? 'Not linked to a conversation' : 'From conversations with '}
          {outcome.interviews.map((i, index) => (
            <span key={i.id}>
              {index > 0 && ', '}
              <Anchor component={Link} to={`/interviews/${i.id}`} size="sm">
                {i.contact.name}
              </Anchor>
            </span>
          ))}
        </Text>
      </Stack>

      <Modal opened={editing} onClose={closeEdit} title={<Text fw={650}>Edit outcome</Text>} size="xl">
        <OutcomeForm
          outcome={outcome}
          onDone={closeEdit}
          onReload={async () => {
            await refreshOutcomeViews(queryClient);
            const latest = queryClient.getQueryData<{ items: Outcome[] }>(afterKeys.outcomes)?.items.find((o) => o.id === outcome.id);
            if (!latest) {
              closeEdit();
              notifyError(new Error('It was deleted elsewhere.'), 'Outcome gone');
            }
            return latest;
          }}
        />
      </Modal>

      <ConfirmDeleteModal
        opened={confirming}
        onClose={closeConfirm}
        onConfirm={() => remove.mutate()}
        loading={remove.isPending}
        title="Delete this outcome?"
        confirmLabel="Delete outcome"
      >
        “{outcome.title}” and its links to the conversations it came from will be removed. The conversations themselves stay. This cannot be
        undone.
      </ConfirmDeleteModal>
    </Card>
  );
}

/** A labelled button; on a phone just its icon (still named for screen readers), so the row keeps its width for the outcome. */
function RowAction({ label, icon, color, loading, onClick }: { label: string; icon: ReactNode; color?: string; loading?: boolean; onClick: () => void }) {
  return (
    <>
      <Button variant="subtle" size="xs" color={color} leftSection={icon} loading={loading} onClick={onClick} visibleFrom="xs">
        {label}
      </Button>
      <ActionIcon variant="subtle" size="lg" color={color} loading={loading} onClick={onClick} aria-label={label} hiddenFrom="xs">
        {icon}
      </ActionIcon>
    </>
  );
}

interface OutcomeFormProps {
  /** When given, the form edits this outcome instead of recording a new one. */
  outcome?: Outcome;
  /** After a successful edit (or Cancel). */
  onDone?: () => void;
  /** After a VERSION_CONFLICT: fetch the latest outcome, for the form to start again from. */
  onReload?: () => Promise<Outcome | undefined>;
}

/** Today's date where the seeker is (toISOString would give UTC's, tomorrow on an American evening). */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** Records a new outcome, or edits an existing one (sending the version it was loaded at). */
function OutcomeForm({ outcome, onDone, onReload }: OutcomeFormProps) {
  const queryClient = useQueryClient();
  const editing = outcome !== undefined;
  // The version being edited is the one the form was opened at, even if the list refreshes meanwhile.
  const [base, setBase] = useState(outcome);
  const [kind, setKind] = useState<OutcomeKind>(base?.kind ?? 'lead');
  const [title, setTitle] = useState(base?.title ?? '');
  const [occurredOn, setOccurredOn] = useState(base?.occurredOn ?? today());
  const [notes, setNotes] = useState(base?.notes ?? '');
  const [interviewIds, setInterviewIds] = useState<string[]>(base?.interviews.map((i) => i.id) ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const met = useQuery({ queryKey: ['interviews', 'list', { stage: 'met' }], queryFn: ({ signal }) => listInterviews({ stage: 'met', limit: 500 }, signal) });

  const label = (i: { contact: { name: string }; organization: { name: string } | null }) => `${i.contact.name}${i.organization ? ` (${i.organization.name})` : ''}`;
  const options = (met.data?.items ?? []).map((i) => ({ value: i.id, label: label(i) }));
  // Conversations already linked stay pickable (and named) even if they are not in the list of meetings held.
  for (const i of base?.interviews ?? []) if (!options.some((o) => o.value === i.id)) options.push({ value: i.id, label: label(i) });

  const save = useMutation({
    mutationFn: () => {
      const fields = { kind, title, occurredOn, notes: notes || null, interviewIds };
      return base ? updateOutcome(base.id, { version: base.version, ...fields }) : createOutcome(fields);
    },
    onSuccess: () => {
      setErrors({});
      if (editing) {
        notifySuccess('Your changes are saved.', 'Outcome updated');
        onDone?.();
      } else {
        setTitle('');
        setNotes('');
        setInterviewIds([]);
        notifySuccess('Linked to the conversations it came from.', 'Outcome recorded');
      }
      void refreshOutcomeViews(queryClient);
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) setConflict(true);
      else if (isApiError(error, 'VALIDATION_FAILED') || isApiError(error, 'INVALID_REFERENCE'))
        setErrors(Object.fromEntries(error.issues.map((i) => [i.field.split('.')[0] ?? i.field, i.message])));
      else notifyError(error, editing ? 'Not saved' : 'Not recorded');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setErrors({ title: 'is required' });
      return;
    }
    setErrors({});
    save.mutate();
  };
  const reload = async () => {
    setReloading(true);
    try {
      const latest = await onReload?.();
      if (!latest) return;
      setBase(latest);
      setKind(latest.kind);
      setTitle(latest.title);
      setOccurredOn(latest.occurredOn);
      setNotes(latest.notes ?? '');
      setInterviewIds(latest.interviews.map((i) => i.id));
      setErrors({});
      setConflict(false);
    } finally {
      setReloading(false);
    }
  };
  return (
    <form onSubmit={submit} aria-label={editing ? 'Edit outcome' : 'Record an outcome'}>
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" variant="light" icon={<IconGitMerge size={20} />} title="This outcome changed elsewhere — reload to see it" role="alert">
            <Text size="sm">
              It was changed in another tab or on another device since you opened it. Your edits were <b>not</b> saved, and nothing was
              overwritten.
            </Text>
            <Group mt="sm">
              <Button size="xs" color="orange" leftSection={<IconRefresh size={16} />} onClick={() => void reload()} loading={reloading}>
                Reload
              </Button>
            </Group>
          </Alert>
        )}
        <Group grow gap="sm" wrap="wrap" align="flex-start" preventGrowOverflow={false}>
          <Select
            label="Kind"
            data={OUTCOME_KINDS.map((k) => ({ value: k, label: OUTCOME_LABELS[k].label }))}
            value={kind}
            onChange={(v) => v && setKind(v as OutcomeKind)}
            allowDeselect={false}
            error={errors.kind}
            miw={160}
          />
          <TextInput label="What" placeholder="Designer at Acme" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} miw={220} />
          <TextInput label="When" type="date" value={occurredOn} onChange={(e) => setOccurredOn(e.currentTarget.value)} error={errors.occurredOn} miw={160} />
        </Group>
        <MultiSelect
          label="Came from conversations with"
          placeholder={options.length ? 'Pick one or more' : 'No meetings held yet'}
          data={options}
          value={interviewIds}
          onChange={setInterviewIds}
          searchable
          error={errors.interviewIds}
        />
        <Textarea label="Notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} />
        <Group justify="flex-end" gap="sm">
          {editing ? (
            <>
              <Button variant="default" onClick={onDone} disabled={save.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending} disabled={conflict} leftSection={<IconCheck size={16} />}>
                Save changes
              </Button>
            </>
          ) : (
            <Button type="submit" loading={save.isPending} leftSection={<IconPlus size={16} />}>
              Record outcome
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
