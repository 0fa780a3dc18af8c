import { Badge, Box, Button, Checkbox, Chip, Group, Modal, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { CATEGORY_LABELS, QUESTION_CATEGORIES, TIARA_LABELS, TIARA_TAGS } from '@shared/prepare-api.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { bankQuery } from './QuestionBankPage.tsx';
import { ReadilyAvailableBadge, TiaraBadge, matchesSearch } from './questionParts.tsx';

interface QuestionPickerModalProps {
  opened: boolean;
  onClose: () => void;
  /** The bank questions on the agenda now, in priority order. */
  selected: string[];
  /** How many questions the time box holds, to say how the selection fits. */
  capacity: number;
  minutes: number;
  saving: boolean;
  onSave: (questionIds: string[]) => void;
}

/**
 * Picks questions from the bank, searchable and grouped by category. Questions
 * already picked keep their priority; new ones go after them in the order checked.
 */
export function QuestionPickerModal({ opened, onClose, selected, capacity, minutes, saving, onSave }: QuestionPickerModalProps) {
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false }) ?? false;
  const query = useQuery({ ...bankQuery(), enabled: opened });
  const [picked, setPicked] = useState<string[]>(selected);
  const [search, setSearch] = useState('');
  const [tiaras, setTiaras] = useState<string[]>([]);

  useEffect(() => {
    if (opened) {
      setPicked(selected);
      setSearch('');
      setTiaras([]);
    }
    // Only when it opens: the selection is the person's while the window is open.
  }, [opened]);

  const toggle = (id: string, on: boolean) => setPicked((current) => (on ? [...current.filter((x) => x !== id), id] : current.filter((x) => x !== id)));

  const items = (query.data?.items ?? []).filter(
    // A retired question stays listed while it is on this agenda, so it can be taken off.
    (q) => (!q.retired || picked.includes(q.id)) && (tiaras.length === 0 || tiaras.includes(q.tiara)) && matchesSearch(q.text, search),
  );
  const over = picked.length - capacity;

  return (
    <Modal opened={opened} onClose={onClose} fullScreen={phone} size="xl" title={<Text fw={650}>Pick questions</Text>}>
      <Stack gap="md">
        <Stack gap="xs">
          <SearchInput value={search} onChange={setSearch} placeholder="Search the question bank" aria-label="Search the question bank" data-autofocus />
          <Chip.Group multiple value={tiaras} onChange={setTiaras}>
            <Group gap={6} wrap="wrap" role="group" aria-label="TIARA">
              {TIARA_TAGS.map((t) => (
                <Chip key={t} value={t} size="xs" variant="light">
                  {TIARA_LABELS[t]}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>

        {query.error && !query.data ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <ScrollArea.Autosize mah={phone ? 'calc(100dvh - 290px)' : '55vh'} type="auto" offsetScrollbars>
            <Stack gap="lg" pr={4}>
              {QUESTION_CATEGORIES.map((category) => {
                const group = items.filter((q) => q.category === category);
                if (group.length === 0) return null;
                return (
                  <Box key={category} component="section" aria-label={CATEGORY_LABELS[category]}>
                    <Title order={3} fz="sm" c="dimmed" tt="uppercase" mb={8} style={{ letterSpacing: '0.04em' }}>
                      {CATEGORY_LABELS[category]}
                    </Title>
                    <Stack gap={10}>
                      {group.map((q) => {
                        const rank = picked.indexOf(q.id);
                        return (
                          <Checkbox
                            key={q.id}
                            checked={rank >= 0}
                            onChange={(event) => toggle(q.id, event.currentTarget.checked)}
                            aria-label={q.text}
                            label={
                              <Box>
                                <Text size="sm" component="span">
                                  {q.text}
                                </Text>
                                <Group gap={6} mt={4} wrap="wrap" component="span">
                                  <TiaraBadge tiara={q.tiara} />
                                  {q.readilyAvailable && <ReadilyAvailableBadge />}
                                  {q.retired && (
                                    <Badge variant="light" color="gray" size="sm">
                                      Retired
                                    </Badge>
                                  )}
                                  {rank >= 0 && (
                                    <Badge variant="filled" size="sm" color={rank < capacity ? 'brand' : 'gray'}>
                                      #{rank + 1}
                                    </Badge>
                                  )}
                                </Group>
                              </Box>
                            }
                          />
                        );
                      })}
                    </Stack>
                  </Box>
                );
              })}
              {query.data && items.length === 0 && (
                <Text size="sm" c="dimmed">
                  No question matches. Clear the search, or{' '}
                  <Text component={Link} to="/questions" size="sm" c="brand" td="underline">
                    add your own in the question bank
                  </Text>
                  .
                </Text>
              )}
            </Stack>
          </ScrollArea.Autosize>
        )}

        <Group justify="space-between" gap="sm" wrap="wrap" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Text size="sm" c={over > 0 ? 'orange' : 'dimmed'} aria-live="polite">
            {picked.length} picked · {capacity} fit in {minutes} minutes
            {over > 0 ? ` · ${over} will not fit` : ''}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button onClick={() => onSave(picked)} loading={saving}>
              Save {picked.length} {picked.length === 1 ? 'question' : 'questions'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
