import { useMutation, useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import type { Interview, InterviewEventInput, InterviewUpdateInput } from '@shared/plan-api.ts';
import { getInterview, queryKeys, recordInterviewEvent, updateInterview } from '../api/index.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type InterviewChanges = Omit<InterviewUpdateInput, 'version'>;
export type InterviewEventChanges = DistributiveOmit<InterviewEventInput, 'version'>;

/**
 * The interview's query. A response never replaces a newer version already in
 * the cache: a reload that started before a save finished would otherwise bring
 * the old version back and make the next save a conflict.
 */
export function interviewQuery(id: string) {
  return {
    queryKey: queryKeys.interviews.detail(id),
    queryFn: ({ signal }: { signal: AbortSignal }) => getInterview(id, signal),
    structuralSharing: (previous: unknown, next: unknown) => {
      const before = previous as Interview | undefined;
      const after = next as Interview;
      return before && before.id === after.id && before.version > after.version ? before : after;
    },
  };
}

function currentVersion(queryClient: QueryClient, interview: Interview): number {
  return Math.max(interview.version, queryClient.getQueryData<Interview>(queryKeys.interviews.detail(interview.id))?.version ?? 0);
}

/**
 * Puts a saved interview in the cache and refreshes what depends on it (the
 * list, Today, the timeline) — but not the interview itself, which is fresh,
 * and not the composed templates, which do not depend on the draft.
 */
export function acceptInterview(queryClient: QueryClient, saved: Interview, { refreshCompose = false } = {}): void {
  queryClient.setQueryData<Interview>(queryKeys.interviews.detail(saved.id), (current) =>
    current && current.version > saved.version ? current : saved,
  );
  void queryClient.invalidateQueries({
    queryKey: queryKeys.interviews.all,
    predicate: (query: Query) => {
      const [, kind, id] = query.queryKey as [string, string?, string?];
      if (kind === 'detail' && id === saved.id) return false;
      if (kind === 'compose' && !refreshCompose) return false;
      return true;
    },
  });
}

/**
 * Saving the draft and notes, and recording events, for one interview. All run
 * one after another (one mutation scope), each with the version the previous
 * one produced.
 */
export function useInterviewWrite(interview: Interview) {
  const queryClient = useQueryClient();
  const scope = { id: `interview:${interview.id}` };

  const patch = useMutation({
    scope,
    mutationFn: async (changes: InterviewChanges) => {
      const saved = await updateInterview(interview.id, { ...changes, version: currentVersion(queryClient, interview) });
      acceptInterview(queryClient, saved);
      return saved;
    },
  });

  const record = useMutation({
    scope,
    mutationFn: async (event: InterviewEventChanges) => {
      const saved = await recordInterviewEvent(interview.id, { ...event, version: currentVersion(queryClient, interview) } as InterviewEventInput);
      acceptInterview(queryClient, saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.targets.all });
      return saved;
    },
  });

  /** After a conflict: loads the latest version (its number is what the next save carries). */
  const reload = () => queryClient.fetchQuery({ ...interviewQuery(interview.id), staleTime: 0 });

  return { patch, record, reload };
}
