import { Alert, Anchor, Button, Checkbox, Group, Input, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Interview } from '@shared/plan-api.ts';
import type { InterviewEventKind, RequestChannel } from '@core/interview-stages.ts';
import type { ProposedSlot } from '@core/meeting-slots.ts';
import { getInterviewTimeline, queryKeys } from '../api/index.ts';
import { fieldErrorsFrom, type FieldErrors } from '../ui/fieldErrors.ts';
import { notifySuccess } from '../ui/notify.tsx';
import { formatInstant, fromLocalInput, toLocalInput } from './dates.ts';
import { EventAlerts, useRecordEvent } from './eventForm.tsx';
import { CHANNEL_OPTIONS, EVENT_META } from './interviewParts.tsx';
import { ProposeTimesForm } from './ProposeTimesForm.tsx';
import { ScheduleForm } from './ScheduleForm.tsx';
import { useMailStatus } from './scheduling.ts';
import type { InterviewEventChanges } from './useInterviewWrite.ts';

/** Events recorded through this modal; sharing something of value has its own card. */
export type RecordableKind = Exclude<InterviewEventKind, 'created' | 'value_shared'>;

export interface EventRequest {
  kind: RecordableKind;
  /** request_sent: the channel to preselect. */
  channel?: RequestChannel;
  /** request_sent from the composer: blockers the lint still finds. */
  blockers?: number;
  /** request_sent: Rapport e-mails the saved draft instead of recording one sent by hand. */
  send?: boolean;
  /** scheduled: the proposed time they picked. */
  slot?: ProposedSlot;
}

/** A meeting is on the calendar: cancelling it can withdraw the invite. */
function hasMeeting(interview: Interview): boolean {
  return interview.meetingAt !== null && (interview.stage === 'scheduled' || interview.stage === 'confirmed');
}

const TITLES: Record<RecordableKind, (name: string) => string> = {
  request_sent: (name) => `You sent your request to ${name}`,
  follow_up_sent: (name) => `You followed up with ${name}`,
  reply_received: (name) => `${name} replied`,
  slots_proposed: (name) => `Propose times to ${name}`,
  scheduled: (name) => `Schedule the meeting with ${name}`,
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
  slots_proposed: 'Propose times',
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
    case 'slots_proposed':
    case 'scheduled':
      return null;
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
      return hasMeeting(interview)
        ? `The meeting is called off and the interview closed; its history and your notes are kept. A short personal word of apology to ${first} goes a long way.`
        : 'The interview is closed without a meeting. Its history and your draft are kept.';
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
  const wide = kind === 'scheduled' || kind === 'slots_proposed';
  const title = !kind
    ? ''
    : kind === 'scheduled' && hasMeeting(interview)
      ? `Reschedule the meeting with ${interview.contact.name}`
      : kind === 'cancelled' && hasMeeting(interview)
        ? `Cancel the meeting with ${interview.contact.name}`
        : request?.send
          ? `Send your request to ${interview.contact.name}`
          : TITLES[kind](interview.contact.name);
  return (
    <Modal opened={request !== null} onClose={onClose} title={<Text fw={650}>{title}</Text>} size={wide ? 'lg' : 'md'}>
      {request?.kind === 'scheduled' ? (
        <ScheduleForm key={request.slot?.start ?? 'any'} interview={interview} slot={request.slot} onDone={onClose} />
      ) : request?.kind === 'slots_proposed' ? (
        <ProposeTimesForm interview={interview} onDone={onClose} />
      ) : request ? (
        <EventForm key={request.kind} interview={interview} request={request} onDone={onClose} />
      ) : null}
    </Modal>
  );
}

function EventForm({ interview, request, onDone }: { interview: Interview; request: EventRequest; onDone: () => void }) {
  const { kind } = request;
  const { run, pending, refusal, conflict } = useRecordEvent(interview);
  const mail = useMailStatus();
  const [opened] = useState(() => toLocalInput(new Date()));
  const [at, setAt] = useState(opened);
  const [channel, setChannel] = useState<RequestChannel>(request.channel ?? interview.requestChannel ?? 'email');
  const [answer, setAnswer] = useState<'yes' | 'no'>('yes');
  const [errors, setErrors] = useState<FieldErrors>({});
  const allowed = interview.allowedEvents.includes(kind);
  const send = kind === 'request_sent' && request.send === true;
  const email = interview.contact.emails[0] ?? null;
  // Cancelling a meeting on the calendar: the cancellation goes out by e-mail when Rapport can send it.
  const withdraw = kind === 'cancelled' && hasMeeting(interview);
  const canMail = mail.data?.configured === true && email !== null;
  const [mailChoice, setMailChoice] = useState<boolean | null>(null);
  const sendCancellation = withdraw && canMail && (mailChoice ?? true);
  // Events are recorded in order: nothing can be dated before the last one (the interview's creation aside, so old requests can be logged).
  const timeline = useQuery({
    queryKey: queryKeys.interviews.timeline(interview.id),
    queryFn: ({ signal }) => getInterviewTimeline(interview.id, signal),
  });
  const lastAt = timeline.data?.items.filter((item) => item.kind !== 'created').at(-1)?.occurredAt ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});

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
        input = send ? { kind, channel: 'email', send: true } : { kind, channel, ...timing };
        break;
      case 'reply_received':
        input = { kind, answer, ...timing };
        break;
      case 'cancelled':
        input = { kind, sendInvite: sendCancellation, ...timing };
        break;
      case 'slots_proposed':
      case 'scheduled':
        // Recorded by their own forms.
        return;
      default:
        input = { kind, ...timing };
    }

    const ok = await run(input, (error) => setErrors(fieldErrorsFrom(error)));
    if (ok) {
      notifySuccess(successMessage(kind, interview, answer, { send, email, sendCancellation }), send ? 'Request on its way' : EVENT_META[kind].done);
      onDone();
    }
  };

  const whenLabel = kind === 'reply_received' ? 'When they replied' : 'When';
  const danger = kind === 'cancelled' || kind === 'no_reply';

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {request.blockers !== undefined && request.blockers > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertOctagon size={20} />} title={`The lint found ${request.blockers} ${request.blockers === 1 ? 'problem' : 'problems'}. Send anyway?`}>
            <Text size="sm">
              Requests that mention jobs, ask for too much time or run long get fewer replies.{' '}
              {send
                ? 'Close this to fix it first, or send it as it is.'
                : 'If you already sent it, record it anyway: the follow-up clock starts now.'}
            </Text>
          </Alert>
        )}
        <EventAlerts interview={interview} kind={kind} refusal={refusal} conflict={conflict} />
        {send ? (
          <Text size="sm" c="dimmed">
            Rapport e-mails your saved draft to <b>{email}</b> from {mail.data?.from ?? 'its own address'}, with your address to reply to.
            It goes through the outbox, which retries if the mail server is down and never sends twice (
            <Anchor component={Link} to="/settings#settings-outbox" size="sm">
              see it in Settings
            </Anchor>
            ). The 3B7 clock starts now.
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {explanation(kind, interview)}
          </Text>
        )}

        {kind === 'request_sent' && !send && (
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
        {withdraw && (
          <Checkbox
            checked={sendCancellation}
            disabled={!canMail}
            onChange={(event) => setMailChoice(event.currentTarget.checked)}
            label={`E-mail the cancellation to ${interview.contact.name}`}
            description={
              canMail
                ? `To ${email}: the meeting leaves their calendar.`
                : mail.data?.configured !== true
                  ? 'Rapport is not set up to send e-mail: afterwards, download the cancellation (.ics) from the interview and send it with your note.'
                  : `${interview.contact.name} has no e-mail address in Rapport: tell them yourself.`
            }
          />
        )}
        {!send && (
          <TextInput
            type="datetime-local"
            label={whenLabel}
            value={at}
            max={toLocalInput(new Date())}
            min={lastAt ? toLocalInput(new Date(lastAt)) : undefined}
            onChange={(event) => setAt(event.currentTarget.value)}
            error={errors.at}
          />
        )}

        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onDone} disabled={pending}>
            {danger ? (withdraw ? 'Keep the meeting' : 'Keep it open') : 'Cancel'}
          </Button>
          <Button type="submit" loading={pending} disabled={!allowed} color={danger ? (kind === 'cancelled' ? 'red' : 'orange') : undefined} data-autofocus>
            {send
              ? request.blockers
                ? 'Send anyway'
                : 'Send it'
              : request.blockers
                ? 'Send anyway: mark as sent'
                : withdraw
                  ? 'Cancel meeting'
                  : SUBMIT[kind]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function successMessage(
  kind: RecordableKind,
  interview: Interview,
  answer: 'yes' | 'no',
  mail: { send: boolean; email: string | null; sendCancellation: boolean },
): string {
  const first = interview.contact.name.split(' ')[0] ?? interview.contact.name;
  switch (kind) {
    case 'request_sent':
      return mail.send
        ? `It is in the outbox and goes to ${mail.email} shortly. Rapport will remind you if ${first} has not replied in 3 business days.`
        : `Rapport will remind you if ${first} has not replied in 3 business days.`;
    case 'cancelled':
      return mail.sendCancellation ? `The cancellation is in the outbox and goes to ${mail.email} shortly.` : `The interview with ${interview.contact.name} is closed.`;
    case 'follow_up_sent':
      return 'That was the one follow-up. Now give them time.';
    case 'reply_received':
      return answer === 'yes' ? 'Next: agree on a time and record the meeting.' : 'Closed as declined. Thank them for answering.';
    case 'held':
      return 'Send your thank-you within 24 hours.';
    case 'thanked':
      return 'Stay in touch: a note in about 8 weeks.';
    default:
      return `The interview with ${interview.contact.name} is updated.`;
  }
}
