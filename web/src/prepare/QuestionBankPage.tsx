import { ActionIcon, Badge, Box, Button, Card, Chip, EmptyState, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArchive, IconArchiveOff, IconListSearch, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  CATEGORY_LABELS,
  QUESTION_CATEGORIES,
  TIARA_LABELS,
  TIARA_TAGS,
  type Question,
  type QuestionCategory,
  type TiaraTag,
} from '@shared/prepare-api.ts';
import { listQuestions, prepareKeys, updateQuestion } from '../api/index.ts';
import { plural } from '../ui/format.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { QuestionFormModal } from './QuestionFormModal.tsx';
import { ReadilyAvailableBadge, TiaraBadge, matchesSearch } from './questionParts.tsx';

type Status = 'active' | 'retired';

/** The whole bank (about 50 questions) is loaded once and filtered here, so filters answer instantly. */
export function bankQuery() {
  return {
    queryKey: prepareKeys.questionList({ retired: 'all' }),
    queryFn: ({ signal }: { signal: AbortSignal }) => listQuestions({ retired: 'all' }, signal),
  };
}

export function QuestionBankPage() {
  useDocumentTitle('Question bank · Rapport');
  const query = useQuery(bankQuery());
  const [status, setStatus] = useState<Status>('active');
  const [categories, setCategories] = useState<string[]>([]);
  const [tiaras, setTiaras] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Question | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const all = query.data?.items ?? [];
  const retiredCount = all.filter((q) => q.retired).length;
  const shown = all.filter(
    (q) =>
      q.retired === (status === 'retired') &&
      (categories.length === 0 || categories.includes(q.category)) &&
      (tiaras.length === 0 || tiaras.includes(q.tiara)) &&
      matchesSearch(q.text, search),
  );
  const groups = QUESTION_CATEGORIES.map((category) => ({ category, items: shown.filter((q) => q.category === category) })).filter((g) => g.items.length > 0);

  const openForm = (question: Question | null) => {
    setEditing(question);
    setFormOpen(true);
  };

  return (
    <>
      <PageHeader
        title="Question bank"
        description="Questions to pick from when you prepare a conversation, by category and by TIARA: trends, insights, advice, resources, assignments."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)}>
            Add question
          </Button>
        }
      />

      {query.error && !query.data ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Stack gap="md">
          <Skeleton h={110} />
          <Skeleton h={320} />
        </Stack>
      ) : (
        <Stack gap="lg">
          <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Filters">
            <Stack gap="md">
              <Group justify="space-between" gap="md" wrap="wrap">
                <SearchInput value={search} onChange={setSearch} placeholder="Search questions" aria-label="Search questions" style={{ flex: '1 1 16rem' }} />
                <SegmentedControl
                  value={status}
                  onChange={(value) => setStatus(value as Status)}
                  data={[
                    { value: 'active', label: 'In use' },
                    { value: 'retired', label: `Retired (${retiredCount})` },
                  ]}
                  aria-label="Show"
                />
              </Group>
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                <FilterChips label="Category" value={categories} onChange={setCategories} options={QUESTION_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
                <FilterChips label="TIARA" value={tiaras} onChange={setTiaras} options={TIARA_TAGS.map((t) => ({ value: t, label: TIARA_LABELS[t] }))} />
              </SimpleGrid>
            </Stack>
          </Card>

          <Text size="sm" c="dimmed" aria-live="polite">
            {plural(shown.length, status === 'retired' ? 'retired question' : 'question')}
            {shown.length !== all.filter((q) => q.retired === (status === 'retired')).length ? ' match your filters' : ''}
          </Text>

          {groups.length === 0 ? (
            <Paper p="xl">
              <EmptyState
                variant="light"
                icon={<IconListSearch size={28} />}
                title={status === 'retired' ? 'No retired questions' : 'No questions match'}
                description={
                  status === 'retired'
                    ? 'Questions you retire leave the picker but stay here, so you can bring them back.'
                    : 'Clear a filter or the search, or add your own question.'
                }
              />
            </Paper>
          ) : (
            groups.map(({ category, items }) => <CategoryGroup key={category} category={category} items={items} onEdit={openForm} />)
          )}
        </Stack>
      )}

      <QuestionFormModal opened={formOpen} onClose={() => setFormOpen(false)} question={editing} />
    </>
  );
}

function FilterChips({ label, value, onChange, options }: { label: string; value: string[]; onChange: (value: string[]) => void; options: { value: string; label: string }[] }) {
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Chip.Group multiple value={value} onChange={onChange}>
        <Group gap={6} wrap="wrap">
          {options.map((option) => (
            <Chip key={option.value} value={option.value} size="sm" variant="light">
              {option.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Stack>
  );
}

function CategoryGroup({ category, items, onEdit }: { category: QuestionCategory; items: Question[]; onEdit: (question: Question) => void }) {
  const id = `bank-${category}`;
  return (
    <Card p={0} component="section" aria-labelledby={id}>
      <Group justify="space-between" px={{ base: 'md', sm: 'lg' }} py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Title order={2} fz="md" id={id}>
          {CATEGORY_LABELS[category]}
        </Title>
        <Badge variant="default" size="sm">
          {items.length}
        </Badge>
      </Group>
      <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {items.map((question, index) => (
          <QuestionRow key={question.id} question={question} first={index === 0} onEdit={onEdit} />
        ))}
      </Stack>
    </Card>
  );
}

function QuestionRow({ question, first, onEdit }: { question: Question; first: boolean; onEdit: (question: Question) => void }) {
  const queryClient = useQueryClient();
  const retire = useMutation({
    mutationFn: (retired: boolean) => updateQuestion(question.id, { version: question.version, retired }),
    onSuccess: (saved) => {
      notifySuccess(saved.retired ? 'It leaves the picker; agendas that use it keep it.' : 'It is back in the picker.', saved.retired ? 'Question retired' : 'Question restored');
    },
    onError: (error) => notifyError(error, 'The question was not changed'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: prepareKeys.questions }),
  });

  return (
    <Box
      component="li"
      px={{ base: 'md', sm: 'lg' }}
      py="sm"
      style={first ? undefined : { borderTop: '1px solid var(--mantine-color-default-border)' }}
      aria-label={question.text}
    >
      <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
        <Box miw={0}>
          <Text size="sm" c={question.retired ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {question.text}
          </Text>
          <Group gap={6} mt={6} wrap="wrap">
            <TiaraBadge tiara={question.tiara as TiaraTag} />
            {question.readilyAvailable && <ReadilyAvailableBadge />}
            {question.seedKey === null && (
              <Badge variant="light" color="gray" size="sm">
                Yours
              </Badge>
            )}
          </Group>
        </Box>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Edit" withArrow>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Edit “${question.text}”`} onClick={() => onEdit(question)}>
              <IconPencil size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={question.retired ? 'Restore' : 'Retire'} withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`${question.retired ? 'Restore' : 'Retire'} “${question.text}”`}
              loading={retire.isPending}
              onClick={() => retire.mutate(!question.retired)}
            >
              {question.retired ? <IconArchiveOff size={18} /> : <IconArchive size={18} />}
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Box>
  );
}
