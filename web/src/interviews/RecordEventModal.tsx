import { Alert, Button, Group, Input, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertOctagon, IconGitMerge, IconHandStop } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Interview } from '@shared/plan-api.ts';
import type { InterviewEventKind, RequestChannel } from '@core/interview-stages.ts';
import { errorMessage, getInterviewTimeline, isApiError, queryKeys } from '../api/index.ts';
import { fieldErrorsFrom, type FieldErrors } from '../ui/fieldErrors.ts';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { formatInstant, fromLocalInput, toLocalInput } from './dates.ts';
import { CHANNEL_OPTIONS, EVENT_META } from './interviewParts.tsx';
import { useInterviewWrite, type InterviewEventChanges } from './useInterviewWrite.ts';

export type RecordableKind = Exclude<InterviewEventKind, 'created'>;

export interface EventRequest {
  kind: RecordableKind;
  /** request_sent: the channel to preselect. */
  channel?: RequestChannel;
  /** request_sent from the composer: blockers the lint still finds. */
  blockers?: number;
}

const TITLES: Record<RecordableKind, (name: string) => string> = {
  request_sent: (name) => `You sent your request to ${name}`,
  follow_up_sent: (name) => `You followed up with ${name}`,
  reply_received: (name) => `${name} replied`,
  scheduled: () => 'Meeting scheduled',
  confirmed: () => 'Meeting confirmed',
  held: (name) => `You met ${name}`,
  thanked: (name) => `You thanked ${name}`,
  staying_in_touch: (name) => `Staying in touch with ${name}`,
  no_reply: () => 'Close as no reply',
  cancelled: () => 'Cancel this interview',
};

const SUBMIT: Record<RecordableKind, string> = {
  request_sent: 'Mark as sent',
  follow_up_sent: 'Mark follow-up sent',
  reply_received: 'Log reply',
  scheduled: 'Save meeting',
  confirmed: 'Mark confirmed',
  held: 'Mark held',
  thanked: 'Mark thanked',
  staying_in_touch: 'Mark staying in touch',
  no_reply: 'Close as no reply',
  cancelled: 'Cancel interview',
};

function explanation(kind: RecordableKind, interview: Interview): ReactNode {
  const first = interview.contact.name.split(' ')[0] ?? interview.contact.name;
  switch (kind) {
    case 'request_sent':
      return 'Rapport starts the 3B7 clock: if there is no reply after 3 business days it suggests a second contact, and after 7 one follow-up.';
    case 'follow_up_sent':
      return (
        <>
          One follow-up, never more: busy people miss messages, and one polite reminder is welcome, but a second reads as pressure.
          If {first} stays silent 7 more business days, the request closes as “no reply” on its own.
        </>
      );
    case 'reply_received':
      return 'A “no” is an answer too: it closes the interview as declined. Thank them for replying all the same.';
    case 'scheduled':
      return 'Propose 20 or 30 minutes at their convenience. If the time changes later, record the new one here.';
    case 'confirmed':
      return 'Confirm by message the day before: it shows respect for their time and saves a wasted trip.';
    case 'held':
      return 'Write up what you learned the same day, and send a thank-you within 24 hours.';
    case 'thanked':
      return 'From here on, stay in touch: a short note in about 8 weeks, then every few months.';
    case 'staying_in_touch':
      return 'Share something of value now and then: an article, an event, how their advice turned out.';
    case 'no_reply':
      return `The request is closed and no follow-up is suggested. If ${first} writes back later, you can still log the reply.`;
    case 'cancelled':
      return 'The interview is closed without a meeting. Its history and your draft are kept.';
  }
}

interface RecordEventModalProps {
  interview: Interview;
  request: EventRequest | null;
  onClose: () => void;
}

/** A small form for one event: when it happened, and what it needs (channel, answer, meeting time). */
export function RecordEventModal({ interview, request, onClose }: RecordEventModalProps) {
  const kind = request?.kind ?? null;
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={<Text fw={650}>{kind ? TITLES[kind](interview.contact.name) : ''}</Text>}
      size="md"
    >
      {request && <EventForm key={request.kind} interview={interview} request={request} onDone={onClose} />}
    </Modal>
  );
}

function EventForm({ interview, request, onDone }: { interview: Interview; request: EventRequest; onDone: () => void }) {
  const { kind } = request;
  const { record, reload } = useInterviewWrite(interview);
  const [opened] = useState(() => toLocalInput(new Date()));
  const [at, setAt] = useState(opened);
  const [channel, setChannel] = useState<RequestChannel>(request.channel ?? interview.requestChannel ?? 'email');
  const [answer, setAnswer] = useState<'yes' | 'no'>('yes');
  const [meetingAt, setMeetingAt] = useState(interview.meetingAt ? toLocalInput(new Date(interview.meetingAt)) : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const allowed = interview.allowedEvents.includes(kind);
  // Events are recorded in order: nothing can be dated before the last one (the interview's creation aside, so old requests can be logged).
  const timeline = useQuery({
    queryKey: queryKeys.interviews.timeline(interview.id),
    queryFn: ({ signal }) => getInterviewTimeline(interview.id, signal),
  });
  const lastAt = timeline.data?.items.filter((item) => item.kind !== 'created').at(-1)?.occurredAt ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setRefusal(null);
    setConflict(false);

    // Left at the time the form opened, "when" means now: the server's clock decides, so it is never "in the future".
    const when = at === opened ? undefined : fromLocalInput(at);
    if (at !== opened && when === null) {
      setErrors({ at: 'Give a date and time, or leave the one shown' });
      return;
    }
    if (when && new Date(when).getTime() > Date.now()) {
      setErrors({ at: 'This is in the future: record it once it has happened' });
      return;
    }
    if (when && lastAt && new Date(when).getTime() < new Date(lastAt).getTime()) {
      setErrors({ at: `Pick a time after ${formatInstant(lastAt)}, the last thing recorded on this interview` });
      return;
    }
    const timing = when ? { at: when } : {};
    let input: InterviewEventChanges;
    switch (kind) {
      case 'request_sent':
        input = { kind, channel, ...timing };
        break;
      case 'reply_received':
        input = { kind, answer, ...timing };
        break;
      case 'scheduled': {
        const meeting = fromLocalInput(meetingAt);
        if (!meeting) {
          setErrors({ meetingAt: 'Give the date and time you agreed on' });
          return;
        }
        input = { kind, meetingAt: meeting, ...timing };
        break;
      }
      default:
        input = { kind, ...timing };
    }

    try {
      await record.mutateAsync(input);
      notifySuccess(successMessage(kind, interview, answer), EVENT_META[kind].done);
      onDone();
    } catch (error) {
      if (isApiError(error, 'STAGE_TRANSITION_REFUSED') || isApiError(error, 'ONCE_IS_ENOUGH')) {
        setRefusal(errorMessage(error));
        void reload();
      } else if (isApiError(error, 'VERSION_CONFLICT')) {
        setConflict(true);
        void reload();
      } else if (isApiError(error, 'VALIDATION_FAILED')) {
        setErrors(fieldErrorsFrom(error));
      } else {
        notifyError(error, 'Nothing was recorded');
      }
    }
  };

  const whenLabel = kind === 'scheduled' ? 'Agreed on' : kind === 'reply_received' ? 'When they replied' : 'When';
  const danger = kind === 'cancelled' || kind === 'no_reply';

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {request.blockers !== undefined && request.blockers > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertOctagon size={20} />} title={`The lint found ${request.blockers} ${request.blockers === 1 ? 'problem' : 'problems'}. Send anyway?`}>
            <Text size="sm">
              Requests that mention jobs, ask for too much time or run long get fewer replies. If you already sent it, record it
              anyway: the follow-up clock starts now.
            </Text>
          </Alert>
        )}
        {refusal && (
          <Alert color="orange" variant="light" icon={<IconHandStop size={20} />} role="alert">
            <Text size="sm">{refusal}</Text>
          </Alert>
        )}
        {conflict && (
          <Alert color="orange" variant="light" icon={<IconGitMerge size={20} />} title="This interview changed elsewhere" role="alert">
            <Text size="sm">
              It was changed in another tab or on another device, so nothing was recorded. The latest version is loaded now: check it,
              then try again.
            </Text>
          </Alert>
        )}
        {!allowed && !refusal && (
          <Alert color="gray" variant="light" role="status">
            <Text size="sm">This cannot be recorded any more: the interview has moved on. Close this form to see where it stands.</Text>
          </Alert>
        )}

        <Text size="sm" c="dimmed">
          {explanation(kind, interview)}
        </Text>

        {kind === 'request_sent' && (
          <Select
            label="Channel"
            description="How you sent it"
            data={CHANNEL_OPTIONS}
            value={channel}
            onChange={(value) => value && setChannel(value as RequestChannel)}
            allowDeselect={false}
            error={errors.channel}
          />
        )}
        {kind === 'reply_received' && (
          <div>
            <Input.Label labelElement="div" id="reply-answer-label" mb={4}>
              Their answer
            </Input.Label>
            <SegmentedControl
              fullWidth
              aria-labelledby="reply-answer-label"
              value={answer}
              onChange={(value) => setAnswer(value as 'yes' | 'no')}
              data={[
                { value: 'yes', label: 'Yes, glad to talk' },
                { value: 'no', label: 'No, not now' },
              ]}
            />
          </div>
        )}
        {kind === 'scheduled' && (
          <TextInput
            type="datetime-local"
            label="Meeting date and time"
            description="In your own time zone"
            value={meetingAt}
            onChange={(event) => setMeetingAt(event.currentTarget.value)}
            error={errors.meetingAt}
            required
            data-autofocus
          />
        )}
        <TextInput
          type="datetime-local"
          label={whenLabel}
          value={at}
          max={toLocalInput(new Date())}
          min={lastAt ? toLocalInput(new Date(lastAt)) : undefined}
          onChange={(event) => setAt(event.currentTarget.value)}
          error={errors.at}
        />

        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onDone} disabled={record.isPending}>
            {danger ? 'Keep it open' : 'Cancel'}
          </Button>
          <Button type="submit" loading={record.isPending} disabled={!allowed} color={danger ? (kind === 'cancelled' ? 'red' : 'orange') : undefined} data-autofocus={kind === 'scheduled' ? undefined : true}>
            {request.blockers ? 'Send anyway: mark as sent' : SUBMIT[kind]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function successMessage(kind: RecordableKind, interview: Interview, answer: 'yes' | 'no'): string {
  const first = interview.contact.name.split(' ')[0] ?? interview.contact.name;
  switch (kind) {
    case 'request_sent':
      return `Rapport will remind you if ${first} has not replied in 3 business days.`;
    case 'follow_up_sent':
      return 'That was the one follow-up. Now give them time.';
    case 'reply_received':
      return answer === 'yes' ? 'Next: agree on a time and record the meeting.' : 'Closed as declined. Thank them for answering.';
    case 'scheduled':
      return 'Confirm by message the day before.';
    case 'held':
      return 'Send your thank-you within 24 hours.';
    case 'thanked':
      return 'Stay in touch: a note in about 8 weeks.';
    default:
      return `The interview with ${interview.contact.name} is updated.`;
  }
}
