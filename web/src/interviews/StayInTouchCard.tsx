import { Button, Card, Group, List, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { afterKeys, getAfterSummary } from '../api/index.ts';
import { IconGift } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Interview } from '@shared/plan-api.ts';
import { formatInstant } from './dates.ts';
import { EventAlerts, useRecordEvent } from './eventForm.tsx';
import { notifySuccess } from '../ui/notify.tsx';
import { capitalizeFirst, firstName } from './scheduling.ts';

/** After the thank-you: log what you shared with them, which restarts the stay-in-touch reminders. */
export function StayInTouchCard({ interview }: { interview: Interview }) {
  const { run, pending, refusal, conflict } = useRecordEvent(interview);
  const [what, setWhat] = useState('');
  const [error, setError] = useState<string | undefined>();
  const first = firstName(interview.contact.name);
  const showing = interview.stage === 'thanked' || interview.stage === 'staying_in_touch';
  // Ideas built from the write-up and outcomes: what is worth sharing with them now.
  const ideas = useQuery({ queryKey: afterKeys.summary(interview.id), queryFn: ({ signal }) => getAfterSummary(interview.id, signal), enabled: showing }).data?.valueIdeas ?? [];
  if (interview.stage !== 'thanked' && interview.stage !== 'staying_in_touch') return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (what.trim() === '') {
      setError('Say what you shared: an article, an event, how their advice turned out');
      return;
    }
    const ok = await run({ kind: 'value_shared', what: what.trim() }, (failure) =>
      setError(capitalizeFirst(failure.issues.find((issue) => issue.field === 'what')?.message ?? failure.message)),
    );
    if (ok) {
      setWhat('');
      setError(undefined);
      notifySuccess('The next stay-in-touch reminder counts from today.', 'Shared something of value');
    }
  };

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-stay-in-touch">
      <Group justify="space-between" gap="sm" wrap="wrap" mb="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={30} radius="xl" variant="light" color="cyan" aria-hidden>
            <IconGift size={17} stroke={1.8} />
          </ThemeIcon>
          <Title order={2} fz="md" id="interview-stay-in-touch">
            Share something of value
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {interview.lastTouchAt ? `Last touch: ${formatInstant(interview.lastTouchAt)}` : 'Nothing shared yet'}
        </Text>
      </Group>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <EventAlerts interview={interview} kind="value_shared" refusal={refusal} conflict={conflict} />
          <Text size="sm" c="dimmed">
            Keep the connection warm: every few months, send {first} something useful to them, such as an article, an event, or how their
            advice turned out. Log it here and Rapport counts the next reminder from it.
          </Text>
          {ideas.length > 0 && (
            <List size="sm" spacing={4} aria-label="Ideas of something to share">
              {ideas.slice(0, 3).map((idea) => (
                <List.Item key={idea.kind + idea.text}>{idea.text}</List.Item>
              ))}
            </List>
          )}
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              style={{ flex: '1 1 18rem' }}
              aria-label="What you shared"
              placeholder="I shared an article on…"
              value={what}
              onChange={(event) => {
                setWhat(event.currentTarget.value);
                setError(undefined);
              }}
              error={error}
              maxLength={500}
            />
            <Button type="submit" loading={pending} leftSection={<IconGift size={16} />} disabled={!interview.allowedEvents.includes('value_shared')}>
              I shared it
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
