import '@mantine/dropzone/styles.css';
import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAddressBook, IconAlertTriangle, IconBrandLinkedin, IconFileUpload, IconInfoCircle, IconUpload, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { importFile, refreshPeopleAndPlaces, type ImportFormat, type ImportReport } from '../api/index.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ImportErrorAlert } from './ImportErrorAlert.tsx';
import { FORMATS, MAX_IMPORT_BYTES, formatBytes } from './importFormats.ts';
import { ImportPreview } from './ImportPreview.tsx';
import { ImportResult } from './ImportResult.tsx';
import classes from './ImportPage.module.css';
import { UploadStatus } from './UploadStatus.tsx';

type Step =
  | { kind: 'choose'; error?: unknown; rejection?: string }
  | { kind: 'sending'; file: File; dryRun: boolean; loaded: number; total: number | null; checking: boolean }
  | { kind: 'preview'; file: File; report: ImportReport }
  | { kind: 'done'; file: File; report: ImportReport };

export function ImportPage() {
  useDocumentTitle('Import · Rapport');
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<ImportFormat>('linkedin');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const upload = useRef<AbortController | null>(null);

  // Leaving the page cancels an upload still on its way.
  useEffect(() => () => upload.current?.abort(), []);

  const send = async (file: File, dryRun: boolean) => {
    upload.current?.abort();
    const controller = new AbortController();
    upload.current = controller;
    setStep({ kind: 'sending', file, dryRun, loaded: 0, total: file.size, checking: false });
    try {
      const report = await importFile(format, file, {
        dryRun,
        signal: controller.signal,
        onProgress: ({ loaded, total }) =>
          setStep((s) => (s.kind === 'sending' && s.file === file ? { ...s, loaded, total: total ?? s.total } : s)),
        onUploaded: () => setStep((s) => (s.kind === 'sending' && s.file === file ? { ...s, checking: true } : s)),
      });
      if (controller.signal.aborted) return;
      if (!dryRun) void refreshPeopleAndPlaces(queryClient);
      setStep({ kind: dryRun ? 'preview' : 'done', file, report });
    } catch (error) {
      if (controller.signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) return;
      setStep({ kind: 'choose', error });
    } finally {
      if (upload.current === controller) upload.current = null;
    }
  };

  const cancel = () => {
    upload.current?.abort();
    upload.current = null;
    setStep({ kind: 'choose' });
  };

  const reject = (rejections: FileRejection[]) => {
    const first = rejections[0];
    if (!first) return;
    const codes = first.errors.map((e) => e.code);
    const name = first.file.name;
    const info = FORMATS[format];
    let message: string;
    if (rejections.length > 1 || codes.includes('too-many-files')) message = 'Choose one file at a time.';
    else if (codes.includes('file-too-large'))
      message = `${name} is ${formatBytes(first.file.size)}, more than the ${formatBytes(MAX_IMPORT_BYTES)} Rapport imports at once.`;
    else if (codes.includes('file-invalid-type'))
      message =
        format === 'linkedin'
          ? `${name} is not a .csv file. LinkedIn's export is called Connections.csv; for a .vcf file, choose vCard above.`
          : `${name} is not a vCard file (${info.extensions}). For LinkedIn's Connections.csv, choose LinkedIn above.`;
    else message = first.errors[0]?.message ?? `${name} cannot be imported.`;
    setStep({ kind: 'choose', rejection: message });
  };

  return (
    <Stack gap={0} maw={860}>
      <PageHeader
        title="Import contacts"
        description="Bring your network in from LinkedIn or your address book. You see a preview before anything is saved."
      />

      {step.kind === 'choose' && (
        <Paper p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="import-choose-title">
          <Stack gap="lg">
            <div>
              <Title order={2} fz="md" mb="sm" id="import-choose-title">
                What are you importing?
              </Title>
              <SegmentedControl
                value={format}
                onChange={(value) => {
                  setFormat(value as ImportFormat);
                  setStep({ kind: 'choose' });
                }}
                aria-label="Kind of file"
                fullWidth
                maw={{ sm: 360 }}
                data={[
                  {
                    value: 'linkedin',
                    label: (
                      <Group gap={6} justify="center" wrap="nowrap">
                        <IconBrandLinkedin size={17} stroke={1.7} aria-hidden />
                        <span>LinkedIn</span>
                      </Group>
                    ),
                  },
                  {
                    value: 'vcard',
                    label: (
                      <Group gap={6} justify="center" wrap="nowrap">
                        <IconAddressBook size={17} stroke={1.7} aria-hidden />
                        <span>vCard</span>
                      </Group>
                    ),
                  },
                ]}
              />
              <FormatHelp format={format} />
            </div>

            {step.error !== undefined && <ImportErrorAlert error={step.error} format={format} />}
            {step.rejection && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="This file cannot be imported" role="alert">
                {step.rejection}
              </Alert>
            )}

            <Dropzone
              onDrop={(files) => {
                const file = files[0];
                if (file) void send(file, true);
              }}
              onReject={reject}
              accept={FORMATS[format].accept}
              maxSize={MAX_IMPORT_BYTES}
              multiple={false}
              className={classes.dropzone}
              // The file input itself takes the keyboard focus, so its name is what assistive tech hears.
              activateOnKeyboard={false}
              inputProps={{ 'aria-label': 'Choose a file', 'aria-describedby': 'import-drop-hint', tabIndex: 0 }}
            >
              <Stack align="center" gap="xs" className={classes.dropInner}>
                <Dropzone.Accept>
                  <IconUpload size={44} stroke={1.5} color="var(--mantine-primary-color-filled)" aria-hidden />
                </Dropzone.Accept>
                <Dropzone.Reject>
                  <IconX size={44} stroke={1.5} color="var(--mantine-color-red-6)" aria-hidden />
                </Dropzone.Reject>
                <Dropzone.Idle>
                  <IconFileUpload size={44} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
                </Dropzone.Idle>
                <Text fw={600} ta="center">
                  <Dropzone.Reject>
                    <span>That is not {format === 'linkedin' ? 'a .csv file' : 'a vCard file'}</span>
                  </Dropzone.Reject>
                  <Dropzone.Idle>
                    <span>Drop {FORMATS[format].fileHint} here</span>
                  </Dropzone.Idle>
                  <Dropzone.Accept>
                    <span>Drop it to see a preview</span>
                  </Dropzone.Accept>
                </Text>
                <Text size="sm" c="dimmed" ta="center" id="import-drop-hint">
                  or click to choose it · {FORMATS[format].extensions}, up to {formatBytes(MAX_IMPORT_BYTES)}
                </Text>
              </Stack>
            </Dropzone>
          </Stack>
        </Paper>
      )}

      {step.kind === 'sending' && (
        <UploadStatus
          file={step.file}
          format={format}
          loaded={step.loaded}
          total={step.total}
          checking={step.checking}
          dryRun={step.dryRun}
          onCancel={step.dryRun ? cancel : undefined}
        />
      )}

      {step.kind === 'preview' && (
        <ImportPreview
          file={step.file}
          format={format}
          report={step.report}
          onConfirm={() => void send(step.file, false)}
          onChooseAnother={() => setStep({ kind: 'choose' })}
        />
      )}

      {step.kind === 'done' && <ImportResult report={step.report} format={format} onImportAnother={() => setStep({ kind: 'choose' })} />}
    </Stack>
  );
}

function FormatHelp({ format }: { format: ImportFormat }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" mt="md" className={classes.help}>
      <IconInfoCircle size={18} stroke={1.6} className={classes.helpIcon} aria-hidden />
      {format === 'linkedin' ? (
        <Text size="sm">
          On LinkedIn, open <b>Settings → Data privacy → Get a copy of your data</b>, pick <b>Connections</b> and request
          the archive. LinkedIn e-mails you a link, usually within minutes; the file to import is <b>Connections.csv</b>.
        </Text>
      ) : (
        <Text size="sm">
          Export your contacts as a vCard (<b>.vcf</b>) file from <b>Google Contacts</b> (Export → vCard),{' '}
          <b>Apple Contacts</b> (File → Export → Export vCard) or <b>Outlook</b>.
        </Text>
      )}
    </Group>
  );
}
