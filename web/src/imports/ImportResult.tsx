import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconFileImport, IconUsers } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { ImportFormat, ImportReport } from '../api/index.ts';
import { plural } from '../ui/format.ts';
import classes from './ImportPage.module.css';

/** "Imported: 120 new, 3 updated, 5 unchanged, 2 skipped." */
export function importSummary(report: ImportReport): string {
  const parts = [`${report.created.toLocaleString()} new`, `${report.updated.toLocaleString()} updated`];
  if (report.unchanged > 0) parts.push(`${report.unchanged.toLocaleString()} unchanged`);
  if (report.skipped.length > 0) parts.push(`${report.skipped.length.toLocaleString()} skipped`);
  return `Imported: ${parts.join(', ')}.`;
}

interface ImportResultProps {
  report: ImportReport;
  format: ImportFormat;
  onImportAnother: () => void;
}

export function ImportResult({ report, format, onImportAnother }: ImportResultProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <Paper p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="import-result-title">
      <Stack gap="lg">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={44} radius="xl" variant="light" color="teal" aria-hidden>
            <IconCircleCheck size={26} stroke={1.7} />
          </ThemeIcon>
          <div style={{ minWidth: 0 }}>
            <Title order={2} fz="lg" id="import-result-title" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
              Import complete
            </Title>
            <Text mt={4} data-testid="import-result">
              {importSummary(report)}
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              {report.organizationsCreated > 0 ? `${plural(report.organizationsCreated, 'organization')} added from company names. ` : ''}
              {format === 'linkedin'
                ? 'Changed titles and companies are kept as earlier positions on each contact.'
                : 'Existing contacts were only added to: nothing you wrote was removed.'}
            </Text>
          </div>
        </Group>
        <Group gap="sm" justify="flex-end" className={classes.actions}>
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={onImportAnother}>
            Import another file
          </Button>
          <Button component={Link} to="/contacts" leftSection={<IconUsers size={16} />}>
            View contacts
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
