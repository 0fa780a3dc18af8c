import type { OutcomeKind } from '@shared/after-api.ts';

export const OUTCOME_LABELS: Record<OutcomeKind, { label: string; color: string }> = {
  lead: { label: 'Lead', color: 'blue' },
  job_interview: { label: 'Job interview', color: 'violet' },
  offer: { label: 'Offer', color: 'green' },
};
