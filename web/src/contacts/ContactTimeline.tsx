import { Anchor, Badge, Card, Group, Skeleton, Text, Timeline, Title } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { TimelineEntry } from '@shared/plan-api.ts';
import { CLOSED_STAGES, describeStage, type InterviewStage } from '@core/interview-stages.ts';
import { getContactTimeline, queryKeys } from '../api/index.ts';

const CHANNEL_WORDS: Record<string, string> = {
  email: 'by e-mail',
  linkedin: 'on LinkedIn',
  phone: 'by phone',
  in_person: 'in person',
  other: '',
};

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** What happened, in words: "Request sent by e-mail", "They said yes", "Meeting scheduled for 3 Mar, 10:00". */
export function describeTimelineEntry(entry: TimelineEntry): string {
  const { detail } = entry;
  switch (entry.kind) {
    case 'created':
      return 'Interview started';
    case 'request_sent': {
      const channel = typeof detail.channel === 'string' ? (CHANNEL_WORDS[detail.channel] ?? '') : '';
      return channel ? `Request sent ${channel}` : 'Request sent';
    }
    case 'follow_up_sent':
      return 'Follow-up sent';
    case 'reply_received':
      return detail.answer === 'no' ? 'They declined' : 'They said yes';
    case 'scheduled':
      return typeof detail.meetingAt === 'string' ? `Meeting scheduled for ${formatDateTime(detail.meetingAt)}` : 'Meeting scheduled';
    case 'confirmed':
      return 'Meeting confirmed';
    case 'held':
      return 'Meeting held';
    case 'thanked':
      return 'Thank-you sent';
    case 'staying_in_touch':
      return 'Staying in touch';
    case 'no_reply':
      return detail.automatic === true ? 'Closed after no reply (3B7)' : 'Marked as no reply';
    case 'cancelled':
      return 'Cancelled';
    default:
      return String(entry.kind).replace(/_/g, ' ');
  }
}

function stageColor(stage: InterviewStage): string {
  if (CLOSED_STAGES.includes(stage)) return 'gray';
  if (stage === 'held' || stage === 'thanked' || stage === 'staying_in_touch') return 'teal';
  if (stage === 'idea') return 'gray';
  return 'blue';
}

/** Every interview event with this contact, newest first, each linking to its interview. */
export function ContactTimeline({ contactId, name }: { contactId: string; name: string }) {
  const timeline = useQuery({ queryKey: queryKeys.contactTimeline(contactId), queryFn: ({ signal }) => getContactTimeline(contactId, signal) });
  const entries = [...(timeline.data?.items ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="contact-interviews">
      <Title order={2} fz="md" mb="md" id="contact-interviews">
        Interviews
      </Title>
      {timeline.isPending ? (
        <Skeleton h={60} />
      ) : timeline.error ? (
        <Text size="sm" c="red">
          The interview history could not be loaded.
        </Text>
      ) : entries.length === 0 ? (
        <Group gap="xs" c="dimmed" wrap="nowrap" align="flex-start">
          <IconMessages size={18} stroke={1.5} style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm">No interviews with {name} yet. Start one to draft your request.</Text>
        </Group>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={entries.length - 1}>
          {entries.map((entry) => (
            <Timeline.Item
              key={entry.id}
              title={
                <Anchor component={Link} to={`/interviews/${entry.interviewId}`} size="sm" fw={600} c="var(--mantine-color-text)">
                  {describeTimelineEntry(entry)}
                </Anchor>
              }
            >
              <Group gap={8} mt={4} wrap="wrap">
                <Text size="xs" c="dimmed">
                  <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                </Text>
                <Badge size="xs" variant="light" color={stageColor(entry.stage)}>
                  {describeStage(entry.stage)}
                </Badge>
              </Group>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Card>
  );
}
