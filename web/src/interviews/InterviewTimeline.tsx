import { Card, Skeleton, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { TimelineEntry } from '@shared/plan-api.ts';
import { describePlace, describeSlot, parseInstant, type MeetingPlace, type ProposedSlot } from '@core/meeting-slots.ts';
import { getInterviewTimeline, getPreferences, queryKeys } from '../api/index.ts';
import { browserTimeZone } from '../contacts/TimeZoneSelect.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { formatInstant } from './dates.ts';
import { CHANNEL_LABELS, EVENT_META, STAGE_META } from './interviewParts.tsx';

function isSlot(value: unknown): value is ProposedSlot {
  const slot = value as ProposedSlot | null;
  return typeof slot === 'object' && slot !== null && typeof slot.start === 'string' && parseInstant(slot.start) !== null && (slot.minutes === 20 || slot.minutes === 30);
}

function isPlace(value: unknown): value is MeetingPlace {
  const place = value as MeetingPlace | null;
  if (typeof place !== 'object' || place === null) return false;
  if (place.kind === 'phone') return place.whoCalls === 'seeker' || place.whoCalls === 'host';
  if (place.kind === 'video') return typeof place.url === 'string';
  return ['cafe', 'restaurant', 'office'].includes(place.kind) && typeof (place as { address?: unknown }).address === 'string';
}

function placeText(place: MeetingPlace): string {
  if (place.kind !== 'phone') return describePlace(place);
  const who = place.whoCalls === 'seeker' ? 'you call them' : 'they call you';
  return `Phone call: ${who}${place.number ? ` at ${place.number}` : ''}`;
}

/** Times and places in the seeker's zone; the meeting card shows the contact's too. */
function detailText(entry: TimelineEntry, zone: string, rescheduled: boolean): ReactNode {
  const { detail } = entry;
  switch (entry.kind) {
    case 'slots_proposed': {
      const slots = Array.isArray(detail.slots) ? detail.slots.filter(isSlot) : [];
      if (slots.length === 0) return null;
      return (
        <Stack gap={0} component="span">
          {slots.map((slot) => (
            <span key={slot.start}>{describeSlot(slot, zone, null)}</span>
          ))}
        </Stack>
      );
    }
    case 'value_shared':
      return typeof detail.what === 'string' ? `“${detail.what}”` : null;
    case 'request_sent':
      return typeof detail.channel === 'string' && detail.channel in CHANNEL_LABELS
        ? `By ${CHANNEL_LABELS[detail.channel as keyof typeof CHANNEL_LABELS].toLowerCase()}.`
        : null;
    case 'reply_received':
      return detail.answer === 'no' ? 'They said no.' : 'They said yes.';
    case 'scheduled': {
      if (typeof detail.meetingAt !== 'string') return null;
      const slot = { start: detail.meetingAt, minutes: detail.minutes === 20 ? 20 : 30 } as const;
      const when = isSlot(slot) ? describeSlot(slot, zone, null) : formatInstant(detail.meetingAt);
      const where = isPlace(detail.place) ? ` · ${placeText(detail.place)}` : '';
      return `${rescheduled ? 'Moved to ' : ''}${when}${where}`;
    }
    case 'cancelled':
      return rescheduled ? 'The meeting was called off.' : null;
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
  const preferences = useQuery({ queryKey: queryKeys.preferences, queryFn: ({ signal }) => getPreferences(signal), staleTime: 60_000 });
  const zone = preferences.data?.timeZone ?? browserTimeZone() ?? 'UTC';

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
            // A second "scheduled" moves the meeting; a cancellation after one calls it off.
            const hadMeeting = items.slice(0, index).some((earlier) => earlier.kind === 'scheduled');
            const detail = detailText(entry, zone, hadMeeting);
            return (
              <Timeline.Item
                key={entry.id}
                bullet={
                  <ThemeIcon size={28} radius="xl" variant="light" color={meta.color}>
                    <EventIcon size={15} stroke={1.8} />
                  </ThemeIcon>
                }
                title={
                  <Text fw={600} size="sm">
                    {entry.kind === 'scheduled' && hadMeeting ? 'Meeting moved' : entry.kind === 'cancelled' && hadMeeting ? 'Meeting cancelled' : meta.done}
                  </Text>
                }
              >
                <Text size="xs" c="dimmed" mt={2}>
                  <time dateTime={entry.occurredAt}>{formatInstant(entry.occurredAt)}</time>
                  {changed && ` · now ${STAGE_META[entry.stage].label.toLowerCase()}`}
                </Text>
                {detail && (
                  <Text size="sm" mt={4} component="div">
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
