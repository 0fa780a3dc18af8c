import { Card, Skeleton, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TimelineEntry } from '@shared/plan-api.ts';
import { getInterviewTimeline, queryKeys } from '../api/index.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { formatInstant } from './dates.ts';
import { CHANNEL_LABELS, EVENT_META, STAGE_META } from './interviewParts.tsx';

function detailText(entry: TimelineEntry): string | null {
  const { detail } = entry;
  switch (entry.kind) {
    case 'request_sent':
      return typeof detail.channel === 'string' && detail.channel in CHANNEL_LABELS
        ? `By ${CHANNEL_LABELS[detail.channel as keyof typeof CHANNEL_LABELS].toLowerCase()}.`
        : null;
    case 'reply_received':
      return detail.answer === 'no' ? 'They said no.' : 'They said yes.';
    case 'scheduled':
      return typeof detail.meetingAt === 'string' ? `Meeting on ${formatInstant(detail.meetingAt)}.` : null;
    case 'no_reply':
      return detail.automatic === true
        ? 'Closed by Rapport: no reply 7 business days after your one follow-up. 3B7 says move on.'
        : 'You closed it.';
    case 'follow_up_sent':
      return 'The one follow-up.';
    default:
      return null;
  }
}

/** What happened to the interview, oldest first: every event with its date and what it changed. */
export function InterviewTimeline({ interviewId }: { interviewId: string }) {
  const query = useQuery({
    queryKey: queryKeys.interviews.timeline(interviewId),
    queryFn: ({ signal }) => getInterviewTimeline(interviewId, signal),
  });
  const items = query.data?.items ?? [];

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-timeline">
      <Title order={2} fz="md" mb="md" id="interview-timeline">
        Timeline
      </Title>
      {query.error && !query.data ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Stack gap="sm">
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened yet.
        </Text>
      ) : (
        <Timeline active={items.length - 1} bulletSize={28} lineWidth={2} color="gray.4">
          {items.map((entry, index) => {
            const changed = index > 0 && items[index - 1]!.stage !== entry.stage;
            const meta = EVENT_META[entry.kind];
            const EventIcon = meta.icon;
            const detail = detailText(entry);
            return (
              <Timeline.Item
                key={entry.id}
                bullet={
                  <ThemeIcon size={28} radius="xl" variant="light" color={meta.color}>
                    <EventIcon size={15} stroke={1.8} />
                  </ThemeIcon>
                }
                title={<Text fw={600} size="sm">{meta.done}</Text>}
              >
                <Text size="xs" c="dimmed" mt={2}>
                  <time dateTime={entry.occurredAt}>{formatInstant(entry.occurredAt)}</time>
                  {changed && ` · now ${STAGE_META[entry.stage].label.toLowerCase()}`}
                </Text>
                {detail && (
                  <Text size="sm" mt={4}>
                    {detail}
                  </Text>
                )}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Card>
  );
}
