/**
 * What the scheduling screens share: whether Rapport can e-mail, the two time
 * zones a meeting lives in (the seeker's, from preferences; the contact's, from
 * their contact record), and the conversion between an instant and the value of
 * a native `<input type="datetime-local">` read in a given zone.
 */
import { useQuery } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import type { Contact } from '@shared/api.ts';
import type { Interview } from '@shared/plan-api.ts';
import { getContact, getMailStatus, getPreferences, queryKeys } from '../api/index.ts';
import { browserTimeZone } from '../contacts/TimeZoneSelect.tsx';

/** `GET /api/mail`: rarely changes (only with a restart), so it is cached for a while. */
export function useMailStatus() {
  return useQuery({ queryKey: queryKeys.mail, queryFn: ({ signal }) => getMailStatus(signal), staleTime: 5 * 60_000 });
}

export interface MeetingZones {
  /** The seeker's zone (preferences), or this browser's while they load. */
  seeker: string;
  /** The contact's zone, or null when their contact record has none. */
  host: string | null;
  /** False until both are known. */
  ready: boolean;
  /** The contact's full record (phones, zone), once loaded. */
  contact: Contact | undefined;
}

export function useMeetingZones(interview: Interview): MeetingZones {
  const preferences = useQuery({ queryKey: queryKeys.preferences, queryFn: ({ signal }) => getPreferences(signal), staleTime: 60_000 });
  const contact = useQuery({
    queryKey: queryKeys.contacts.detail(interview.contact.id),
    queryFn: ({ signal }) => getContact(interview.contact.id, signal),
    staleTime: 60_000,
  });
  return {
    seeker: preferences.data?.timeZone ?? browserTimeZone() ?? 'UTC',
    host: contact.data?.timeZone ?? null,
    ready: preferences.data !== undefined && contact.data !== undefined,
    contact: contact.data,
  };
}

/** The instant a datetime-local value means in `zone`, as an ISO string with its offset; null when blank or invalid. */
export function fromZonedInput(value: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : null;
}

/** An instant as a datetime-local value in `zone` ("2026-03-10T10:00"). */
export function toZonedInput(iso: string, zone: string): string {
  const parsed = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  return parsed.isValid ? parsed.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/** Now, as a datetime-local value in `zone`: the `min` of a field for a future time. */
export function nowZonedInput(zone: string): string {
  return DateTime.now().setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** "9:35" in `zone`; with the day ("Tue 10 Mar, 9:35") when asked. */
export function formatZoned(iso: string, zone: string, { withDay = false } = {}): string {
  const parsed = DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale('en-GB');
  if (!parsed.isValid) return iso;
  return parsed.toFormat(withDay ? 'ccc d LLL, H:mm' : 'H:mm');
}

/** The local date of an instant in `zone` (YYYY-MM-DD). */
export function zonedDate(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISODate() ?? '';
}

/** Issues of `validateSlots` name `slots[1].start`, the server's `slots.1.start`: both to a row number. */
export function slotRowOf(field: string): number | null {
  const match = /^slots(?:\[(\d+)\]|\.(\d+))/.exec(field);
  if (!match) return null;
  return Number(match[1] ?? match[2]);
}

export function firstName(name: string): string {
  return name.split(' ')[0] || name;
}

export function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
