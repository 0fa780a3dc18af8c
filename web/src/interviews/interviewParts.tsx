/** What the interview screens share: how a stage looks, how an event is named, the request channels. */
import { Badge, type BadgeProps } from '@mantine/core';
import {
  IconBulb,
  IconCalendarCheck,
  IconCalendarEvent,
  IconCircleX,
  IconClock,
  IconGift,
  IconHeartHandshake,
  IconMailForward,
  IconMessageCircleOff,
  IconMessageReply,
  IconMessages,
  IconPlus,
  IconRepeat,
  IconSend,
  IconThumbDown,
  type Icon,
} from '@tabler/icons-react';
import type { InterviewEventKind, InterviewStage, RequestChannel } from '@core/interview-stages.ts';

export interface StageMeta {
  label: string;
  color: string;
  icon: Icon;
}

/** One colour per stage, everywhere: the list, the badge, the stepper, the timeline. */
export const STAGE_META: Record<InterviewStage, StageMeta> = {
  idea: { label: 'Idea', color: 'gray', icon: IconBulb },
  requested: { label: 'Requested', color: 'blue', icon: IconSend },
  scheduled: { label: 'Scheduled', color: 'violet', icon: IconCalendarEvent },
  confirmed: { label: 'Confirmed', color: 'indigo', icon: IconCalendarCheck },
  held: { label: 'Held', color: 'teal', icon: IconMessages },
  thanked: { label: 'Thanked', color: 'green', icon: IconHeartHandshake },
  staying_in_touch: { label: 'Staying in touch', color: 'cyan', icon: IconRepeat },
  no_reply: { label: 'No reply', color: 'orange', icon: IconMessageCircleOff },
  declined: { label: 'Declined', color: 'red', icon: IconThumbDown },
  cancelled: { label: 'Cancelled', color: 'dark', icon: IconCircleX },
};

/** The path an interview takes when all goes well. */
export const MAIN_STAGES = ['idea', 'requested', 'scheduled', 'confirmed', 'held', 'thanked', 'staying_in_touch'] as const satisfies readonly InterviewStage[];
export const EXIT_STAGES = ['no_reply', 'declined', 'cancelled'] as const satisfies readonly InterviewStage[];

export function isExit(stage: InterviewStage): stage is (typeof EXIT_STAGES)[number] {
  return (EXIT_STAGES as readonly InterviewStage[]).includes(stage);
}

export function StageBadge({ stage, ...props }: { stage: InterviewStage } & Omit<BadgeProps, 'color' | 'children'>) {
  const { label, color, icon: StageIcon } = STAGE_META[stage];
  return (
    <Badge variant="light" color={color} leftSection={<StageIcon size={12} stroke={2} />} {...props}>
      {label}
    </Badge>
  );
}

export const CHANNEL_LABELS: Record<RequestChannel, string> = {
  email: 'E-mail',
  linkedin: 'LinkedIn',
  phone: 'Phone',
  in_person: 'In person',
  other: 'Other',
};

export const CHANNEL_OPTIONS = (Object.keys(CHANNEL_LABELS) as RequestChannel[]).map((value) => ({ value, label: CHANNEL_LABELS[value] }));

export interface EventMeta {
  /** The button that records it. */
  action: string;
  /** The line in the timeline. */
  done: string;
  icon: Icon;
  color: string;
}

export const EVENT_META: Record<InterviewEventKind, EventMeta> = {
  created: { action: 'Start', done: 'Interview started', icon: IconPlus, color: 'gray' },
  request_sent: { action: 'Request sent', done: 'Request sent', icon: IconSend, color: 'blue' },
  follow_up_sent: { action: 'Follow-up sent', done: 'Follow-up sent', icon: IconMailForward, color: 'blue' },
  reply_received: { action: 'Reply received', done: 'Reply received', icon: IconMessageReply, color: 'teal' },
  slots_proposed: { action: 'Propose times', done: 'Times proposed', icon: IconClock, color: 'violet' },
  scheduled: { action: 'Meeting scheduled', done: 'Meeting scheduled', icon: IconCalendarEvent, color: 'violet' },
  confirmed: { action: 'Meeting confirmed', done: 'Meeting confirmed', icon: IconCalendarCheck, color: 'indigo' },
  held: { action: 'Meeting held', done: 'Meeting held', icon: IconMessages, color: 'teal' },
  thanked: { action: 'Thank-you sent', done: 'Thank-you sent', icon: IconHeartHandshake, color: 'green' },
  staying_in_touch: { action: 'Staying in touch', done: 'Staying in touch', icon: IconRepeat, color: 'cyan' },
  value_shared: { action: 'Share something of value', done: 'Shared something of value', icon: IconGift, color: 'cyan' },
  no_reply: { action: 'Close: no reply', done: 'Closed: no reply', icon: IconMessageCircleOff, color: 'orange' },
  cancelled: { action: 'Cancel interview', done: 'Cancelled', icon: IconCircleX, color: 'gray' },
};

const RESPONSIVENESS: Record<string, { label: string; color: string; explain: string }> = {
  booster: { label: 'Booster', color: 'teal', explain: 'Replied within 3 business days: glad to help, worth asking for names.' },
  obligate: { label: 'Obligate', color: 'yellow', explain: 'Replied, but after more than 3 business days: helps when asked.' },
  curmudgeon: { label: 'Curmudgeon', color: 'gray', explain: 'Never replied: not worth a third message.' },
};

export function responsivenessMeta(value: string) {
  return RESPONSIVENESS[value] ?? null;
}
