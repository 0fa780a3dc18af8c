/**
 * The HTTP contract of the after-meeting work (PRODUCT.md steps 7–8): the
 * write-up with the four measures of success, referrals, the thank-you, ideas
 * of value to share, and outcomes. Shared by the server routes and the web app.
 */
import { z } from 'zod';
import type { InterviewStage } from '../core/interview-stages.ts';
import { cleanText, isEmail } from '../core/normalize.ts';
import { MAY_USE_NAME, type MayUseName } from '../core/referral-rules.ts';
import type { ValueIdea } from '../core/stay-in-touch.ts';
import type { ThankYouFinding } from '../core/thank-you.ts';
import { editedVersion, recordId, type Ref } from './api.ts';

const id = recordId;
const version = editedVersion(0);

const optionalText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max.toLocaleString('en')} characters` })
    .nullable()
    .transform((v) => (v == null || cleanText(v) === '' ? null : cleanText(v)));

const longText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max.toLocaleString('en')} characters` })
    .nullable()
    .transform((v) => (v == null || v.trim() === '' ? null : v.replace(/\r\n?/g, '\n').trim()));

const requiredText = (max: number) =>
  z
    .string({ message: 'is required' })
    .transform(cleanText)
    .pipe(z.string().min(1, { message: 'is required' }).max(max, { message: `must be at most ${max} characters` }));

// ---------------------------------------------------------------------------
// Write-up

export interface WriteUp {
  interviewId: string;
  learned: string | null;
  /** Measure 1: good information, 1–5. */
  informationRating: number | null;
  /** Measure 2: what the seeker gave back. */
  gaveBack: string | null;
  /** Measure 3: a professional connection made. */
  connectionMade: boolean | null;
  /** Measure 4: a lead. */
  lead: string | null;
  nextStep: string | null;
  /** 0 until saved once. */
  version: number;
  updatedAt: string | null;
}

export const WriteUpSaveSchema = z.strictObject({
  /** The version loaded; 0 for a write-up never saved. */
  version,
  learned: longText(20_000).default(null),
  informationRating: z.number().int().min(1, { message: 'must be 1 to 5' }).max(5, { message: 'must be 1 to 5' }).nullable().default(null),
  gaveBack: optionalText(1000).default(null),
  connectionMade: z.boolean().nullable().default(null),
  lead: optionalText(1000).default(null),
  nextStep: optionalText(500).default(null),
});
export type WriteUpSaveInput = z.input<typeof WriteUpSaveSchema>;

// ---------------------------------------------------------------------------
// Referrals

export interface Referral {
  id: string;
  interviewId: string;
  /** The host who gave the name. */
  referrer: Ref;
  /** The person named, a contact "introduced by" the referrer. */
  contact: Ref & { emails: string[]; organization: Ref | null };
  mayUseName: MayUseName;
  note: string | null;
  /** When the first request went to them; null while none has. */
  contactedAt: string | null;
  referrerToldAt: string | null;
  createdAt: string;
  /** Edits name the version they were made over (the note, "may I use your name?", told). */
  version: number;
}

export const ReferralCreateSchema = z
  .strictObject({
    /** An existing contact of the seeker's… */
    contactId: id.optional(),
    /** …or a new one, introduced by the host. */
    name: requiredText(200).optional(),
    email: z
      .string()
      .trim()
      .max(254)
      .nullable()
      .default(null)
      .transform((v) => (v === null || v === '' ? null : v.toLowerCase()))
      .refine((v) => v === null || isEmail(v), { message: 'is not an e-mail address' }),
    organizationId: id.nullable().default(null),
    /** A new organization by name, when it is not in Rapport yet. */
    organizationName: optionalText(200).default(null),
    mayUseName: z.enum(MAY_USE_NAME).default('not_asked'),
    note: optionalText(1000).default(null),
  })
  .superRefine((value, ctx) => {
    if (value.contactId === undefined && value.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required' });
    if (value.contactId !== undefined && value.name !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'give either an existing contact or a name, not both' });
    }
  });
export type ReferralCreateInput = z.input<typeof ReferralCreateSchema>;

export const ReferralUpdateSchema = z.strictObject({
  /** The referral's version the edit was made over; an older one is refused. */
  version: editedVersion(1),
  mayUseName: z.enum(MAY_USE_NAME).optional(),
  note: optionalText(1000).optional(),
  /** true marks the referrer told now; false takes it back. */
  referrerTold: z.boolean().optional(),
});
export type ReferralUpdateInput = z.input<typeof ReferralUpdateSchema>;

// ---------------------------------------------------------------------------
// Thank-you

export interface ThankYou {
  subject: string;
  body: string;
  /** True when the seeker edited it; false for the draft built from the notes. */
  edited: boolean;
  /** The draft built from the notes, to reset to. */
  generated: { subject: string; body: string };
  /** The specific thing the generated draft names; null when nothing was written down. */
  specific: string | null;
  findings: ThankYouFinding[];
  /** 24 hours after the meeting ended; null when the meeting time is unknown. */
  deadline: string | null;
  sentAt: string | null;
  /** Where an e-mail would go; null without an address. */
  contactEmail: string | null;
  /** Whether this Rapport can send e-mail (SMTP configured). */
  mailConfigured: boolean;
  /** The write-up's version: saving the draft is versioned with it. */
  version: number;
}

export const ThankYouSaveSchema = z.strictObject({
  version,
  /** null resets to the draft built from the notes. */
  subject: z
    .string()
    .max(200, { message: 'must be at most 200 characters' })
    .nullable()
    .transform((v) => (v === null || cleanText(v) === '' ? null : cleanText(v)))
    .refine((v) => v === null || !/[\r\n]/.test(v), { message: 'must be one line' }),
  body: longText(5000),
});
export type ThankYouSaveInput = z.input<typeof ThankYouSaveSchema>;

export const THANK_YOU_CHANNELS = ['email', 'copy', 'card'] as const;
export const ThankYouSendSchema = z.strictObject({
  via: z.enum(THANK_YOU_CHANNELS),
  /** The interview's version, as for any event. */
  version: editedVersion(1),
});
export type ThankYouSendInput = z.input<typeof ThankYouSendSchema>;

// ---------------------------------------------------------------------------
// Outcomes

export const OUTCOME_KINDS = ['lead', 'job_interview', 'offer'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface OutcomeInterviewRef {
  id: string;
  contact: Ref;
  organization: Ref | null;
  stage: InterviewStage;
  meetingAt: string | null;
}

export interface Outcome {
  id: string;
  kind: OutcomeKind;
  title: string;
  organization: Ref | null;
  occurredOn: string;
  notes: string | null;
  /** The conversations it came from. */
  interviews: OutcomeInterviewRef[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

const outcomeFields = {
  kind: z.enum(OUTCOME_KINDS, { message: 'must be lead, job_interview or offer' }),
  title: requiredText(200),
  organizationId: id.nullable(),
  occurredOn: z.iso.date({ message: 'must be a date like 2026-03-02' }),
  notes: longText(5000),
  interviewIds: z.array(id).max(50).transform((ids) => [...new Set(ids.map((i) => i.toLowerCase()))]),
};

export const OutcomeCreateSchema = z.strictObject({
  kind: outcomeFields.kind,
  title: outcomeFields.title,
  organizationId: outcomeFields.organizationId.default(null),
  occurredOn: outcomeFields.occurredOn,
  notes: outcomeFields.notes.default(null),
  interviewIds: outcomeFields.interviewIds.default([]),
});
export type OutcomeCreateInput = z.input<typeof OutcomeCreateSchema>;

export const OutcomeUpdateSchema = z.strictObject({
  version: editedVersion(1),
  kind: outcomeFields.kind.optional(),
  title: outcomeFields.title.optional(),
  organizationId: outcomeFields.organizationId.optional(),
  occurredOn: outcomeFields.occurredOn.optional(),
  notes: outcomeFields.notes.optional(),
  interviewIds: outcomeFields.interviewIds.optional(),
});
export type OutcomeUpdateInput = z.input<typeof OutcomeUpdateSchema>;

export const OutcomeListQuerySchema = z.object({ interviewId: id.optional() });

// ---------------------------------------------------------------------------
// Everything after one meeting

export interface AfterSummary {
  interviewId: string;
  /** Whether the meeting took place, so the write-up, referrals and thank-you apply. */
  met: boolean;
  writeUp: WriteUp;
  referrals: Referral[];
  outcomes: Outcome[];
  /** Something of value to share when staying in touch, best first. */
  valueIdeas: ValueIdea[];
}
