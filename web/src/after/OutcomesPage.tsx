import { Alert, Anchor, Badge, Button, Card, Group, MultiSelect, Select, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus, IconTrash, IconTrophy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { OUTCOME_KINDS, type Outcome, type OutcomeKind } from '@shared/after-api.ts';
import { afterKeys, createOutcome, deleteOutcome, errorMessage, isApiError, listInterviews, listOutcomes } from '../api/index.ts';
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
        <OutcomeForm />
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

function OutcomeRow({ outcome }: { outcome: Outcome }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteOutcome(outcome.id, outcome.version),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['outcomes'] }).then(() => queryClient.invalidateQueries({ queryKey: ['after'] })),
    onError: (error) => notifyError(error, 'Not deleted'),
  });
  const meta = OUTCOME_LABELS[outcome.kind];
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="article" aria-label={outcome.title}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Badge color={meta.color} variant="light">
              {meta.label}
            </Badge>
            <Text size="sm" c="dimmed">
              {outcome.occurredOn}
            </Text>
          </Group>
          <Text fw={600}>{outcome.title}</Text>
          {outcome.notes && <Text size="sm">{outcome.notes}</Text>}
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
        <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} />} loading={remove.isPending} onClick={() => remove.mutate()}>
          Delete
        </Button>
      </Group>
    </Card>
  );
}

function OutcomeForm() {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<OutcomeKind>('lead');
  const [title, setTitle] = useState('');
  const [occurredOn, setOccurredOn] = useState(new Date().toISOString().slice(0, 10));
  const [notes, setNotes] = useState('');
  const [interviewIds, setInterviewIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const met = useQuery({ queryKey: ['interviews', 'list', { stage: 'met' }], queryFn: ({ signal }) => listInterviews({ stage: 'met', limit: 500 }, signal) });
  const create = useMutation({
    mutationFn: () => createOutcome({ kind, title, occurredOn, notes: notes || null, interviewIds }),
    onSuccess: () => {
      setTitle('');
      setNotes('');
      setInterviewIds([]);
      setErrors({});
      notifySuccess('Linked to the conversations it came from.', 'Outcome recorded');
      void queryClient.invalidateQueries({ queryKey: ['outcomes'] });
      void queryClient.invalidateQueries({ queryKey: ['after'] });
    },
    onError: (error) => {
      if (isApiError(error, 'VALIDATION_FAILED') || isApiError(error, 'INVALID_REFERENCE')) setErrors(Object.fromEntries(error.issues.map((i) => [i.field.split('.')[0] ?? i.field, i.message])));
      else notifyError(error, 'Not recorded');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setErrors({ title: 'is required' });
      return;
    }
    create.mutate();
  };
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="new-outcome">
      <form onSubmit={submit} aria-label="Record an outcome">
        <Stack gap="sm">
          <Group gap="xs">
            <IconTrophy size={18} stroke={1.7} />
            <Title order={2} fz="md" id="new-outcome">
              Record an outcome
            </Title>
          </Group>
          <Group grow gap="sm" wrap="wrap" align="flex-start" preventGrowOverflow={false}>
            <Select
              label="Kind"
              data={OUTCOME_KINDS.map((k) => ({ value: k, label: OUTCOME_LABELS[k].label }))}
              value={kind}
              onChange={(v) => v && setKind(v as OutcomeKind)}
              allowDeselect={false}
              miw={160}
            />
            <TextInput label="What" placeholder="Designer at Acme" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} miw={220} />
            <TextInput label="When" type="date" value={occurredOn} onChange={(e) => setOccurredOn(e.currentTarget.value)} error={errors.occurredOn} miw={160} />
          </Group>
          <MultiSelect
            label="Came from conversations with"
            placeholder={met.data?.items.length ? 'Pick one or more' : 'No meetings held yet'}
            data={(met.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.contact.name}${i.organization ? ` (${i.organization.name})` : ''}` }))}
            value={interviewIds}
            onChange={setInterviewIds}
            searchable
            error={errors.interviewIds}
          />
          <Textarea label="Notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} leftSection={<IconPlus size={16} />}>
              Record outcome
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
