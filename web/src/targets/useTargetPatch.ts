import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Target, TargetDetail, TargetList, TargetUpdateInput } from '@shared/plan-api.ts';
import { isApiError, queryKeys, updateTarget } from '../api/index.ts';
import { notifyError } from '../ui/notify.tsx';

export type TargetChanges = Omit<TargetUpdateInput, 'version'>;

/** The newest version of the target any view holds: edits made one after another build on each other. */
function latestVersion(queryClient: QueryClient, target: Target): number {
  const listed = queryClient.getQueryData<TargetList>(queryKeys.targets.list)?.items.find((item) => item.id === target.id);
  const detail = queryClient.getQueryData<TargetDetail>(queryKeys.targets.detail(target.id));
  return Math.max(target.version, listed?.version ?? 0, detail?.version ?? 0);
}

function writeTarget(queryClient: QueryClient, id: string, update: (target: Target) => Target): void {
  queryClient.setQueryData<TargetList>(queryKeys.targets.list, (list) =>
    list ? { ...list, items: list.items.map((item) => (item.id === id ? update(item) : item)) } : list,
  );
  queryClient.setQueryData<TargetDetail>(queryKeys.targets.detail(id), (detail) => (detail ? { ...detail, ...update(detail) } : detail));
}

/**
 * Saves one change to a target (motivation, postings, active, notes) with the
 * version it was made on. The change shows at once; changes to the same target
 * run one after another so each carries the version the previous one produced.
 * A VERSION_CONFLICT reloads the target and says nothing was overwritten.
 */
export function useTargetPatch(target: Target) {
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: `target:${target.id}` },
    mutationFn: (changes: TargetChanges) => updateTarget(target.id, { ...changes, version: latestVersion(queryClient, target) }),
    onMutate: async (changes) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.targets.all });
      const { notes, ...shown } = changes;
      writeTarget(queryClient, target.id, (current) => ({ ...current, ...shown, ...(notes !== undefined ? { notes } : {}) }));
    },
    onSuccess: (saved) => writeTarget(queryClient, saved.id, (current) => ({ ...current, ...saved })),
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        notifyError(
          new Error('It was changed in another tab or on another device. Nothing was overwritten; the latest version is shown now.'),
          'This target changed elsewhere',
        );
      } else {
        notifyError(error, 'The target was not saved');
      }
    },
    // Ranking, the active count and its warning depend on every target: the list is reloaded after each change.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.targets.all }),
  });
}
