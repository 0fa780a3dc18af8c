/** One typed function per endpoint of planning and asking: preferences, targets, interviews, Today. */
import type { Page } from '@shared/api.ts';
import type {
  ComposedRequest,
  ContactLinks,
  Interview,
  InterviewCreateInput,
  InterviewEventInput,
  InterviewListItem,
  InterviewUpdateInput,
  PreferencesUpdateInput,
  SeekerPreferences,
  Target,
  TargetCreateInput,
  TargetDetail,
  TargetList,
  TargetUpdateInput,
  TaskDecisionInput,
  TimelineEntry,
  TodayView,
} from '@shared/plan-api.ts';
import type { RequestTemplateId } from '@core/request-templates.ts';
import { queryString, request } from './client.ts';

type Signal = AbortSignal | undefined;
const enc = encodeURIComponent;

// --- Preferences -------------------------------------------------------------

export const getPreferences = (signal?: Signal) => request<SeekerPreferences>('GET', '/api/preferences', { signal });

/** Refused with 409 VERSION_CONFLICT if the preferences changed since `version` was loaded. */
export const updatePreferences = (input: PreferencesUpdateInput) =>
  request<SeekerPreferences>('PUT', '/api/preferences', { body: input });

// --- Targets -----------------------------------------------------------------

/** Ranked: motivation, then open postings, then advocacy. */
export const listTargets = (signal?: Signal) => request<TargetList>('GET', '/api/targets', { signal });

export const createTarget = (input: TargetCreateInput) => request<Target>('POST', '/api/targets', { body: input });

/** The target with its warm paths in. */
export const getTarget = (id: string, signal?: Signal) => request<TargetDetail>('GET', `/api/targets/${enc(id)}`, { signal });

export const updateTarget = (id: string, input: TargetUpdateInput) =>
  request<Target>('PATCH', `/api/targets/${enc(id)}`, { body: input });

export const deleteTarget = (id: string, version: number) =>
  request<void>('DELETE', `/api/targets/${enc(id)}${queryString({ version })}`);

// --- Interviews --------------------------------------------------------------

export interface InterviewListParams {
  /** 'open', 'closed' or one stage. */
  stage?: string | undefined;
  contactId?: string | undefined;
  organizationId?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export const listInterviews = (params: InterviewListParams, signal?: Signal) =>
  request<Page<InterviewListItem>>('GET', `/api/interviews${queryString({ ...params })}`, { signal });

/** Refused with 409 ONCE_IS_ENOUGH for someone already met (unless hostInvitedAgain), DUPLICATE for an open one. */
export const createInterview = (input: InterviewCreateInput) => request<Interview>('POST', '/api/interviews', { body: input });

export const getInterview = (id: string, signal?: Signal) => request<Interview>('GET', `/api/interviews/${enc(id)}`, { signal });

/** Saves the request draft and notes. */
export const updateInterview = (id: string, input: InterviewUpdateInput) =>
  request<Interview>('PATCH', `/api/interviews/${enc(id)}`, { body: input });

export const deleteInterview = (id: string, version: number) =>
  request<void>('DELETE', `/api/interviews/${enc(id)}${queryString({ version })}`);

/** Records what happened (request sent, reply, scheduled…); 409 STAGE_TRANSITION_REFUSED explains an impossible one. */
export const recordInterviewEvent = (id: string, input: InterviewEventInput) =>
  request<Interview>('POST', `/api/interviews/${enc(id)}/events`, { body: input });

export const getInterviewTimeline = (id: string, signal?: Signal) =>
  request<{ items: TimelineEntry[] }>('GET', `/api/interviews/${enc(id)}/timeline`, { signal });

/** A request drafted from a template, filled from the contact, the organization and the warmest path. */
export const composeRequest = (id: string, template: RequestTemplateId, signal?: Signal) =>
  request<ComposedRequest>('GET', `/api/interviews/${enc(id)}/compose${queryString({ template })}`, { signal });

// --- Contacts: timeline and "knows" links ------------------------------------

export const getContactTimeline = (id: string, signal?: Signal) =>
  request<{ items: TimelineEntry[] }>('GET', `/api/contacts/${enc(id)}/timeline`, { signal });

export const getContactLinks = (id: string, signal?: Signal) => request<ContactLinks>('GET', `/api/contacts/${enc(id)}/links`, { signal });

export const linkContacts = (id: string, otherId: string) =>
  request<ContactLinks>('PUT', `/api/contacts/${enc(id)}/links/${enc(otherId)}`);

export const unlinkContacts = (id: string, otherId: string) =>
  request<ContactLinks>('DELETE', `/api/contacts/${enc(id)}/links/${enc(otherId)}`);

// --- Today and tasks ---------------------------------------------------------

export const getToday = (signal?: Signal) => request<TodayView>('GET', '/api/today', { signal });

/** Done, dismissed, snoozed (until a date) or reopened; answers the new Today. */
export const decideTask = (input: TaskDecisionInput) => request<TodayView>('POST', '/api/tasks/decisions', { body: input });
