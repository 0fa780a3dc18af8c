import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Collapse,
  Grid,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedCallback, useWindowEvent } from '@mantine/hooks';
import {
  IconAlertOctagon,
  IconAlertTriangle,
  IconChevronDown,
  IconChevronUp,
  IconCircleCheck,
  IconCopy,
  IconDeviceFloppy,
  IconGitMerge,
  IconMail,
  IconRoute,
  IconSend,
  IconTemplate,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState } from 'react';
import type { ComposedRequest, Interview } from '@shared/plan-api.ts';
import type { RequestChannel } from '@core/interview-stages.ts';
import { LINKEDIN_NOTE_MAX_CHARS, LONG_WORDS, TOO_LONG_WORDS, lintRequest, type LintFinding } from '@core/request-lint.ts';
import { REQUEST_TEMPLATES, type RequestTemplateId } from '@core/request-templates.ts';
import { composeRequest, isApiError, queryKeys } from '../api/index.ts';
import { copyText, mailtoLink } from '../ui/copyText.ts';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { formatInstantDate } from './dates.ts';
import { CHANNEL_LABELS } from './interviewParts.tsx';
import { LintedTextarea, type LintedTextareaHandle } from './LintedTextarea.tsx';
import type { EventRequest } from './RecordEventModal.tsx';
import classes from './RequestComposer.module.css';
import { useMailStatus } from './scheduling.ts';
import { useInterviewWrite } from './useInterviewWrite.ts';

interface Draft {
  template: RequestTemplateId;
  subject: string;
  body: string;
}

const sameDraft = (a: Draft, b: Draft) => a.template === b.template && a.subject === b.subject && a.body === b.body;

const TEMPLATE_OPTIONS = REQUEST_TEMPLATES.map((template) => ({ value: template.id, label: template.label }));

function channelFor(template: RequestTemplateId): RequestChannel {
  return template === 'linkedin' ? 'linkedin' : 'email';
}

type SaveState = 'idle' | 'saving' | 'failed' | 'conflict';

interface RequestComposerProps {
  interview: Interview;
  /** While the request is still an idea the composer is open and wide; afterwards it folds away. */
  prominent: boolean;
  onMarkSent: (request: EventRequest) => void;
}

/**
 * Writes the request: a template to start from, the message with the lint's
 * problems highlighted in place as you type, and the ways to send it (copy,
 * mail app) and to record that it went out. The draft saves itself shortly
 * after typing stops; a conflicting save never loses what was typed.
 */
export function RequestComposer({ interview, prominent, onMarkSent }: RequestComposerProps) {
  const { patch, reload } = useInterviewWrite(interview);
  const editor = useRef<LintedTextareaHandle>(null);
  const ids = { editor: useId(), count: useId(), heading: useId(), findings: useId() };

  const initial: Draft = {
    template: interview.requestTemplate ?? 'email',
    subject: interview.requestSubject ?? '',
    body: interview.requestBody ?? '',
  };
  const [draft, setDraft] = useState<Draft>(initial);
  const [saved, setSaved] = useState<Draft>(initial);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [activeFinding, setActiveFinding] = useState<number | null>(null);
  const [replacing, setReplacing] = useState<ComposedRequest | null>(null);
  const [open, setOpen] = useState(prominent);
  const latest = useRef(draft);
  latest.current = draft;
  const conflicted = useRef(false);

  const template = REQUEST_TEMPLATES.find((t) => t.id === draft.template) ?? REQUEST_TEMPLATES[0]!;
  const compose = useQuery({
    queryKey: queryKeys.interviews.compose(interview.id, draft.template),
    queryFn: ({ signal }) => composeRequest(interview.id, draft.template, signal),
    staleTime: 5 * 60_000,
  });
  const sharedConnectionName = compose.data?.sharedConnectionName ?? null;

  const lint = useMemo(
    () => lintRequest(draft.body, { channel: template.channel, sharedConnectionName }),
    [draft.body, template.channel, sharedConnectionName],
  );
  const blockers = lint.findings.filter((f) => f.severity === 'blocker').length;
  const empty = draft.body.trim() === '';
  const dirty = !sameDraft(draft, saved);
  const withSubject = template.channel !== 'linkedin';
  const email = interview.contact.emails[0] ?? null;
  const canMarkSent = interview.allowedEvents.includes('request_sent');
  const mail = useMailStatus();
  // Rapport can e-mail an e-mail request itself when it has SMTP and the contact an address.
  const canSend = canMarkSent && mail.data?.configured === true && email !== null && draft.template === 'email';

  const save = async (): Promise<boolean> => {
    const values = latest.current;
    if (conflicted.current) return false;
    setSaveState('saving');
    try {
      await patch.mutateAsync({ requestTemplate: values.template, requestSubject: values.subject, requestBody: values.body });
      setSaved(values);
      setSaveState('idle');
      return true;
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        conflicted.current = true;
        setSaveState('conflict');
      } else {
        setSaveState('failed');
        notifyError(error, 'Your draft was not saved');
      }
      return false;
    }
  };
  const saveSoon = useDebouncedCallback(() => void save(), { delay: 1200, flushOnUnmount: true });

  // Leaving with unsaved typing: the browser asks first.
  useWindowEvent('beforeunload', (event) => {
    if (!sameDraft(latest.current, saved)) event.preventDefault();
  });

  const change = (changes: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...changes }));
    setActiveFinding(null);
    if (saveState === 'failed') setSaveState('idle');
    saveSoon();
  };

  const saveNow = async () => {
    saveSoon.cancel();
    if (sameDraft(latest.current, saved)) return true;
    return save();
  };

  const applyTemplate = (composed: ComposedRequest) => {
    change({ subject: composed.subject ?? '', body: composed.body });
    setReplacing(null);
    requestAnimationFrame(() => editor.current?.focus());
  };

  const fill = () => {
    const composed = compose.data;
    if (!composed) return;
    if (draft.body.trim() !== '' && draft.body !== composed.body) setReplacing(composed);
    else applyTemplate(composed);
  };

  const keepMine = async () => {
    await reload();
    conflicted.current = false;
    const ok = await save();
    if (ok) notifySuccess('Your text replaced the other version.', 'Draft saved');
  };

  const takeTheirs = async () => {
    const fresh = await reload();
    const theirs: Draft = {
      template: fresh.requestTemplate ?? 'email',
      subject: fresh.requestSubject ?? '',
      body: fresh.requestBody ?? '',
    };
    conflicted.current = false;
    setDraft(theirs);
    setSaved(theirs);
    setSaveState('idle');
  };

  const copy = async () => {
    try {
      await copyText(draft.body);
      notifySuccess(
        withSubject && draft.subject.trim() ? 'The message is on your clipboard; copy the subject from its field.' : 'The message is on your clipboard.',
        'Copied',
      );
    } catch (error) {
      notifyError(error, 'Nothing was copied');
    }
  };

  const markSent = async (send = false) => {
    if (!(await saveNow()) && conflicted.current) return;
    onMarkSent({ kind: 'request_sent', channel: channelFor(draft.template), blockers, ...(send ? { send: true } : {}) });
  };

  const pick = (finding: LintFinding, index: number) => {
    setActiveFinding(index);
    if (finding.span) editor.current?.select(finding.span.start, finding.span.end);
  };

  const sentLine = interview.requestSentAt
    ? `Sent ${formatInstantDate(interview.requestSentAt)}${interview.requestChannel ? ` by ${CHANNEL_LABELS[interview.requestChannel].toLowerCase()}` : ''}.`
    : null;

  const lintPanel = (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600} size="sm" id={ids.findings}>
          What the lint says
        </Text>
        <Box aria-live="polite">
          {empty ? (
            <Badge variant="light" color="gray">
              Nothing written yet
            </Badge>
          ) : lint.ready ? (
            <Badge variant="light" color="teal" leftSection={<IconCircleCheck size={13} />}>
              Ready to send
            </Badge>
          ) : (
            <Badge variant="light" color="red" leftSection={<IconAlertOctagon size={13} />}>
              Not ready · {blockers} to fix
            </Badge>
          )}
        </Box>
      </Group>
      {empty ? (
        <Text size="sm" c="dimmed">
          Start from a template or write your own. Under 100 words: who connects you, why this person, a question, and a request for
          20 or 30 minutes at their convenience. Never mention jobs, hiring, résumés or referrals.
        </Text>
      ) : lint.findings.length === 0 ? (
        <Text size="sm" c="dimmed">
          No problems found: short, a clear reason, a question and a modest ask.
        </Text>
      ) : (
        <ul className={classes.findings} role="list" aria-labelledby={ids.findings}>
          <Stack gap={6}>
            {lint.findings.map((finding, index) => (
              <li key={`${finding.code}-${finding.span?.start ?? 'x'}-${index}`}>
                <FindingItem finding={finding} active={activeFinding === index} onPick={() => pick(finding, index)} />
              </li>
            ))}
          </Stack>
        </ul>
      )}
    </Stack>
  );

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={ids.heading}>
      <Group justify="space-between" gap="sm" wrap="nowrap" mb={open ? 'md' : 0}>
        <Box miw={0}>
          <Title order={2} fz="md" id={ids.heading}>
            {prominent ? 'Write your request' : 'Your request'}
          </Title>
          {(!prominent || !open) && sentLine && (
            <Text size="sm" c="dimmed">
              {sentLine}
            </Text>
          )}
        </Box>
        {!prominent && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => setOpen((shown) => !shown)}
            aria-expanded={open}
            rightSection={open ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          >
            {open ? 'Hide' : 'Show'}
          </Button>
        )}
      </Group>

      <Collapse expanded={open}>
        <Stack gap="md">
          {saveState === 'conflict' && (
            <Alert color="orange" variant="light" icon={<IconGitMerge size={20} />} title="This draft changed elsewhere" role="alert">
              <Text size="sm">
                It was saved from another tab or device since you opened it. Your text is still here and was <b>not</b> saved; nothing
                was overwritten.
              </Text>
              <Group mt="sm" gap="sm">
                <Button size="xs" color="orange" onClick={() => void keepMine()}>
                  Keep my text
                </Button>
                <Button size="xs" variant="default" onClick={() => void takeTheirs()}>
                  Use the other version
                </Button>
              </Group>
            </Alert>
          )}

          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: prominent ? 7 : 12 }}>
              <Stack gap="md">
                <Box>
                  <Group gap="sm" align="flex-end" wrap="wrap">
                    <Select
                      label="Template"
                      data={TEMPLATE_OPTIONS}
                      value={draft.template}
                      onChange={(value) => value && change({ template: value as RequestTemplateId })}
                      allowDeselect={false}
                      w={{ base: '100%', xs: 220 }}
                    />
                    <Button
                      variant="light"
                      leftSection={<IconTemplate size={16} />}
                      onClick={fill}
                      loading={compose.isFetching && !compose.data}
                      disabled={!compose.data}
                    >
                      Fill from template
                    </Button>
                  </Group>
                  <Text size="xs" c="dimmed" mt={6}>
                    {template.description}
                  </Text>
                  <ConnectionHint interview={interview} composed={compose.data ?? null} template={draft.template} />
                </Box>

                {withSubject && (
                  <TextInput label="Subject" value={draft.subject} onChange={(event) => change({ subject: event.currentTarget.value })} maxLength={300} />
                )}

                <Box>
                  <LintedTextarea
                    ref={editor}
                    id={ids.editor}
                    label="Request message"
                    value={draft.body}
                    onChange={(body) => change({ body })}
                    findings={lint.findings}
                    activeFinding={activeFinding}
                    describedBy={ids.count}
                    placeholder={`Hi ${interview.contact.name.split(' ')[0] ?? ''}, …`}
                  />
                  <Group justify="space-between" gap="xs" mt={6} wrap="wrap">
                    <Text size="sm" id={ids.count} className={classes.count} c={lint.words > TOO_LONG_WORDS ? 'red' : lint.words > LONG_WORDS ? 'orange' : 'dimmed'}>
                      {lint.words} {lint.words === 1 ? 'word' : 'words'} · aim for under {LONG_WORDS}
                      {draft.template === 'linkedin' && ` · ${[...draft.body.trim()].length}/${LINKEDIN_NOTE_MAX_CHARS} characters`}
                    </Text>
                    <SaveStatus state={saveState} dirty={dirty} />
                  </Group>
                </Box>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: prominent ? 5 : 12 }}>{lintPanel}</Grid.Col>
          </Grid>

          <Group gap="sm" wrap="wrap">
            {canSend && (
              <Button leftSection={<IconSend size={16} />} onClick={() => void markSent(true)} disabled={empty}>
                Send it from Rapport
              </Button>
            )}
            {canMarkSent && (
              <Button variant={canSend ? 'default' : 'filled'} leftSection={canSend ? <IconCircleCheck size={16} /> : <IconSend size={16} />} onClick={() => void markSent()} disabled={empty}>
                {canSend ? 'I sent it myself' : 'Mark as sent'}
              </Button>
            )}
            <Button variant="default" leftSection={<IconCopy size={16} />} onClick={() => void copy()} disabled={empty}>
              Copy
            </Button>
            {email && draft.template === 'email' && !empty && (
              <Button component="a" href={mailtoLink(email, draft.subject, draft.body)} variant="default" leftSection={<IconMail size={16} />}>
                Open in mail app
              </Button>
            )}
            <Button
              variant="subtle"
              leftSection={<IconDeviceFloppy size={16} />}
              onClick={() => void saveNow()}
              disabled={!dirty || saveState === 'conflict'}
              loading={saveState === 'saving'}
            >
              Save draft
            </Button>
          </Group>
        </Stack>
      </Collapse>

      <Modal opened={replacing !== null} onClose={() => setReplacing(null)} title={<Text fw={650}>Replace your draft?</Text>}>
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            The {template.label.toLowerCase()} template will replace the message{withSubject ? ' and subject' : ''} you wrote. This cannot be
            undone.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setReplacing(null)}>
              Keep my draft
            </Button>
            <Button onClick={() => replacing && applyTemplate(replacing)} data-autofocus>
              Replace
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function SaveStatus({ state, dirty }: { state: SaveState; dirty: boolean }) {
  if (state === 'saving') {
    return (
      <Group gap={6} wrap="nowrap">
        <Loader size={12} />
        <Text size="sm" c="dimmed">
          Saving…
        </Text>
      </Group>
    );
  }
  if (state === 'conflict') return <Text size="sm" c="orange">Not saved: changed elsewhere</Text>;
  if (state === 'failed') return <Text size="sm" c="red">Not saved</Text>;
  return (
    <Text size="sm" c="dimmed">
      {dirty ? 'Unsaved changes' : 'Draft saved'}
    </Text>
  );
}

function FindingItem({ finding, active, onPick }: { finding: LintFinding; active: boolean; onPick: () => void }) {
  const blocker = finding.severity === 'blocker';
  const content = (
    <>
      {blocker ? (
        <IconAlertOctagon size={18} className={classes.icon} color="var(--mantine-color-red-6)" aria-hidden />
      ) : (
        <IconAlertTriangle size={18} className={classes.icon} color="var(--mantine-color-yellow-7)" aria-hidden />
      )}
      <span>
        <VisuallyHidden>{blocker ? 'Must fix: ' : 'Suggestion: '}</VisuallyHidden>
        {finding.message}
      </span>
    </>
  );
  if (!finding.span) {
    return (
      <div className={classes.finding} data-severity={finding.severity}>
        {content}
      </div>
    );
  }
  return (
    <UnstyledButton
      className={classes.finding}
      data-severity={finding.severity}
      data-active={active || undefined}
      onClick={onPick}
      title="Show it in the message"
    >
      {content}
    </UnstyledButton>
  );
}

function ConnectionHint({ interview, composed, template }: { interview: Interview; composed: ComposedRequest | null; template: RequestTemplateId }) {
  if (!composed) return null;
  const contact = interview.contact.name;
  let text: string | null = null;
  if (template === 'intro_request') {
    text = composed.introducer
      ? `This note goes to ${composed.introducer.name}, who can introduce you to ${contact}.`
      : `Nobody in your contacts is linked to ${contact} yet: record who introduced them on their contact page, or write to them directly.`;
  } else if (composed.sharedConnectionName) {
    text = `${composed.sharedConnectionName} connects you to ${contact}: name them in your first sentence.`;
  } else if (!interview.contact.knownPersonally) {
    text = `No shared connection found: say how you came across ${contact}'s work.`;
  }
  if (!text) return null;
  return (
    <Group gap={6} mt={6} wrap="nowrap" align="flex-start">
      <IconRoute size={15} stroke={1.8} style={{ flexShrink: 0, marginTop: 2 }} color="var(--mantine-color-dimmed)" />
      <Text size="xs" c="dimmed">
        {text}
      </Text>
    </Group>
  );
}
