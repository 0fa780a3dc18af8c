import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconAddressBook, IconBrandLinkedin } from '@tabler/icons-react';
import type { ImportFormat } from '../api/index.ts';
import { FORMATS, formatBytes } from './importFormats.ts';

/** The chosen file: its kind, name and size. */
export function FileSummary({ file, format }: { file: File; format: ImportFormat }) {
  const Icon = format === 'linkedin' ? IconBrandLinkedin : IconAddressBook;
  return (
    <Group gap="sm" wrap="nowrap" miw={0}>
      <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
        <Icon size={22} stroke={1.6} />
      </ThemeIcon>
      <div style={{ minWidth: 0 }}>
        <Text fw={600} truncate="end" title={file.name}>
          {file.name}
        </Text>
        <Text size="xs" c="dimmed">
          {FORMATS[format].label} · {formatBytes(file.size)}
        </Text>
      </div>
    </Group>
  );
}
