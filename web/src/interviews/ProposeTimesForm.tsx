import { ActionIcon, Button, Group, Input, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Interview } from '@shared/plan-api.ts';
import {
  DEFAULT_MEETING_MINUTES,
  MAX_PROPOSED_SLOTS,
  MIN_PROPOSED_SLOTS,
  describeSlot,
  validateSlots,
  type MeetingMinutes,
  type ProposedSlot,
} from '@core/meeting-slots.ts';
import { notifySuccess } from '../ui/notify.tsx';
import { EventAlerts, useRecordEvent } from './eventForm.tsx';
import { FormSkeleton } from './FormSkeleton.tsx';
import { firstName, fromZonedInput, nowZonedInput, slotRowOf, toZonedInput, useMeetingZones, type MeetingZones } from './scheduling.ts';
import { ZoneChoice, zoneOf, type ZoneSide } from './ZoneChoice.tsx';

/**
 * Two or three times to offer, typed in either person's zone and shown in both,
 * checked as you type (in the future, 20 or 30 minutes, no overlaps).
 */
export function ProposeTimesForm(props: { interview: Interview; onDone: () => void }) {
  const zones = useMeetingZones(props.interview);
  // The fields hold wall-clock times in a zone: they start once the zones are known.
  if (!zones.ready) return <FormSkeleton />;
  return <ProposeTimesFields {...props} zones={zones} />;
}

function ProposeTimesFields({ interview, onDone, zones }: { interview: Interview; onDone: () => void; zones: MeetingZones }) {
  const first = firstName(interview.contact.name);
  const { run, pending, refusal, conflict } = useRecordEvent(interview);
  const [rows, setRows] = useState<string[]>(['', '']);
  const [minutes, setMinutes] = useState<MeetingMinutes>(DEFAULT_MEETING_MINUTES);
  const [side, setSide] = useState<ZoneSide>('seeker');
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<number, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const zone = zoneOf(zones, side);

  const slots: ProposedSlot[] = rows.map((value) => ({ start: fromZonedInput(value, zone) ?? '', minutes }));
  const issues = validateSlots(slots, new Date());
  const rowErrors: Record<number, string> = { ...serverErrors };
  for (const issue of issues) {
    const row = slotRowOf(issue.field);
    // A blank row is only an error once the person tries to send.
    if (row === null || rowErrors[row] || (!submitted && rows[row]?.trim() === '')) continue;
    rowErrors[row] = issue.message;
  }

  const switchZone = (next: ZoneSide) => {
    const to = zoneOf(zones, next);
    setRows((current) => current.map((value) => {
      const instant = fromZonedInput(value, zone);
      return instant ? toZonedInput(instant, to) : value;
    }));
    setSide(next);
  };

  const setRow = (index: number, value: string) => {
    setRows((current) => current.map((row, i) => (i === index ? value : row)));
    setServerErrors(({ [index]: _gone, ...rest }) => rest);
    setFormError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (issues.length > 0) return;
    const ok = await run({ kind: 'slots_proposed', slots }, (error) => {
      const byRow: Record<number, string> = {};
      const other: string[] = [];
      for (const issue of error.issues) {
        const row = slotRowOf(issue.field);
        if (row === null) other.push(issue.message);
        else byRow[row] = issue.message;
      }
      setServerErrors(byRow);
      setFormError(other.length > 0 ? other.join(' ') : Object.keys(byRow).length === 0 ? error.message : null);
    });
    if (ok) {
      notifySuccess(`Send them to ${first}; when they pick one, press “They picked this one”.`, 'Times proposed');
      onDone();
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <EventAlerts interview={interview} kind="slots_proposed" refusal={refusal} conflict={conflict} />
        <Text size="sm" c="dimmed">
          Offer {first} two or three times, at their convenience: off-peak hours (early morning, late afternoon) are easiest for a busy
          person to accept. Rapport keeps them, shows each in both time zones, and lets you record the one they pick.
        </Text>

        <div>
          <Input.Label labelElement="div" id="slot-length-label" mb={4} display="block">
            Length
          </Input.Label>
          <SegmentedControl
            aria-labelledby="slot-length-label"
            value={String(minutes)}
            onChange={(value) => setMinutes(Number(value) as MeetingMinutes)}
            data={[
              { value: '30', label: '30 minutes' },
              { value: '20', label: '20 minutes' },
            ]}
          />
        </div>

        <ZoneChoice zones={zones} value={side} onChange={switchZone} contactFirst={first} />

        <Stack gap="sm">
          {rows.map((value, index) => {
            const slot = slots[index];
            const shown = slot && slot.start !== '' ? describeSlot(slot, zones.seeker, zones.host) : null;
            return (
              <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  style={{ flex: 1 }}
                  type="datetime-local"
                  label={`Time ${index + 1}`}
                  value={value}
                  min={nowZonedInput(zone)}
                  onChange={(event) => setRow(index, event.currentTarget.value)}
                  error={rowErrors[index]}
                  description={shown ?? undefined}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  required={index < MIN_PROPOSED_SLOTS}
                  data-autofocus={index === 0 || undefined}
                />
                {index >= MIN_PROPOSED_SLOTS && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    mt={24}
                    aria-label={`Remove time ${index + 1}`}
                    onClick={() => {
                      setRows((current) => current.filter((_, i) => i !== index));
                      setServerErrors({});
                    }}
                  >
                    <IconTrash size={17} />
                  </ActionIcon>
                )}
              </Group>
            );
          })}
          {rows.length < MAX_PROPOSED_SLOTS && (
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={15} />} onClick={() => setRows((current) => [...current, ''])} w="fit-content">
              Add a third time
            </Button>
          )}
        </Stack>

        {formError && (
          <Text size="sm" c="red" role="alert">
            {formError}
          </Text>
        )}

        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!interview.allowedEvents.includes('slots_proposed')}>
            Propose {rows.length} times
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
