/**
 * "When you contact someone they referred, tell the referrer" (PRODUCT.md step 8).
 *
 * A host who gave a name wants to know it was used: a short note says their
 * help counted and keeps them in the loop before the person they named mentions
 * it. Once a request goes out to a referred contact, a task appears on Today
 * until the seeker marks the referrer told.
 *
 * Like the 3B7 tasks and the reminders, the task is derived from the data alone
 * and carries a stable key (`${referralId}:tell_referrer`) to which the seeker's
 * decisions (done, dismissed, snoozed) attach. Pure: no clock, no I/O.
 */
import { DateTime } from 'luxon';
import { localDate, type IsoDate } from './business-days.ts';

export type ReferralTaskKind = 'tell_referrer';

export type MayUseName = 'yes' | 'no' | 'not_asked';
export const MAY_USE_NAME = ['yes', 'no', 'not_asked'] as const;

export interface ReferralSubject {
  referralId: string;
  /** The interview in which the name was given. */
  interviewId: string;
  referrer: { id: string; name: string };
  contact: { id: string; name: string };
  mayUseName: MayUseName;
  /** When the first request went to the referred contact; null while none has. */
  contactedAt: string | null;
  referrerToldAt: string | null;
}

export interface ReferralTask {
  key: string;
  kind: ReferralTaskKind;
  referralId: string;
  interviewId: string;
  /** The referrer: the person to write to. */
  contactId: string;
  title: string;
  reason: string;
  /** The local day the request went out. */
  dueOn: IsoDate;
  draft: string;
}

export function referralTaskKey(referralId: string): string {
  return `${referralId}:tell_referrer`;
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name.trim();
}

/** The tasks of the referrals whose contact was asked and whose referrer was not told yet. */
export function deriveReferralTasks(subjects: readonly ReferralSubject[], timeZone: string): ReferralTask[] {
  return subjects.flatMap((s) => {
    if (s.contactedAt === null || s.referrerToldAt !== null) return [];
    const dueOn = localDate(s.contactedAt, timeZone);
    const day = DateTime.fromISO(dueOn, { zone: 'utc', locale: 'en-US' }).toFormat('ccc d LLL yyyy');
    const permission =
      s.mayUseName === 'yes' ? ' and said you may use their name' : s.mayUseName === 'no' ? ' (and asked you not to use their name)' : '';
    return [
      {
        key: referralTaskKey(s.referralId),
        kind: 'tell_referrer' as const,
        referralId: s.referralId,
        interviewId: s.interviewId,
        contactId: s.referrer.id,
        title: `Tell ${s.referrer.name} you contacted ${s.contact.name}`,
        reason:
          `You asked ${s.contact.name} for a conversation on ${day}. ${s.referrer.name} gave you the name${permission}; ` +
          'a short note tells them their help counted and keeps them in the loop.',
        dueOn,
        draft:
          `Hi ${firstName(s.referrer.name)}, a quick note to say I reached out to ${s.contact.name}, as you suggested. ` +
          "Thank you again for the introduction. I'll let you know how it goes.",
      },
    ];
  });
}
