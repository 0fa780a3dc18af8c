/**
 * The HTTP contract of planning and asking: the seeker's preferences, target
 * organizations and warm paths, interviews and their events, follow-up tasks
 * and Today. Shared by the server routes and the web app.
 */
import { z } from 'zod';
import type { IsoDate } from '../core/business-days.ts';
import type { FollowUpTaskKind, Responsiveness, WeeklyProgress } from '../core/follow-up.ts';
import {
  INTERVIEW_STAGES,
  REQUEST_CHANNELS,
  type InterviewEventKind,
  type InterviewStage,
  type RequestChannel,
} from '../core/interview-stages.ts';
import { cleanText, isTimeZone, normalizeTags } from '../core/normalize.ts';
import type { MeetingMinutes, MeetingPlace, ProposedSlot } from '../core/meeting-slots.ts';
import type { ReferralTaskKind } from '../core/referral-rules.ts';
import type { ReminderKind } from '../core/reminders.ts';
import type { RequestTemplateId } from '../core/request-templates.ts';
import type { Advocacy } from '../core/targets.ts';
import type { WarmPaths } from '../core/warm-paths.ts';
import { editedVersion, recordId, type Ref } from './api.ts';

const id = recordId;
const version = editedVersion(1);
const isoDate = z.iso.date({ message: 'must be a date like 2026-03-02' });
const instant = z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-03-02T09:30:00Z' });

const longText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max.toLocaleString('en')} characters` })
    .nullable()
    .transform((v) => (v == null || v.trim() === '' ? null : v.replace(/\r\n?/g, '\n')));

const timeZone = z.string().refine((v) => isTimeZone(v.trim()), { message: 'is not a time zone name such as Europe/Paris' }).transform((v) => v.trim());

// ---------------------------------------------------------------------------
// Preferences

export interface SeekerPreferences {
  timeZone: string;
  /** ISO weekdays the seeker works: 1 = Monday … 7 = Sunday. Business days for follow-ups. */
  workingDays: number[];
  weeklyRequestGoal: number;
  activeTargetLimit: number;
  /** The seeker's schools and past employers, as tags: contacts sharing one are a warmer way in. */
  affinityTags: string[];
  /** The first stay-in-touch reminder comes this many weeks after the meeting… */
  stayInTouchFirstWeeks: number;
  /** …then one every this many months. */
  stayInTouchEveryMonths: number;
  /** Local hour (0–23) of the daily digest e-mail of what is due; null sends none. */
  digestHour: number | null;
  /** 0 until saved once. */
  version: number;
}

export const PreferencesUpdateSchema = z.strictObject({
  /** The version you loaded; 0 for preferences never saved. */
  version: editedVersion(0),
  timeZone: timeZone.optional(),
  workingDays: z
    .array(z.number().int().min(1, { message: 'must be 1 (Monday) to 7 (Sunday)' }).max(7, { message: 'must be 1 (Monday) to 7 (Sunday)' }))
    .min(1, { message: 'needs at least one working day' })
    .max(7)
    .transform((days) => [...new Set(days)].sort((a, b) => a - b))
    .optional(),
  weeklyRequestGoal: z.number().int().min(1, { message: 'must be at least 1' }).max(100, { message: 'must be at most 100' }).optional(),
  activeTargetLimit: z.number().int().min(1, { message: 'must be at least 1' }).max(40, { message: 'must be at most 40' }).optional(),
  affinityTags: z.array(z.string().max(50, { message: 'must be at most 50 characters' })).max(50).transform(normalizeTags).optional(),
  stayInTouchFirstWeeks: z.number().int().min(1, { message: 'must be at least 1' }).max(52, { message: 'must be at most 52' }).optional(),
  stayInTouchEveryMonths: z.number().int().min(1, { message: 'must be at least 1' }).max(24, { message: 'must be at most 24' }).optional(),
  digestHour: z.number().int().min(0, { message: 'must be an hour from 0 to 23' }).max(23, { message: 'must be an hour from 0 to 23' }).nullable().optional(),
});
export type PreferencesUpdateInput = z.input<typeof PreferencesUpdateSchema>;
export type PreferencesUpdate = z.output<typeof PreferencesUpdateSchema>;

// ---------------------------------------------------------------------------
// Targets

const motivation = z.union([z.literal(1), z.literal(2), z.literal(3)], { message: 'must be 1, 2 or 3' });

export const TargetCreateSchema = z
  .strictObject({
    /** An existing organization… */
    organizationId: id.optional(),
    /** …or the name of one, found case- and space-insensitively or created. */
    organizationName: z
      .string()
      .transform(cleanText)
      .pipe(z.string().min(1, { message: 'is required' }).max(200, { message: 'must be at most 200 characters' }))
      .optional(),
    motivation: motivation.default(2),
    openPostings: z.boolean().default(false),
    active: z.boolean().default(false),
    notes: longText(20_000).default(null),
  })
  .refine((v) => (v.organizationId === undefined) !== (v.organizationName === undefined), {
    message: 'give either organizationId or organizationName',
    path: ['organizationId'],
  });
export type TargetCreateInput = z.input<typeof TargetCreateSchema>;
export type TargetCreate = z.output<typeof TargetCreateSchema>;

export const TargetUpdateSchema = z.strictObject({
  version,
  motivation: motivation.optional(),
  openPostings: z.boolean().optional(),
  active: z.boolean().optional(),
  notes: longText(20_000).optional(),
});
export type TargetUpdateInput = z.input<typeof TargetUpdateSchema>;
export type TargetUpdate = z.output<typeof TargetUpdateSchema>;

export interface Target {
  id: string;
  organization: Ref;
  motivation: 1 | 2 | 3;
  openPostings: boolean;
  active: boolean;
  advocacy: Advocacy;
  notes: string | null;
  /** Contacts working there. */
  contactCount: number;
  /** Interviews with people there that are neither closed nor finished. */
  openInterviewCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The ranked list: motivation, then open postings, then advocacy. */
export interface TargetList {
  items: Target[];
  goal: { count: number; goal: number; remaining: number };
  activeCount: number;
  activeLimit: number;
  /** Set when more targets are active than the limit. */
  activeWarning: string | null;
}

export interface TargetDetail extends Target {
  warmPaths: WarmPaths;
}

// ---------------------------------------------------------------------------
// Interviews

export const InterviewCreateSchema = z.strictObject({
  contactId: id,
  /** "Once is enough": set only when the host invited a second meeting. */
  hostInvitedAgain: z.boolean().default(false),
  notes: longText(100_000).default(null),
});
export type InterviewCreateInput = z.input<typeof InterviewCreateSchema>;
export type InterviewCreate = z.output<typeof InterviewCreateSchema>;

export const REQUEST_TEMPLATE_IDS = ['email', 'linkedin', 'intro_request'] as const satisfies readonly RequestTemplateId[];

/** Edits to the request draft and notes; the stage changes only through events. */
export const InterviewUpdateSchema = z.strictObject({
  version,
  requestTemplate: z.enum(REQUEST_TEMPLATE_IDS).nullable().optional(),
  requestSubject: z
    .string()
    .max(300, { message: 'must be at most 300 characters' })
    .nullable()
    .transform((v) => (v == null || cleanText(v) === '' ? null : cleanText(v)))
    .optional(),
  requestBody: longText(20_000).optional(),
  notes: longText(100_000).optional(),
});
export type InterviewUpdateInput = z.input<typeof InterviewUpdateSchema>;
export type InterviewUpdate = z.output<typeof InterviewUpdateSchema>;

/** When it happened; absent means now. A time in the future is refused. */
const at = instant.optional();

const meetingMinutes = z.union([z.literal(20), z.literal(30)], { message: 'must be 20 or 30 minutes' });

/** Where the meeting happens: an address, a phone call (who calls whom), or a video link. */
export const MeetingPlaceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['cafe', 'restaurant', 'office']),
    address: z.string().transform(cleanText).pipe(z.string().min(1, { message: 'is required' }).max(300, { message: 'must be at most 300 characters' })),
  }),
  z.strictObject({
    kind: z.literal('phone'),
    whoCalls: z.enum(['seeker', 'host']),
    number: z
      .string()
      .max(50, { message: 'must be at most 50 characters' })
      .nullable()
      .transform((v) => (v == null || v.trim() === '' ? null : v.trim()))
      .default(null),
  }),
  z.strictObject({ kind: z.literal('video'), url: z.string().trim().max(500, { message: 'must be at most 500 characters' }) }),
]);

export const InterviewEventInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    version,
    kind: z.literal('request_sent'),
    at,
    channel: z.enum(REQUEST_CHANNELS),
    /** E-mail the saved draft through the outbox (needs SMTP and the contact's e-mail); otherwise it was sent by hand. */
    send: z.boolean().default(false),
  }),
  z.strictObject({ version, kind: z.literal('follow_up_sent'), at }),
  z.strictObject({ version, kind: z.literal('reply_received'), at, answer: z.enum(['yes', 'no']) }),
  z.strictObject({
    version,
    kind: z.literal('slots_proposed'),
    at,
    slots: z.array(z.strictObject({ start: instant, minutes: meetingMinutes.default(30) })).max(3, { message: 'offer 2 or 3 times' }),
  }),
  z.strictObject({
    version,
    kind: z.literal('scheduled'),
    at,
    meetingAt: instant,
    minutes: meetingMinutes.default(30),
    place: MeetingPlaceSchema,
    /** Minutes to get there, for an in-person meeting's "leave by" reminder. */
    travelMinutes: z.number().int().min(0, { message: 'must be 0 or more' }).max(600, { message: 'must be at most 600' }).nullable().default(null),
    /** E-mail the calendar invite (METHOD:REQUEST) to the contact through the outbox. */
    sendInvite: z.boolean().default(false),
  }),
  z.strictObject({ version, kind: z.literal('confirmed'), at }),
  z.strictObject({ version, kind: z.literal('held'), at }),
  z.strictObject({ version, kind: z.literal('thanked'), at }),
  z.strictObject({ version, kind: z.literal('staying_in_touch'), at }),
  z.strictObject({
    version,
    kind: z.literal('value_shared'),
    at,
    what: z.string().transform(cleanText).pipe(z.string().min(1, { message: 'is required: what did you share?' }).max(500)),
  }),
  z.strictObject({ version, kind: z.literal('no_reply'), at }),
  z.strictObject({
    version,
    kind: z.literal('cancelled'),
    at,
    /** When a meeting was scheduled: e-mail the cancellation (METHOD:CANCEL) so it leaves their calendar. */
    sendInvite: z.boolean().default(false),
  }),
]);
export type InterviewEventInput = z.input<typeof InterviewEventInputSchema>;

/** 'open': not yet met; 'met': the meeting took place; 'closed': ended without one. */
export const INTERVIEW_STAGE_FILTERS = ['open', 'met', 'closed', ...INTERVIEW_STAGES] as const;

export const InterviewListQuerySchema = z.object({
  stage: z.enum(INTERVIEW_STAGE_FILTERS).optional(),
  contactId: id.optional(),
  organizationId: id.optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type InterviewListQuery = z.input<typeof InterviewListQuerySchema>;

export interface InterviewContactRef extends Ref {
  knownPersonally: boolean;
  responsiveness: Responsiveness | null;
  emails: string[];
  linkedinUrl: string | null;
}

export interface Interview {
  id: string;
  contact: InterviewContactRef;
  organization: Ref | null;
  stage: InterviewStage;
  hostInvitedAgain: boolean;
  requestTemplate: RequestTemplateId | null;
  requestSubject: string | null;
  requestBody: string | null;
  requestChannel: RequestChannel | null;
  requestSentAt: string | null;
  followUpSentAt: string | null;
  repliedAt: string | null;
  replyAnswer: 'yes' | 'no' | null;
  meetingAt: string | null;
  meetingMinutes: MeetingMinutes | null;
  meetingPlace: MeetingPlace | null;
  travelMinutes: number | null;
  /** Times offered and not yet chosen from. */
  proposedSlots: ProposedSlot[] | null;
  /** The calendar invite's SEQUENCE: raised on every reschedule and on cancel. */
  scheduleRevision: number;
  heldAt: string | null;
  thankedAt: string | null;
  lastTouchAt: string | null;
  notes: string | null;
  /** The events the seeker may record now. */
  allowedEvents: InterviewEventKind[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type InterviewListItem = Pick<
  Interview,
  'id' | 'contact' | 'organization' | 'stage' | 'requestSentAt' | 'meetingAt' | 'updatedAt' | 'version'
>;

/** One line of a timeline, on an interview or across a contact's interviews. */
export interface TimelineEntry {
  id: string;
  interviewId: string;
  kind: InterviewEventKind;
  occurredAt: string;
  /** The event's own fields: channel, answer, meetingAt, automatic. */
  detail: Record<string, unknown>;
  /** Stage after the event. */
  stage: InterviewStage;
}

/** A request drafted from a template, filled from the contact, organization and warmest path. */
export interface ComposedRequest {
  template: RequestTemplateId;
  subject: string | null;
  body: string;
  /** Who connects the seeker to the contact, when the network says so; the lint expects the name early. */
  sharedConnectionName: string | null;
  /** For intro requests: the mutual contact to write to. */
  introducer: Ref | null;
  mailto: string | null;
}

export const ComposeQuerySchema = z.object({ template: z.enum(REQUEST_TEMPLATE_IDS).default('email') });

// ---------------------------------------------------------------------------
// Tasks and Today

export const TaskDecisionSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[0-9a-f-]{36}:(second_contact|follow_up|confirm|leave_by|thank_you|stay_in_touch:[1-9][0-9]{0,3}|tell_referrer)$/i, { message: 'is not a task key' })
    .transform((key) => key.toLowerCase()),
  status: z.enum(['open', 'done', 'dismissed', 'snoozed']),
  /** Required when snoozing: the date the task comes back (moved to a working day). */
  snoozedUntil: isoDate.nullable().default(null),
});
export type TaskDecisionInput = z.input<typeof TaskDecisionSchema>;

export interface TodayTaskView {
  key: string;
  /** A 3B7 follow-up or a meeting reminder. */
  kind: FollowUpTaskKind | ReminderKind | ReferralTaskKind;
  title: string;
  reason: string;
  dueOn: IsoDate;
  effectiveDueOn: IsoDate;
  snoozed: boolean;
  /** The precise moment a reminder is about (leave by 9:35, thank them by 11:00 tomorrow). */
  at: string | null;
  /** A message ready to send (confirming tomorrow's meeting) or a prompt (something of value to share). */
  draft: string | null;
  interviewId: string;
  contact: Ref;
  organization: Ref | null;
}

export interface TodayView {
  today: IsoDate;
  timeZone: string;
  /** ISO weekdays the seeker works, for choosing snooze dates. */
  workingDays: number[];
  overdue: TodayTaskView[];
  dueToday: TodayTaskView[];
  upcoming: TodayTaskView[];
  weekly: WeeklyProgress;
  /** Interviews the 3B7 rule closed as "no reply" since the seeker last looked. */
  closedForSilence: { interviewId: string; contact: Ref }[];
}

// ---------------------------------------------------------------------------
// Contact links ("knows")

export interface ContactLinks {
  knows: Ref[];
}
