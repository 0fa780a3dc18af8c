import { Anchor, Badge, Box, Button, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import {
  IconCalendarCheck,
  IconCalendarEvent,
  IconCalendarOff,
  IconCalendarPlus,
  IconClock,
  IconCopy,
  IconDownload,
  IconEdit,
  IconRefresh,
  IconX,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Interview } from '@shared/plan-api.ts';
import { describePlace, describeSlot, zoneLabel, type MeetingPlace, type ProposedSlot } from '@core/meeting-slots.ts';
import { LEAVE_BY_MARGIN_MINUTES } from '@core/reminders.ts';
import { inviteUrl } from '../api/index.ts';
import { useAuth } from '../auth/AuthContext.ts';
import { copyText } from '../ui/copyText.ts';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import type { EventRequest } from './RecordEventModal.tsx';
import { firstName, formatZoned, useMeetingZones, zonedDate, type MeetingZones } from './scheduling.ts';

interface ScheduleCardProps {
  interview: Interview;
  onRecord: (request: EventRequest) => void;
}

/** Stages in which the scheduling card shows, and so owns proposing, scheduling and cancelling the meeting. */
export function showsScheduleCard(interview: Interview): boolean {
  return (
    interview.stage === 'requested' ||
    ((interview.stage === 'scheduled' || interview.stage === 'confirmed') && interview.meetingAt !== null) ||
    (interview.stage === 'cancelled' && interview.meetingAt !== null)
  );
}

/**
 * Step 4 on the interview page: the times proposed (each to pick), the meeting
 * once set (when in both zones, where, how long, the invite), or the
 * cancellation to send.
 */
export function ScheduleCard({ interview, onRecord }: ScheduleCardProps) {
  const zones = useMeetingZones(interview);
  if (!showsScheduleCard(interview)) return null;
  if (interview.stage === 'requested') return <ProposedTimes interview={interview} zones={zones} onRecord={onRecord} />;
  if (interview.stage === 'cancelled') return <CancelledMeeting interview={interview} zones={zones} />;
  return <MeetingCard interview={interview} zones={zones} onRecord={onRecord} />;
}

function CardTitle({ icon, children, id, aside }: { icon: ReactNode; children: ReactNode; id: string; aside?: ReactNode }) {
  return (
    <Group justify="space-between" gap="sm" wrap="wrap" mb="sm">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={30} radius="xl" variant="light" color="violet" aria-hidden>
          {icon}
        </ThemeIcon>
        <Title order={2} fz="md" id={id}>
          {children}
        </Title>
      </Group>
      {aside}
    </Group>
  );
}

/** One slot on two lines: the seeker's zone, then the contact's when it differs. */
function SlotText({ slot, zones, strong = false }: { slot: ProposedSlot; zones: MeetingZones; strong?: boolean }) {
  const mine = describeSlot(slot, zones.seeker, null);
  const other = zones.host !== null && zones.host !== zones.seeker ? zones.host : null;
  // The second line repeats the day only when it is another day there.
  const theirs =
    other === null
      ? null
      : zonedDate(slot.start, other) === zonedDate(slot.start, zones.seeker)
        ? describeSlot(slot, other, null).replace(/^[^,]*, /, '')
        : describeSlot(slot, other, null);
  return (
    <Box miw={0}>
      <Text size="sm" fw={strong ? 600 : 500}>
        {mine}
      </Text>
      {theirs && (
        <Text size="sm" c="dimmed">
          {theirs}
        </Text>
      )}
    </Box>
  );
}

// ---------------------------------------------------------------------------
// Requested: propose times, record the one they pick

/** The times in a few lines for a message to the contact: their zone first. */
function slotsMessage(slots: ProposedSlot[], zones: MeetingZones): string {
  const lines = slots.map((slot) =>
    zones.host !== null ? `- ${describeSlot(slot, zones.host, zones.seeker)}` : `- ${describeSlot(slot, zones.seeker, null)}`,
  );
  return `Would one of these times suit you?\n${lines.join('\n')}`;
}

function ProposedTimes({ interview, zones, onRecord }: { interview: Interview; zones: MeetingZones; onRecord: (request: EventRequest) => void }) {
  const first = firstName(interview.contact.name);
  const slots = interview.proposedSlots ?? [];
  const canPropose = interview.allowedEvents.includes('slots_proposed');
  const canSchedule = interview.allowedEvents.includes('scheduled');
  const now = Date.now();

  const copy = async () => {
    try {
      await copyText(slotsMessage(slots, zones));
      notifySuccess(`The times are on your clipboard, in ${zones.host ? `${first}'s zone first` : 'your zone'}.`, 'Copied');
    } catch (error) {
      notifyError(error, 'Nothing was copied');
    }
  };

  if (slots.length === 0) {
    return (
      <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-schedule">
        <CardTitle icon={<IconClock size={17} stroke={1.8} />} id="interview-schedule">
          Meeting time
        </CardTitle>
        <Text size="sm" c="dimmed">
          {interview.replyAnswer === 'yes' ? `${first} said yes: ` : `When ${first} says yes, `}offer two or three times of 30 minutes (or
          20), shown in {zones.host && zones.host !== zones.seeker ? `${zoneLabel(zones.host)} time as well as yours` : 'your time zone'}.
          {zones.ready && zones.host === null && (
            <>
              {' '}
              <Anchor component={Link} to={`/contacts/${interview.contact.id}/edit`} size="sm">
                Add {first}'s time zone
              </Anchor>{' '}
              to see the times as they will.
            </>
          )}
        </Text>
        <Group gap="sm" mt="md" wrap="wrap">
          <Button
            variant={interview.replyAnswer === 'yes' ? 'filled' : 'light'}
            leftSection={<IconClock size={16} />}
            onClick={() => onRecord({ kind: 'slots_proposed' })}
            disabled={!canPropose}
          >
            Propose times
          </Button>
          <Button variant="default" leftSection={<IconCalendarPlus size={16} />} onClick={() => onRecord({ kind: 'scheduled' })} disabled={!canSchedule}>
            Schedule a time you agreed
          </Button>
        </Group>
      </Card>
    );
  }

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-schedule">
      <CardTitle
        icon={<IconClock size={17} stroke={1.8} />}
        id="interview-schedule"
        aside={
          <Button size="xs" variant="subtle" leftSection={<IconCopy size={14} />} onClick={() => void copy()}>
            Copy for a message
          </Button>
        }
      >
        Times you proposed
      </CardTitle>
      <Text size="sm" c="dimmed" mb="md">
        When {first} picks one, record it: the meeting is set from it and you can send the calendar invite.
      </Text>
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {slots.map((slot, index) => {
          const passed = Date.parse(slot.start) <= now;
          return (
            <Paper component="li" key={slot.start} withBorder p="sm" radius="md">
              <Group justify="space-between" gap="sm" wrap="wrap" align="center">
                <Group gap="sm" wrap="nowrap" align="flex-start" miw={0} style={{ flex: '1 1 16rem' }}>
                  <Badge variant="light" color="violet" circle mt={2} aria-label={`Time ${index + 1}`}>
                    {index + 1}
                  </Badge>
                  <SlotText slot={slot} zones={zones} />
                  {passed && (
                    <Badge variant="light" color="gray" mt={2}>
                      passed
                    </Badge>
                  )}
                </Group>
                <Button
                  size="xs"
                  variant={passed ? 'default' : 'light'}
                  leftSection={<IconCalendarCheck size={15} />}
                  onClick={() => onRecord({ kind: 'scheduled', slot })}
                  disabled={!canSchedule}
                >
                  They picked this one
                </Button>
              </Group>
            </Paper>
          );
        })}
      </Stack>
      <Group gap="xs" mt="md" wrap="wrap">
        <Button size="xs" variant="subtle" leftSection={<IconCalendarPlus size={15} />} onClick={() => onRecord({ kind: 'scheduled' })} disabled={!canSchedule}>
          They chose another time
        </Button>
        <Button size="xs" variant="subtle" leftSection={<IconRefresh size={15} />} onClick={() => onRecord({ kind: 'slots_proposed' })} disabled={!canPropose}>
          Propose other times
        </Button>
      </Group>
    </Card>
  );
}

// ---------------------------------------------------------------------------
// Scheduled or confirmed: the meeting

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Box mt={2} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </div>
  );
}

function PlaceText({ place, seeker, host }: { place: MeetingPlace | null; seeker: string; host: string }) {
  if (place === null) {
    return (
      <Text size="sm" c="dimmed">
        Not recorded
      </Text>
    );
  }
  if (place.kind === 'video') {
    return (
      <Text size="sm">
        Video call:{' '}
        <Anchor href={place.url} target="_blank" rel="noopener noreferrer" size="sm">
          {place.url}
        </Anchor>
      </Text>
    );
  }
  return <Text size="sm">{describePlace(place, { seeker, host })}</Text>;
}

/** The invite download; without the contact's e-mail there is no attendee to invite, so it says what to add. */
function InviteLink({ interview, cancel = false }: { interview: Interview; cancel?: boolean }) {
  const label = cancel ? 'Download the cancellation (.ics)' : 'Download invite (.ics)';
  if (interview.contact.emails.length === 0) {
    return (
      <Tooltip
        label={`A calendar invite names ${interview.contact.name} by e-mail: add their address to the contact to make one.`}
        multiline
        w={260}
        withArrow
        events={{ hover: true, focus: true, touch: true }}
      >
        <Button variant="default" leftSection={<IconDownload size={16} />} data-disabled onClick={(event) => event.preventDefault()}>
          {label}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Button component="a" href={inviteUrl(interview.id)} download variant="default" leftSection={<IconDownload size={16} />}>
      {label}
    </Button>
  );
}

function MeetingCard({ interview, zones, onRecord }: { interview: Interview; zones: MeetingZones; onRecord: (request: EventRequest) => void }) {
  const { user } = useAuth();
  const meetingAt = interview.meetingAt!;
  const minutes = interview.meetingMinutes ?? 30;
  const slot: ProposedSlot = { start: meetingAt, minutes };
  const confirmed = interview.stage === 'confirmed';
  const place = interview.meetingPlace;
  const inPerson = place !== null && (place.kind === 'cafe' || place.kind === 'restaurant' || place.kind === 'office');
  const travel = interview.travelMinutes;
  const leaveBy =
    inPerson && travel !== null
      ? formatZoned(new Date(Date.parse(meetingAt) - (travel + LEAVE_BY_MARGIN_MINUTES) * 60_000).toISOString(), zones.seeker)
      : null;
  const revisions = interview.scheduleRevision;

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-meeting">
      <CardTitle
        icon={<IconCalendarEvent size={17} stroke={1.8} />}
        id="interview-meeting"
        aside={
          <Group gap={6} wrap="wrap">
            {revisions > 0 && (
              <Tooltip
                label={`Moved ${revisions === 1 ? 'once' : `${revisions} times`}. Each invite carries a higher sequence, so calendars update the meeting instead of adding another.`}
                multiline
                w={260}
                withArrow
                events={{ hover: true, focus: true, touch: true }}
              >
                <Badge variant="light" color="gray" leftSection={<IconRefresh size={12} />} tabIndex={0} style={{ cursor: 'help' }}>
                  Invite updated {revisions}×
                </Badge>
              </Tooltip>
            )}
            <Badge variant="light" color={confirmed ? 'indigo' : 'yellow'} leftSection={confirmed ? <IconCalendarCheck size={12} /> : undefined}>
              {confirmed ? 'Confirmed' : 'Not confirmed yet'}
            </Badge>
          </Group>
        }
      >
        Your meeting
      </CardTitle>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md" mt="xs">
        <Fact label="When">
          <SlotText slot={slot} zones={zones} strong />
        </Fact>
        <Fact label="Where">
          <PlaceText place={place} seeker={user.name} host={interview.contact.name} />
        </Fact>
        <Fact label="Length">
          <Text size="sm">{minutes} minutes: keep to it, even if questions remain</Text>
        </Fact>
        {inPerson && (
          <Fact label="Travel">
            <Text size="sm">
              {travel === null ? (
                <Text span size="sm" c="dimmed">
                  Not set: reschedule to add it for a “leave by” reminder
                </Text>
              ) : (
                <>
                  {travel} minutes · <b>leave by {leaveBy}</b>
                </>
              )}
            </Text>
          </Fact>
        )}
      </SimpleGrid>

      <Group gap="sm" mt="lg" wrap="wrap">
        <InviteLink interview={interview} />
        <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => onRecord({ kind: 'scheduled' })} disabled={!interview.allowedEvents.includes('scheduled')}>
          Reschedule
        </Button>
        <Button variant="subtle" color="red" leftSection={<IconX size={16} />} onClick={() => onRecord({ kind: 'cancelled' })} disabled={!interview.allowedEvents.includes('cancelled')}>
          Cancel meeting
        </Button>
      </Group>
    </Card>
  );
}

// ---------------------------------------------------------------------------
// Cancelled: the cancellation to send when Rapport did not

function CancelledMeeting({ interview, zones }: { interview: Interview; zones: MeetingZones }) {
  const slot: ProposedSlot = { start: interview.meetingAt!, minutes: interview.meetingMinutes ?? 30 };
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-meeting">
      <CardTitle icon={<IconCalendarOff size={17} stroke={1.8} />} id="interview-meeting">
        Meeting cancelled
      </CardTitle>
      <Box c="dimmed" style={{ textDecoration: 'line-through' }}>
        <SlotText slot={slot} zones={zones} />
      </Box>
      <Text size="sm" c="dimmed" mt="sm">
        If you sent the invite yourself, send the cancellation too: opened in a calendar, it removes the meeting.
      </Text>
      <Group mt="md">
        <InviteLink interview={interview} cancel />
      </Group>
    </Card>
  );
}
