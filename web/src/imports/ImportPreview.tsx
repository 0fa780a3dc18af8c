import { Alert, Badge, Button, Group, Paper, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuildingSkyscraper, IconCheck, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { ImportFormat, ImportReport } from '../api/index.ts';
import { plural } from '../ui/format.ts';
import { FileSummary } from './FileSummary.tsx';
import classes from './ImportPage.module.css';
import { FORMATS } from './importFormats.ts';

interface ImportPreviewProps {
  file: File;
  format: ImportFormat;
  report: ImportReport;
  onConfirm: () => void;
  onChooseAnother: () => void;
}

/** What the import would do: counts, the records it would skip, and the go-ahead. */
export function ImportPreview({ file, format, report, onConfirm, onChooseAnother }: ImportPreviewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen readers and keyboards land on the preview once it arrives.
  useEffect(() => heading.current?.focus(), []);

  const toImport = report.created + report.updated;
  const unit = FORMATS[format].unit;

  return (
    <Paper p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="import-preview-title">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div>
            <Title order={2} fz="lg" id="import-preview-title" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
              Preview
            </Title>
            <Text size="sm" c="dimmed" mt={2}>
              Nothing is saved yet. Here is what importing this file would do.
            </Text>
          </div>
          <FileSummary file={file} format={format} />
        </Group>

        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm" component="dl" m={0} aria-label="Import preview">
          <Count label="Read" value={report.read} hint={format === 'linkedin' ? 'rows in the file' : 'cards in the file'} id="read" wide />
          <Count label="New" value={report.created} hint="contacts to add" id="created" tone="new" />
          <Count label="Updated" value={report.updated} hint="get new details" id="updated" />
          <Count label="Unchanged" value={report.unchanged} hint="already up to date" id="unchanged" />
          <Count
            label="Skipped"
            value={report.skipped.length}
            hint="could not be used"
            id="skipped"
            tone={report.skipped.length > 0 ? 'skipped' : undefined}
          />
        </SimpleGrid>

        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconBuildingSkyscraper size={18} stroke={1.6} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size="sm" data-testid="import-organizations-created">
            {report.organizationsCreated > 0
              ? `${plural(report.organizationsCreated, 'new organization')} will be created from company names.`
              : 'No new organizations: every company is already in Rapport, or none is named.'}
          </Text>
        </Group>

        {report.skipped.length > 0 && (
          <div>
            <Title order={3} fz="sm" mb={4}>
              Skipped ({report.skipped.length.toLocaleString()})
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              These {unit === 'Line' ? 'lines' : 'cards'} will be left out. Everything else can still be imported.
            </Text>
            <ScrollArea.Autosize mah={260} type="auto" className={classes.skippedList}>
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Skipped records">
                {report.skipped.map((s) => (
                  <li key={`${s.line}-${s.reason}`} className={classes.skippedRow}>
                    <Group gap="sm" wrap="nowrap" align="baseline">
                      <Badge variant="light" color="orange" size="sm" style={{ flexShrink: 0 }}>
                        {unit} {s.line}
                      </Badge>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {s.reason}
                      </Text>
                    </Group>
                  </li>
                ))}
              </ul>
            </ScrollArea.Autosize>
          </div>
        )}

        {toImport === 0 && (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={20} />} title="Nothing to import">
            {report.read === report.skipped.length
              ? 'No contact in this file could be used.'
              : 'Everyone in this file is already in Rapport, with the same details.'}
          </Alert>
        )}

        <Group gap="sm" justify="flex-end" className={classes.actions}>
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={onChooseAnother}>
            Choose another file
          </Button>
          {toImport > 0 && (
            <Button leftSection={<IconCheck size={16} />} onClick={onConfirm}>
              Import {plural(toImport, 'contact')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

interface CountProps {
  label: string;
  value: number;
  hint: string;
  id: string;
  tone?: 'new' | 'skipped' | undefined;
  /** Takes a whole row while the counts sit two by two. */
  wide?: boolean;
}

function Count({ label, value, hint, id, tone, wide }: CountProps) {
  return (
    <div className={classes.count} data-tone={tone} data-wide={wide || undefined}>
      <Text component="dt" size="sm" fw={600} c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fz={28} fw={700} lh={1.2} data-testid={`import-count-${id}`}>
        {value.toLocaleString()}
      </Text>
      <Text size="xs" c="dimmed" lh={1.3} component="dd" m={0}>
        {hint}
      </Text>
    </div>
  );
}
