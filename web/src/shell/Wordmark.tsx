import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconArrowsExchange2 } from '@tabler/icons-react';

const sizes = {
  md: { icon: 30, glyph: 18, text: 19 },
  lg: { icon: 40, glyph: 24, text: 26 },
} as const;

/** The Rapport logo: a mark and the name. */
export function Wordmark({ size = 'md' }: { size?: keyof typeof sizes }) {
  const s = sizes[size];
  return (
    <Group gap={10} wrap="nowrap" aria-label="Rapport" role="img">
      <ThemeIcon size={s.icon} radius="md" variant="gradient" gradient={{ from: 'brand.6', to: 'brand.8', deg: 135 }} aria-hidden>
        <IconArrowsExchange2 size={s.glyph} stroke={2.2} />
      </ThemeIcon>
      <Text component="span" fw={750} fz={s.text} lh={1} style={{ letterSpacing: '-0.02em' }} aria-hidden>
        Rapport
      </Text>
    </Group>
  );
}
