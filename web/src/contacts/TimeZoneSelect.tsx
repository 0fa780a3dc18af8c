import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { IconWorldPin } from '@tabler/icons-react';
import { useMemo } from 'react';

let cached: ComboboxItem[] | undefined;

function offsetOf(timeZone: string, now: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(now);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

/** Every IANA time zone the browser knows, labelled "America/New York (GMT-5)" so people can search by city. */
function timeZoneOptions(): ComboboxItem[] {
  if (cached) return cached;
  const now = new Date();
  let names: string[];
  try {
    names = Intl.supportedValuesOf('timeZone');
  } catch {
    names = [];
  }
  if (!names.includes('UTC')) names = [...names, 'UTC'];
  cached = names.map((name) => {
    const offset = offsetOf(name, now);
    return { value: name, label: `${name.replace(/_/g, ' ')}${offset ? ` (${offset})` : ''}` };
  });
  return cached;
}

export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function TimeZoneSelect({ value, ...props }: Omit<SelectProps, 'data'> & { value: string | null }) {
  const data = useMemo(() => {
    const options = timeZoneOptions();
    // A stored zone the browser does not list (renamed, legacy) still shows.
    if (value && !options.some((option) => option.value === value)) return [{ value, label: value }, ...options];
    return options;
  }, [value]);
  return (
    <Select
      searchable
      clearable
      data={data}
      value={value}
      limit={80}
      maxDropdownHeight={280}
      nothingFoundMessage="No time zone matches"
      leftSection={<IconWorldPin size={16} stroke={1.6} />}
      {...props}
    />
  );
}
