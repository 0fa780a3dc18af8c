/** What every form that records an interview event shares: how a refusal, a conflict or a stale form is shown. */
import { Alert, Text } from '@mantine/core';
import { IconGitMerge, IconHandStop } from '@tabler/icons-react';
import { useState } from 'react';
import type { Interview } from '@shared/plan-api.ts';
import type { InterviewEventKind } from '@core/interview-stages.ts';
import { ApiError, errorMessage, isApiError } from '../api/index.ts';
import { notifyError } from '../ui/notify.tsx';
import { useInterviewWrite, type InterviewEventChanges } from './useInterviewWrite.ts';

/**
 * Records one event. A refusal (the stage moved on, once is enough, no way to
 * e-mail) and a version conflict load the latest interview and are shown above
 * the form; field problems go to `onInvalid`; anything else is a notification.
 * Resolves to true when the event was recorded.
 */
export function useRecordEvent(interview: Interview) {
  const { record, reload } = useInterviewWrite(interview);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const run = async (input: InterviewEventChanges, onInvalid: (error: ApiError) => void): Promise<boolean> => {
    setRefusal(null);
    setConflict(false);
    try {
      await record.mutateAsync(input);
      return true;
    } catch (error) {
      if (isApiError(error, 'STAGE_TRANSITION_REFUSED') || isApiError(error, 'ONCE_IS_ENOUGH') || isApiError(error, 'MAIL_NOT_POSSIBLE')) {
        setRefusal(errorMessage(error));
        void reload();
      } else if (isApiError(error, 'VERSION_CONFLICT')) {
        setConflict(true);
        void reload();
      } else if (isApiError(error, 'VALIDATION_FAILED')) {
        onInvalid(error);
      } else {
        notifyError(error, 'Nothing was recorded');
      }
      return false;
    }
  };

  return { run, pending: record.isPending, refusal, conflict };
}

/** The alerts above an event form. */
export function EventAlerts({
  interview,
  kind,
  refusal,
  conflict,
}: {
  interview: Interview;
  kind: Exclude<InterviewEventKind, 'created'>;
  refusal: string | null;
  conflict: boolean;
}) {
  const allowed = interview.allowedEvents.includes(kind);
  return (
    <>
      {refusal && (
        <Alert color="orange" variant="light" icon={<IconHandStop size={20} />} role="alert">
          <Text size="sm">{refusal}</Text>
        </Alert>
      )}
      {conflict && (
        <Alert color="orange" variant="light" icon={<IconGitMerge size={20} />} title="This interview changed elsewhere" role="alert">
          <Text size="sm">
            It was changed in another tab or on another device, so nothing was recorded. The latest version is loaded now: check it, then
            try again.
          </Text>
        </Alert>
      )}
      {!allowed && !refusal && (
        <Alert color="gray" variant="light" role="status">
          <Text size="sm">This cannot be recorded any more: the interview has moved on. Close this form to see where it stands.</Text>
        </Alert>
      )}
    </>
  );
}
