import { Badge, Tooltip } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { CATEGORY_LABELS, TIARA_LABELS, type QuestionCategory, type TiaraTag } from '@shared/prepare-api.ts';

export const TIARA_META: Record<TiaraTag, { color: string; explain: string }> = {
  trends: { color: 'blue', explain: 'Trends: where the field is going' },
  insights: { color: 'grape', explain: 'Insights: what the work is really like' },
  advice: { color: 'teal', explain: 'Advice: what they would do in your place' },
  resources: { color: 'orange', explain: 'Resources: people, places and things to read' },
  assignments: { color: 'pink', explain: 'Assignments: something to do and report back on' },
};

export function TiaraBadge({ tiara }: { tiara: TiaraTag }) {
  const meta = TIARA_META[tiara];
  return (
    <Tooltip label={meta.explain} withArrow events={{ hover: true, focus: false, touch: true }}>
      <Badge variant="light" color={meta.color} size="sm">
        {TIARA_LABELS[tiara]}
      </Badge>
    </Tooltip>
  );
}

export function CategoryBadge({ category }: { category: QuestionCategory }) {
  return (
    <Badge variant="outline" color="gray" size="sm">
      {CATEGORY_LABELS[category]}
    </Badge>
  );
}

/** "Answer readily available?": a search would answer it, so asking spends their time. */
export function ReadilyAvailableBadge() {
  return (
    <Badge variant="light" color="yellow" size="sm" leftSection={<IconSearch size={11} stroke={2} />}>
      Answer readily available
    </Badge>
  );
}

/** Whether `text` matches every word typed in `search`, ignoring case and accents. */
export function matchesSearch(text: string, search: string): boolean {
  const fold = (value: string) => value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const haystack = fold(text);
  return fold(search)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
