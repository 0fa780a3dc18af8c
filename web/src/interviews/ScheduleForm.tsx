import { Anchor, Button, Center, Checkbox, Group, Input, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconBuilding, IconCoffee, IconPhone, IconToolsKitchen2, IconVideo, type Icon } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Interview } from '@shared/plan-api.ts';
import {
  DEFAULT_MEETING_MINUTES,
  describeSlot,
  validatePlace,
  type InPersonPlaceKind,
  type MeetingMinutes,
  type MeetingPlace,
  type ProposedSlot,
} from '@core/meeting-slots.ts';
import { LEAVE_BY_MARGIN_MINUTES } from '@core/reminders.ts';
import { notifySuccess } from '../ui/notify.tsx';
import { fromLocalInput, toLocalInput } from './dates.ts';
import { EventAlerts, useRecordEvent } from './eventForm.tsx';
import { FormSkeleton } from './FormSkeleton.tsx';
import classes from './ScheduleForm.module.css';
import { capitalizeFirst, firstName, formatZoned, fromZonedInput, toZonedInput, useMailStatus, useMeetingZones, type MeetingZones } from './scheduling.ts';
import { ZoneChoice, zoneOf, type ZoneSide } from './ZoneChoice.tsx';

type PlaceKind = MeetingPlace['kind'];


const PLACES: { value: PlaceKind; label: string; icon: Icon }[] = [
  { value: 'cafe', label: 'Café', icon: IconCoffee },
  { value: 'restaurant', label: 'Restaurant', icon: IconToolsKitchen2 },
  { value: 'office', label: 'Office', icon: IconBuilding },
  { value: 'phone', label: 'Phone', icon: IconPhone },
  { value: 'video', label: 'Video', icon: IconVideo },
];

const IN_PERSON: readonly PlaceKind[] = ['cafe', 'restaurant', 'office'];

interface ScheduleFormProps {
  interview: Interview;
  /** The proposed time they picked, to start from. */
  slot?: ProposedSlot | undefined;
  onDone: () => void;
}

/**
 * The meeting: when (typed in either zone, shown in both), how long, where
 * (an address, who calls whom, or a link), the travel time for the "leave by"
 * reminder, and whether Rapport e-mails the calendar invite. Also reschedules.
 */
export function ScheduleForm(props: ScheduleFormProps) {
  const zones = useMeetingZones(props.interview);
  // The fields hold wall-clock times in a zone: they start once the zones are known.
  if (!zones.ready) return <FormSkeleton />;
  return <ScheduleFields {...props} zones={zones} />;
}

function ScheduleFields({ interview, slot, onDone, zones }: ScheduleFormProps & { zones: MeetingZones }) {
  const mail = useMailStatus();
  const first = firstName(interview.contact.name);
  const rescheduling = interview.meetingAt !== null && (interview.stage === 'scheduled' || interview.stage === 'confirmed');
  const { run, pending, refusal, conflict } = useRecordEvent(interview);

  const place = interview.meetingPlace;
  const startFrom = slot?.start ?? (rescheduling ? interview.meetingAt : null);
  const [side, setSide] = useState<ZoneSide>('seeker');
  const zone = zoneOf(zones, side);
  const [meetingAt, setMeetingAt] = useState(startFrom ? toZonedInput(startFrom, zones.seeker) : '');
  const [minutes, setMinutes] = useState<MeetingMinutes>(slot?.minutes ?? interview.meetingMinutes ?? DEFAULT_MEETING_MINUTES);
  const [kind, setKind] = useState<PlaceKind>(place?.kind ?? 'cafe');
  const [address, setAddress] = useState(place && 'address' in place ? place.address : '');
  const [whoCalls, setWhoCalls] = useState<'seeker' | 'host'>(place?.kind === 'phone' ? place.whoCalls : 'seeker');
  // Calling them: their number, when the contact has one, is a good start.
  const [number, setNumber] = useState(place?.kind === 'phone' ? (place.number ?? '') : (zones.contact?.phones[0] ?? ''));
  const [url, setUrl] = useState(place?.kind === 'video' ? place.url : '');
  const [travel, setTravel] = useState<number | string>(interview.travelMinutes ?? '');
  const [opened] = useState(() => toLocalInput(new Date()));
  const [agreedAt, setAgreedAt] = useState(opened);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const email = interview.contact.emails[0] ?? null;
  const canSend = mail.data?.configured === true && email !== null;
  // Checked by default whenever Rapport can send it; the person may still untick it.
  const [sendChoice, setSendChoice] = useState<boolean | null>(null);
  const sendInvite = canSend && (sendChoice ?? true);

  const inPerson = IN_PERSON.includes(kind);
  const meetingIso = fromZonedInput(meetingAt, zone);
  const shown = meetingIso ? describeSlot({ start: meetingIso, minutes }, zones.seeker, zones.host) : null;
  const past = meetingIso !== null && Date.parse(meetingIso) < Date.now();
  const travelMinutes = inPerson && travel !== '' ? Number(travel) : null;
  const leaveBy =
    meetingIso && travelMinutes !== null && Number.isFinite(travelMinutes)
      ? formatZoned(new Date(Date.parse(meetingIso) - (travelMinutes + LEAVE_BY_MARGIN_MINUTES) * 60_000).toISOString(), zones.seeker)
      : null;
  // The reply is implied by scheduling: when no reply was logged, its date is asked here.
  const askAgreed = interview.repliedAt === null;

  const clear = (...fields: string[]) => setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !fields.includes(key))));

  const switchZone = (next: ZoneSide) => {
    const instant = fromZonedInput(meetingAt, zone);
    if (instant) setMeetingAt(toZonedInput(instant, zoneOf(zones, next)));
    setSide(next);
  };

  const placeValue = (): MeetingPlace => {
    if (kind === 'phone') return { kind, whoCalls, number: number.trim() === '' ? null : number.trim() };
    if (kind === 'video') return { kind, url: url.trim() };
    return { kind: kind as InPersonPlaceKind, address: address.trim() };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!meetingIso) problems.meetingAt = 'Give the date and time you agreed on';
    for (const issue of validatePlace(placeValue())) problems[issue.field] = issue.message;
    const when = askAgreed && agreedAt !== opened ? fromLocalInput(agreedAt) : undefined;
    if (askAgreed && agreedAt !== opened && (!when || Date.parse(when) > Date.now())) problems.at = 'Give a time that has passed, or leave the one shown';
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !meetingIso) return;

    const ok = await run(
      {
        kind: 'scheduled',
        meetingAt: meetingIso,
        minutes,
        place: placeValue(),
        travelMinutes: inPerson ? travelMinutes : null,
        sendInvite,
        ...(when ? { at: when } : {}),
      },
      (error) => {
        const byField: Record<string, string> = {};
        for (const issue of error.issues) byField[issue.field] = capitalizeFirst(issue.message);
        setErrors(Object.keys(byField).length > 0 ? byField : { form: error.message });
      },
    );
    if (ok) {
      notifySuccess(
        sendInvite
          ? `The invite is in the outbox and goes to ${email} shortly. Confirm by message the day before.`
          : `Download the invite from the meeting card for your calendar${email ? ` and ${first}'s` : ''}. Confirm by message the day before.`,
        rescheduling ? 'Meeting moved' : 'Meeting scheduled',
      );
      onDone();
    }
  };

  const placeData = PLACES.map(({ value, label, icon: PlaceIcon }) => ({
    value,
    label: (
      <Center style={{ gap: 6 }}>
        <PlaceIcon size={16} stroke={1.7} aria-hidden />
        <span className={classes.placeName}>{label}</span>
      </Center>
    ),
  }));
  const placeLabel = PLACES.find((p) => p.value === kind)?.label ?? '';

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <EventAlerts interview={interview} kind="scheduled" refusal={refusal} conflict={conflict} />
        {rescheduling && (
          <Text size="sm" c="dimmed">
            The meeting moves; its history is kept. An invite sent again carries the same identity and a higher sequence, so {first}'s
            calendar updates the meeting instead of adding a second one.
          </Text>
        )}

        <ZoneChoice zones={zones} value={side} onChange={switchZone} contactFirst={first} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <TextInput
            type="datetime-local"
            label="Date and time"
            value={meetingAt}
            onChange={(event) => {
              setMeetingAt(event.currentTarget.value);
              clear('meetingAt');
            }}
            error={errors.meetingAt}
            required
            data-autofocus
          />
          <div>
            <Input.Label labelElement="div" id="meeting-length-label" mb={4}>
              Length
            </Input.Label>
            <SegmentedControl
              fullWidth
              aria-labelledby="meeting-length-label"
              value={String(minutes)}
              onChange={(value) => setMinutes(Number(value) as MeetingMinutes)}
              data={[
                { value: '30', label: '30 minutes' },
                { value: '20', label: '20 minutes' },
              ]}
            />
          </div>
        </SimpleGrid>
        {shown && (
          <Text size="sm" mt={-6} c={past ? 'orange' : undefined}>
            {shown}
            {past && ' · this time has passed'}
          </Text>
        )}

        <div>
          <Input.Label labelElement="div" id="meeting-place-label" mb={4}>
            Where{' '}
            <Text span size="sm" c="dimmed" hiddenFrom="xs">
              · {placeLabel}
            </Text>
          </Input.Label>
          <SegmentedControl
            fullWidth
            aria-labelledby="meeting-place-label"
            value={kind}
            onChange={(value) => {
              setKind(value as PlaceKind);
              clear('place.address', 'place.url', 'place.number', 'place.whoCalls');
            }}
            data={placeData}
          />
        </div>

        {inPerson && (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput
              style={{ gridColumn: 'span 2' }}
              label="Address"
              description={kind === 'office' ? `${first}'s office: building, floor, whom to ask for` : 'The name of the place and its address'}
              placeholder={kind === 'office' ? '5th floor, 1 Main St, Boston' : 'Blue Bottle, 1 Ferry Building, San Francisco'}
              value={address}
              onChange={(event) => {
                setAddress(event.currentTarget.value);
                clear('place.address');
              }}
              error={errors['place.address']}
              maxLength={300}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              required
            />
            <NumberInput
              label="Travel time"
              description={leaveBy ? `Leave by ${leaveBy} (10 minutes spare)` : 'Minutes, for a “leave by” reminder'}
              value={travel}
              onChange={(value) => {
                setTravel(value);
                clear('travelMinutes');
              }}
              error={errors.travelMinutes}
              min={0}
              max={600}
              allowDecimal={false}
              allowNegative={false}
              suffix=" min"
              placeholder="e.g. 25"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
          </SimpleGrid>
        )}

        {kind === 'phone' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <div>
              <Input.Label labelElement="div" id="who-calls-label" mb={4}>
                Who calls whom
              </Input.Label>
              <SegmentedControl
                fullWidth
                aria-labelledby="who-calls-label"
                value={whoCalls}
                onChange={(value) => {
                  setWhoCalls(value as 'seeker' | 'host');
                  // The number is whoever is called: theirs, or yours.
                  const theirs = zones.contact?.phones[0] ?? '';
                  if (value === 'seeker' && number === '') setNumber(theirs);
                  if (value === 'host' && number === theirs) setNumber('');
                }}
                data={[
                  { value: 'seeker', label: `I call ${first}` },
                  { value: 'host', label: `${first} calls me` },
                ]}
              />
              {errors['place.whoCalls'] && (
                <Text size="xs" c="red" mt={4}>
                  {errors['place.whoCalls']}
                </Text>
              )}
            </div>
            <TextInput
              label={whoCalls === 'seeker' ? `${first}'s number` : 'Your number'}
              description="Optional: you can agree on it later"
              placeholder={whoCalls === 'seeker' ? (zones.contact?.phones[0] ?? '+1 212 555 0100') : '+1 212 555 0100'}
              type="tel"
              value={number}
              onChange={(event) => {
                setNumber(event.currentTarget.value);
                clear('place.number');
              }}
              error={errors['place.number']}
              maxLength={50}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
          </SimpleGrid>
        )}

        {kind === 'video' && (
          <TextInput
            label="Meeting link"
            description="Zoom, Meet, Teams…: the link goes into the invite"
            placeholder="https://meet.example.com/abc-defg-hij"
            type="url"
            value={url}
            onChange={(event) => {
              setUrl(event.currentTarget.value);
              clear('place.url');
            }}
            error={errors['place.url']}
            maxLength={500}
            required
          />
        )}

        {askAgreed && (
          <TextInput
            type="datetime-local"
            label="When they said yes"
            description="Scheduling counts as their reply; how fast they answered says how they respond."
            value={agreedAt}
            max={toLocalInput(new Date())}
            onChange={(event) => {
              setAgreedAt(event.currentTarget.value);
              clear('at');
            }}
            error={errors.at}
          />
        )}

        <Checkbox
          checked={sendInvite}
          disabled={!canSend}
          onChange={(event) => setSendChoice(event.currentTarget.checked)}
          label={`E-mail the ${rescheduling ? 'updated invite' : 'invite'} to ${interview.contact.name}`}
          description={
            mail.isPending ? (
              'Checking whether Rapport can send e-mail…'
            ) : canSend ? (
              `To ${email}, from ${mail.data?.from ?? 'Rapport'}, with the calendar file attached.`
            ) : mail.data?.configured !== true ? (
              <>
                Rapport is not set up to send e-mail (<Anchor component={Link} to="/settings#settings-outbox" size="xs">see Settings</Anchor>):
                download the invite from the meeting card and send it yourself.
              </>
            ) : (
              <>
                {interview.contact.name} has no e-mail address in Rapport.{' '}
                <Anchor component={Link} to={`/contacts/${interview.contact.id}/edit`} size="xs">
                  Add one
                </Anchor>{' '}
                to send a calendar invite.
              </>
            )
          }
        />

        {errors.form && (
          <Text size="sm" c="red" role="alert">
            {errors.form}
          </Text>
        )}

        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!interview.allowedEvents.includes('scheduled')}>
            {rescheduling ? 'Move the meeting' : 'Save meeting'}
            {sendInvite ? ' and send invite' : ''}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
