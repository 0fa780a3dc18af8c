import { Group, SegmentedControl, Text } from '@mantine/core';
import { zoneLabel } from '@core/meeting-slots.ts';
import type { MeetingZones } from './scheduling.ts';

export type ZoneSide = 'seeker' | 'host';

/** Which zone the time fields are typed in, when the seeker and the contact live in different ones. */
export function ZoneChoice({ zones, value, onChange, contactFirst }: { zones: MeetingZones; value: ZoneSide; onChange: (side: ZoneSide) => void; contactFirst: string }) {
  if (zones.host === null || zones.host === zones.seeker) {
    return (
      <Text size="xs" c="dimmed">
        Times in {zoneLabel(zones.seeker)} time{zones.host === null ? `: ${contactFirst}'s time zone is not on their contact record.` : ', where you both are.'}
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" id="zone-choice-label">
        Type the times in
      </Text>
      <SegmentedControl
        size="xs"
        aria-labelledby="zone-choice-label"
        value={value}
        onChange={(side) => onChange(side as ZoneSide)}
        data={[
          { value: 'seeker', label: `your zone (${zoneLabel(zones.seeker)})` },
          { value: 'host', label: `${contactFirst}'s (${zoneLabel(zones.host)})` },
        ]}
      />
    </Group>
  );
}

export function zoneOf(zones: MeetingZones, side: ZoneSide): string {
  return side === 'host' && zones.host !== null ? zones.host : zones.seeker;
}
