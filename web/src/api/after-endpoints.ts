/** One typed function per endpoint of the after-meeting work: write-up, referrals, thank-you, outcomes. */
import type {
  AfterSummary,
  Outcome,
  OutcomeCreateInput,
  OutcomeUpdateInput,
  Referral,
  ReferralCreateInput,
  ReferralUpdateInput,
  ThankYou,
  ThankYouSaveInput,
  ThankYouSendInput,
  WriteUp,
  WriteUpSaveInput,
} from '@shared/after-api.ts';
import type { Interview } from '@shared/plan-api.ts';
import { queryString, request } from './client.ts';

type Signal = AbortSignal | undefined;
const enc = encodeURIComponent;

/** Query keys of the after-meeting views, kept beside their endpoints. */
export const afterKeys = {
  summary: (interviewId: string) => ['after', 'summary', interviewId] as const,
  thankYou: (interviewId: string) => ['after', 'thank-you', interviewId] as const,
  outcomes: ['outcomes'] as const,
};

/** The write-up, referrals, outcomes and ideas of value to share, for one interview. */
export const getAfterSummary = (interviewId: string, signal?: Signal) =>
  request<AfterSummary>('GET', `/api/interviews/${enc(interviewId)}/after`, { signal });

/** Refused with 409 VERSION_CONFLICT when saved elsewhere meanwhile; 409 STAGE_TRANSITION_REFUSED before the meeting. */
export const saveWriteUp = (interviewId: string, input: WriteUpSaveInput) =>
  request<WriteUp>('PUT', `/api/interviews/${enc(interviewId)}/write-up`, { body: input });

export const addReferral = (interviewId: string, input: ReferralCreateInput) =>
  request<Referral>('POST', `/api/interviews/${enc(interviewId)}/referrals`, { body: input });

export const updateReferral = (interviewId: string, referralId: string, input: ReferralUpdateInput) =>
  request<Referral>('PATCH', `/api/interviews/${enc(interviewId)}/referrals/${enc(referralId)}`, { body: input });

export const getThankYou = (interviewId: string, signal?: Signal) =>
  request<ThankYou>('GET', `/api/interviews/${enc(interviewId)}/thank-you`, { signal });

export const saveThankYou = (interviewId: string, input: ThankYouSaveInput) =>
  request<ThankYou>('PUT', `/api/interviews/${enc(interviewId)}/thank-you`, { body: input });

/** Records the thank-you (held → thanked); by e-mail it goes through the outbox, or 409 MAIL_NOT_POSSIBLE. */
export const sendThankYou = (interviewId: string, input: ThankYouSendInput) =>
  request<Interview>('POST', `/api/interviews/${enc(interviewId)}/thank-you/send`, { body: input });

export const listOutcomes = (params: { interviewId?: string } = {}, signal?: Signal) =>
  request<{ items: Outcome[] }>('GET', `/api/outcomes${queryString(params)}`, { signal });

export const createOutcome = (input: OutcomeCreateInput) => request<Outcome>('POST', '/api/outcomes', { body: input });

export const updateOutcome = (id: string, input: OutcomeUpdateInput) => request<Outcome>('PATCH', `/api/outcomes/${enc(id)}`, { body: input });

export const deleteOutcome = (id: string, version: number) => request<void>('DELETE', `/api/outcomes/${enc(id)}${queryString({ version })}`);
