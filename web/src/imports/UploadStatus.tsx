import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { ImportFormat } from '../api/index.ts';
import { FileSummary } from './FileSummary.tsx';

interface UploadStatusProps {
  file: File;
  format: ImportFormat;
  loaded: number;
  total: number | null;
  /** The file is sent; the server is reading it. */
  checking: boolean;
  dryRun: boolean;
  onCancel?: (() => void) | undefined;
}

/** Real upload progress, then an indeterminate bar while the server works. */
export function UploadStatus({ file, format, loaded, total, checking, dryRun, onCancel }: UploadStatusProps) {
  const percent = total ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
  const working = dryRun ? 'Checking…' : 'Importing…';
  const status = checking ? working : `Uploading… ${percent}%`;

  return (
    <Paper p={{ base: 'md', sm: 'xl' }} component="section" aria-label={dryRun ? 'Uploading the file' : 'Importing'}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <FileSummary file={file} format={format} />
          {onCancel && (
            <Button variant="default" size="xs" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
        {checking ? (
          <Progress.Root size="lg" radius="xl">
            {/* No value: assistive tech announces a busy, indeterminate bar. */}
            <Progress.Section value={100} animated withAria={false} role="progressbar" aria-label={working} aria-busy />
          </Progress.Root>
        ) : (
          <Progress value={percent} size="lg" radius="xl" aria-label="Upload progress" transitionDuration={150} />
        )}
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={500} role="status">
            {status}
          </Text>
          <Text size="sm" c="dimmed">
            {checking
              ? dryRun
                ? 'Reading the file. Nothing is saved yet.'
                : 'Saving your contacts. Please keep this page open.'
              : total
                ? `${formatKb(loaded)} of ${formatKb(total)}`
                : null}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

function formatKb(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString()} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
