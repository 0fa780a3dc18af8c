/** Small pieces shared by the target list and a target's page: advocacy, motivation. */
import { Badge, Group, Rating, Text, Tooltip } from '@mantine/core';
import { IconRoute, IconUserCheck, IconUserQuestion } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Advocacy } from '@core/targets.ts';

export type Motivation = 1 | 2 | 3;

const MOTIVATION_WORDS: Record<Motivation, string> = {
  1: 'Curious',
  2: 'Interested',
  3: 'Dream employer',
};

export function motivationWord(motivation: number): string {
  return MOTIVATION_WORDS[motivation as Motivation] ?? '';
}

export function isMotivation(value: number): value is Motivation {
  return value === 1 || value === 2 || value === 3;
}

interface MotivationRatingProps {
  value: Motivation;
  onChange: (value: Motivation) => void;
  /** Names the control for screen readers, e.g. "Motivation for Acme". */
  label: string;
  readOnly?: boolean;
  /** Shows the word ("Interested") beside the stars. */
  withWord?: boolean;
}

/** Motivation as three stars: 1 curious, 2 interested, 3 dream employer. */
export function MotivationRating({ value, onChange, label, readOnly, withWord = true }: MotivationRatingProps) {
  return (
    <Group gap={8} wrap="nowrap" role="group" aria-label={label}>
      <Rating
        count={3}
        value={value}
        onChange={(next) => {
          if (isMotivation(next) && next !== value) onChange(next);
        }}
        readOnly={readOnly}
        getSymbolLabel={(stars) => (stars < 1 ? 'No motivation' : `${stars} of 3: ${motivationWord(stars)}`)}
      />
      {withWord && (
        <Text size="sm" c="dimmed" miw={0} style={{ whiteSpace: 'nowrap' }}>
          {motivationWord(value)}
        </Text>
      )}
    </Group>
  );
}

const ADVOCACY: Record<Advocacy, { label: string; color: string; icon: ReactNode; explain: string }> = {
  known_contact: {
    label: 'You know someone',
    color: 'teal',
    icon: <IconUserCheck size={13} stroke={2} />,
    explain: 'Someone you know personally works there or used to: they can tell you how it really is.',
  },
  introduction: {
    label: 'Introduction possible',
    color: 'blue',
    icon: <IconRoute size={13} stroke={2} />,
    explain: 'Someone you know can introduce you to a person there.',
  },
  none: {
    label: 'No way in yet',
    color: 'gray',
    icon: <IconUserQuestion size={13} stroke={2} />,
    explain: 'Nobody in your contacts leads there yet. Ask around, or look for alumni of your school.',
  },
};

export function advocacyLabel(advocacy: Advocacy): string {
  return ADVOCACY[advocacy].label;
}

export function AdvocacyBadge({ advocacy, size = 'sm' }: { advocacy: Advocacy; size?: 'xs' | 'sm' | 'md' }) {
  const { label, color, icon, explain } = ADVOCACY[advocacy];
  return (
    <Tooltip label={explain} multiline w={260} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Badge variant="light" color={color} size={size} leftSection={icon} tabIndex={0} style={{ cursor: 'help' }}>
        {label}
      </Badge>
    </Tooltip>
  );
}
