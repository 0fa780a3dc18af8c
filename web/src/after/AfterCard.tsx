import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  List,
  Paper,
  Rating,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy, IconMail, IconNotebook, IconPrinter, IconRefresh, IconTrophy, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { AfterSummary, Referral, ThankYou, WriteUp } from '@shared/after-api.ts';
import type { Interview } from '@shared/plan-api.ts';
import type { MayUseName } from '@core/referral-rules.ts';
import {
  addReferral,
  afterKeys,
  errorMessage,
  getAfterSummary,
  getThankYou,
  isApiError,
  queryKeys,
  saveThankYou,
  saveWriteUp,
  sendThankYou,
  updateReferral,
} from '../api/index.ts';
import { acceptInterview } from '../interviews/useInterviewWrite.ts';
import { copyText } from '../ui/copyText.ts';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { OUTCOME_LABELS } from './outcomeLabels.ts';

const MET = ['held', 'thanked', 'staying_in_touch'];

const MAY_USE_OPTIONS: { value: MayUseName; label: string }[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not_asked', label: 'Not asked' },
];

/** After the meeting: the write-up with the four measures, the names they gave, the thank-you and what came of it. */
export function AfterCard({ interview }: { interview: Interview }) {
  const met = MET.includes(interview.stage);
  const summary = useQuery({
    queryKey: afterKeys.summary(interview.id),
    queryFn: ({ signal }) => getAfterSummary(interview.id, signal),
    enabled: met,
  });
  if (!met) return null;
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="interview-after">
      <Group gap="sm" wrap="nowrap" mb="md">
        <ThemeIcon size={30} radius="xl" variant="light" color="teal" aria-hidden>
          <IconNotebook size={17} stroke={1.8} />
        </ThemeIcon>
        <Title order={2} fz="md" id="interview-after">
          After the meeting
        </Title>
      </Group>
      {summary.data ? (
        <Stack gap="lg">
          <WriteUpForm interview={interview} summary={summary.data} />
          <Divider />
          <Referrals interview={interview} referrals={summary.data.referrals} />
          <Divider />
          <ThankYouSection interview={interview} />
          {summary.data.outcomes.length > 0 && (
            <>
              <Divider />
              <OutcomesFromHere summary={summary.data} />
            </>
          )}
        </Stack>
      ) : summary.error ? (
        <Alert color="red" variant="light">
          {errorMessage(summary.error)}
        </Alert>
      ) : (
        <Stack>
          <Skeleton h={120} />
          <Skeleton h={80} />
        </Stack>
      )}
    </Card>
  );
}

function SectionTitle({ children }: { children: string }) {
  return (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
      {children}
    </Text>
  );
}

// ---------------------------------------------------------------------------
// Write-up

interface WriteUpFields {
  learned: string;
  rating: number;
  gaveBack: string;
  connection: boolean;
  lead: string;
  nextStep: string;
}

function writeUpFields(w: WriteUp): WriteUpFields {
  return { learned: w.learned ?? '', rating: w.informationRating ?? 0, gaveBack: w.gaveBack ?? '', connection: w.connectionMade ?? false, lead: w.lead ?? '', nextStep: w.nextStep ?? '' };
}

const sameFields = (a: WriteUpFields, b: WriteUpFields) => (Object.keys(a) as (keyof WriteUpFields)[]).every((k) => a[k] === b[k]);

/**
 * The write-up shares its version with the thank-you draft (one row), so a saved draft moves it too. The form
 * keeps what the seeker typed: a newer version with the same write-up is taken in silently, a changed write-up
 * replaces the form only if nothing was typed, and otherwise the seeker chooses.
 */
function WriteUpForm({ interview, summary }: { interview: Interview; summary: AfterSummary }) {
  const queryClient = useQueryClient();
  const server = summary.writeUp;
  const serverFields = writeUpFields(server);
  const [fields, setFields] = useState(serverFields);
  const [base, setBase] = useState({ fields: serverFields, version: server.version });
  const set = <K extends keyof WriteUpFields>(key: K, value: WriteUpFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const changedElsewhere = !sameFields(serverFields, base.fields);
  const untouched = sameFields(fields, base.fields);
  const matchesScreen = sameFields(serverFields, fields);
  useEffect(() => {
    if (server.version === base.version && !changedElsewhere) return;
    if (!changedElsewhere) {
      // Only the version moved (the thank-you draft was saved): keep what is on screen.
      setBase((b) => ({ ...b, version: server.version }));
    } else if (untouched || matchesScreen) {
      setFields(serverFields);
      setBase({ fields: serverFields, version: server.version });
    }
    // serverFields is rebuilt each render; the server's version and the comparisons say when it changed.
  }, [server.version, base.version, changedElsewhere, untouched, matchesScreen]);
  const takeTheirs = () => {
    setFields(serverFields);
    setBase({ fields: serverFields, version: server.version });
  };
  const keepMine = () => setBase({ fields: serverFields, version: server.version });
  const { learned, rating, gaveBack, connection, lead, nextStep } = fields;
  const save = useMutation({
    mutationFn: (sent: WriteUpFields) =>
      saveWriteUp(interview.id, {
        version: base.version,
        learned: sent.learned,
        informationRating: sent.rating === 0 ? null : sent.rating,
        gaveBack: sent.gaveBack,
        connectionMade: sent.connection,
        lead: sent.lead,
        nextStep: sent.nextStep,
      }),
    onSuccess: (saved, sent) => {
      // What the server kept (trimmed), so the form and its version follow it — unless typing went on meanwhile.
      setFields((current) => (sameFields(current, sent) ? writeUpFields(saved) : current));
      setBase({ fields: writeUpFields(saved), version: saved.version });
      notifySuccess('Your thank-you draft now uses it.', 'Write-up saved');
      void queryClient.invalidateQueries({ queryKey: ['after'] });
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) void queryClient.invalidateQueries({ queryKey: afterKeys.summary(interview.id) });
      else notifyError(error, 'The write-up was not saved');
    },
  });
  const conflict = changedElsewhere && !untouched && !matchesScreen;
  const first = interview.contact.name.split(' ')[0] ?? interview.contact.name;

  return (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        save.mutate(fields);
      }}
      aria-label="Write-up"
    >
      <Stack gap="sm">
        <SectionTitle>Write-up</SectionTitle>
        {conflict && (
          <Alert color="orange" variant="light" role="alert" title="The write-up was changed elsewhere">
            <Text size="sm" mb="xs">
              Yours is still here and was not saved over it. Keep yours (and save it), or load the saved one.
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="light" color="orange" onClick={keepMine}>
                Keep mine
              </Button>
              <Button size="xs" variant="subtle" color="orange" onClick={takeTheirs}>
                Load the saved one
              </Button>
            </Group>
          </Alert>
        )}
        <Textarea
          label="What I learned"
          placeholder={`What ${first} told you that you did not know before`}
          autosize
          minRows={3}
          value={learned}
          onChange={(e) => set('learned', e.currentTarget.value)}
        />
        <Text size="sm" fw={500}>
          The four measures of success
        </Text>
        <Paper withBorder p="sm" radius="md">
          <Stack gap="sm">
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text size="sm" id="rating-label">
                1. Good information
              </Text>
              <Rating value={rating} onChange={(value) => set('rating', value)} aria-labelledby="rating-label" size="md" />
            </Group>
            <TextInput label="2. What I gave back" placeholder="An article, an introduction, a thank-you gift…" value={gaveBack} onChange={(e) => set('gaveBack', e.currentTarget.value)} />
            <Switch label="3. A professional connection made" checked={connection} onChange={(e) => set('connection', e.currentTarget.checked)} />
            <TextInput label="4. A lead" placeholder="An opening, a project, a team that is growing…" value={lead} onChange={(e) => set('lead', e.currentTarget.value)} />
          </Stack>
        </Paper>
        <TextInput
          label="My next step"
          description="Named in the thank-you, so they see their time turned into action."
          placeholder="Rebuild my portfolio around one case study"
          value={nextStep}
          onChange={(e) => set('nextStep', e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} leftSection={<IconCheck size={16} />}>
            Save write-up
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------------------
// Referrals

function Referrals({ interview, referrals }: { interview: Interview; referrals: Referral[] }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [organization, setOrganization] = useState('');
  const [mayUse, setMayUse] = useState<MayUseName>('not_asked');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const first = interview.contact.name.split(' ')[0] ?? interview.contact.name;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['after'] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all });
  };
  const add = useMutation({
    mutationFn: () => addReferral(interview.id, { name, email: email || null, organizationName: organization || null, mayUseName: mayUse }),
    onSuccess: (referral) => {
      setName('');
      setEmail('');
      setOrganization('');
      setMayUse('not_asked');
      setErrors({});
      notifySuccess(`${referral.contact.name} is in your contacts, introduced by ${first}.`, 'Name recorded');
      refresh();
    },
    onError: (error) => {
      if (isApiError(error, 'VALIDATION_FAILED')) setErrors(Object.fromEntries(error.issues.map((i) => [i.field, i.message])));
      else notifyError(error, 'The name was not recorded');
    },
  });
  // The version each referral's last change here returned: a second change made before the list is
  // fetched again is made over it, not over the version the list still shows.
  const [savedVersions, setSavedVersions] = useState<Record<string, number>>({});
  const change = useMutation({
    mutationFn: ({ referral, mayUseName }: { referral: Referral; mayUseName: MayUseName }) =>
      updateReferral(interview.id, referral.id, { version: Math.max(referral.version, savedVersions[referral.id] ?? 0), mayUseName }),
    onSuccess: (saved) => {
      setSavedVersions((versions) => ({ ...versions, [saved.id]: saved.version }));
      refresh();
    },
    onError: (error) => {
      // Changed on another device since this page loaded: show what is there now, to choose again.
      if (isApiError(error, 'VERSION_CONFLICT')) {
        refresh();
        notifyError(error, 'Not changed', 'This name was changed on another device. What it says now is shown; choose again.');
      } else notifyError(error, 'Not changed');
    },
  });

  return (
    <Stack gap="sm">
      <SectionTitle>Names they gave</SectionTitle>
      {referrals.length === 0 ? (
        <Text size="sm" c="dimmed">
          No names yet. Every name {first} gave becomes a contact introduced by them, so your network remembers who led to whom.
        </Text>
      ) : (
        <Stack gap="xs">
          {referrals.map((r) => (
            <Paper key={r.id} withBorder p="sm" radius="md">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div>
                  <Anchor component={Link} to={`/contacts/${r.contact.id}`} fw={500} size="sm">
                    {r.contact.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {[r.contact.organization?.name, r.contact.emails[0]].filter(Boolean).join(' · ') || 'No details yet'}
                    {r.contactedAt ? ` · contacted${r.referrerToldAt ? `, ${first} told` : ''}` : ''}
                  </Text>
                </div>
                <Stack gap={2} align="flex-end">
                  <Text size="xs" c="dimmed">
                    May I use your name?
                  </Text>
                  <SegmentedControl
                    size="xs"
                    data={MAY_USE_OPTIONS}
                    value={change.isPending && change.variables.referral.id === r.id ? change.variables.mayUseName : r.mayUseName}
                    disabled={change.isPending && change.variables.referral.id === r.id}
                    onChange={(value) => change.mutate({ referral: r, mayUseName: value as MayUseName })}
                    aria-label={`May I use ${first}'s name with ${r.contact.name}?`}
                  />
                </Stack>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <form
        aria-label="Add a name they gave"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() === '') {
            setErrors({ name: 'is required' });
            return;
          }
          add.mutate();
        }}
      >
        <Paper bg="var(--mantine-color-default-hover)" p="sm" radius="md">
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              Add a name they gave
            </Text>
            <Group grow gap="xs" wrap="wrap" align="flex-start" preventGrowOverflow={false}>
              <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} miw={180} />
              <TextInput label="E-mail" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} miw={180} />
              <TextInput label="Organization" value={organization} onChange={(e) => setOrganization(e.currentTarget.value)} miw={180} />
            </Group>
            <Group justify="space-between" align="flex-end" gap="xs" wrap="wrap">
              <Stack gap={4}>
                <Text size="sm" fw={500} id="may-use-label">
                  May I use your name?
                </Text>
                <SegmentedControl data={MAY_USE_OPTIONS} value={mayUse} onChange={(v) => setMayUse(v as MayUseName)} aria-labelledby="may-use-label" />
              </Stack>
              <Button type="submit" variant="light" loading={add.isPending} leftSection={<IconUserPlus size={16} />}>
                Add name
              </Button>
            </Group>
          </Stack>
        </Paper>
      </form>
    </Stack>
  );
}

// ---------------------------------------------------------------------------
// Thank-you

function DeadlineBadge({ thankYou, now = Date.now() }: { thankYou: ThankYou; now?: number }) {
  if (thankYou.sentAt) return <Badge color="green" variant="light">Sent</Badge>;
  if (!thankYou.deadline) return null;
  const hours = Math.floor((Date.parse(thankYou.deadline) - now) / 3_600_000);
  if (hours < 0) return <Badge color="red" variant="filled">Overdue</Badge>;
  return (
    <Badge color={hours < 6 ? 'orange' : 'teal'} variant="light">
      {hours < 1 ? 'Less than an hour left' : `${hours} hour${hours === 1 ? '' : 's'} left`}
    </Badge>
  );
}

function ThankYouSection({ interview }: { interview: Interview }) {
  const query = useQuery({ queryKey: afterKeys.thankYou(interview.id), queryFn: ({ signal }) => getThankYou(interview.id, signal) });
  if (!query.data) return <Skeleton h={160} />;
  // A send starts the editor afresh; a newer draft (a saved write-up, a new name) is taken in by the editor itself.
  return <ThankYouEditor key={query.data.sentAt ?? ''} interview={interview} thankYou={query.data} />;
}

function ThankYouEditor({ interview, thankYou }: { interview: Interview; thankYou: ThankYou }) {
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(thankYou.subject);
  const [body, setBody] = useState(thankYou.body);
  const [refusal, setRefusal] = useState<string | null>(null);
  const sentDraft = useRef({ subject: thankYou.subject, body: thankYou.body });
  // The draft the text on screen started from, and its version (the write-up's: saving the write-up moves it).
  // A draft not edited follows the notes (a new name, a saved write-up); if the seeker has typed in it
  // meanwhile, their words stay and they choose. Saves carry the version of the text they replace.
  const [base, setBase] = useState({ subject: thankYou.subject, body: thankYou.body, version: thankYou.version });
  const rebuilt = thankYou.subject !== base.subject || thankYou.body !== base.body;
  const untouched = subject === base.subject && body === base.body;
  const matchesScreen = thankYou.subject === subject && thankYou.body === body;
  useEffect(() => {
    if (thankYou.version === base.version && !rebuilt) return;
    if (!rebuilt) {
      // Only the version moved (the write-up was saved, the draft unchanged): keep what is on screen.
      setBase((b) => ({ ...b, version: thankYou.version }));
    } else if (untouched || matchesScreen) {
      // A suggestion nobody typed in, or our own save coming back.
      setSubject(thankYou.subject);
      setBody(thankYou.body);
      setBase({ subject: thankYou.subject, body: thankYou.body, version: thankYou.version });
    }
  }, [thankYou.version, thankYou.subject, thankYou.body, base.version, rebuilt, untouched, matchesScreen]);
  const takeRebuilt = () => {
    setSubject(thankYou.subject);
    setBody(thankYou.body);
    setBase({ subject: thankYou.subject, body: thankYou.body, version: thankYou.version });
  };
  const keepMine = () => setBase({ subject: thankYou.subject, body: thankYou.body, version: thankYou.version });
  const dirty = subject !== thankYou.subject || body !== thankYou.body;
  const sent = thankYou.sentAt !== null;

  const save = useMutation({
    mutationFn: (reset: boolean) => {
      sentDraft.current = { subject, body };
      return saveThankYou(interview.id, { version: base.version, subject: reset ? null : subject, body: reset ? null : body });
    },
    onSuccess: (saved, reset) => {
      // What the server kept (trimmed, or rebuilt from the notes), so the editor and its version follow it —
      // unless typing went on while it was saved.
      const sent = sentDraft.current;
      setSubject((current) => (reset || current === sent.subject ? saved.subject : current));
      setBody((current) => (reset || current === sent.body ? saved.body : current));
      setBase({ subject: saved.subject, body: saved.body, version: saved.version });
      queryClient.setQueryData(afterKeys.thankYou(interview.id), saved);
      void queryClient.invalidateQueries({ queryKey: afterKeys.summary(interview.id) });
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) void queryClient.invalidateQueries({ queryKey: ['after'] });
      notifyError(error, 'The draft was not saved');
    },
  });
  const send = useMutation({
    mutationFn: async (via: 'email' | 'copy' | 'card') => {
      // Edits are kept first, so what is sent is what is shown.
      if (dirty) await saveThankYou(interview.id, { version: base.version, subject, body });
      return sendThankYou(interview.id, { via, version: interview.version });
    },
    onSuccess: (saved, via) => {
      setRefusal(null);
      acceptInterview(queryClient, saved);
      void queryClient.invalidateQueries({ queryKey: ['after'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.today });
      notifySuccess(via === 'email' ? `On its way to ${interview.contact.name}.` : 'Recorded as thanked.', 'Thank-you sent');
    },
    onError: (error) => {
      if (isApiError(error, 'MAIL_NOT_POSSIBLE') || isApiError(error, 'STAGE_TRANSITION_REFUSED') || isApiError(error, 'VALIDATION_FAILED')) {
        setRefusal(errorMessage(error));
      } else notifyError(error, 'Nothing was recorded');
      void queryClient.invalidateQueries({ queryKey: ['after'] });
    },
  });

  const copy = async () => {
    try {
      await copyText(`${subject}\n\n${body}`);
      notifySuccess('Paste it into your mail, then mark it sent.', 'Copied');
    } catch (error) {
      notifyError(error, 'Not copied');
    }
  };
  const problems = thankYou.findings;

  return (
    <Stack gap="sm" aria-label="Thank-you" component="section">
      <Group justify="space-between" gap="xs">
        <SectionTitle>Thank-you</SectionTitle>
        <DeadlineBadge thankYou={thankYou} />
      </Group>
      {thankYou.specific && (
        <Text size="sm" c="dimmed">
          Names what they said: <i>“{thankYou.specific}”</i>
        </Text>
      )}
      {problems.length > 0 && (
        <Alert color={problems.some((f) => f.severity === 'problem') ? 'orange' : 'blue'} variant="light" title="Before you send it">
          <List size="sm" spacing={4}>
            {problems.map((f) => (
              <List.Item key={f.code}>{f.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {refusal && (
        <Alert color="orange" variant="light" role="alert">
          {refusal}
        </Alert>
      )}
      {rebuilt && !untouched && !matchesScreen && !sent && (
        <Alert color="blue" variant="light" title="Your notes changed the suggested draft">
          <Text size="sm" mb="xs">
            You have typed in this message, so it was left as it is.
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={takeRebuilt}>
              Use the new draft
            </Button>
            <Button size="xs" variant="subtle" onClick={keepMine}>
              Keep mine
            </Button>
          </Group>
        </Alert>
      )}
      <TextInput label="Subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} readOnly={sent} />
      <Textarea label="Message" autosize minRows={8} value={body} onChange={(e) => setBody(e.currentTarget.value)} readOnly={sent} />
      {!sent && (
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            <Button variant="default" size="xs" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(false)}>
              Save draft
            </Button>
            {thankYou.edited && (
              <Button variant="subtle" size="xs" leftSection={<IconRefresh size={14} />} onClick={() => save.mutate(true)}>
                Rebuild from notes
              </Button>
            )}
          </Group>
          <Group gap="xs" wrap="wrap">
            <Button
              leftSection={<IconMail size={16} />}
              loading={send.isPending && send.variables === 'email'}
              disabled={!thankYou.mailConfigured || !thankYou.contactEmail}
              title={!thankYou.mailConfigured ? 'No e-mail server is set up: copy it instead' : !thankYou.contactEmail ? 'No e-mail address for them' : undefined}
              onClick={() => send.mutate('email')}
            >
              Send by e-mail
            </Button>
            <Button variant="default" leftSection={<IconCopy size={16} />} onClick={() => void copy()}>
              Copy
            </Button>
            <Button variant="default" component={Link} to={`/interviews/${interview.id}/thank-you/card`} target="_blank" leftSection={<IconPrinter size={16} />}>
              Print a card
            </Button>
            <Button variant="light" color="green" loading={send.isPending && send.variables !== 'email'} onClick={() => send.mutate('copy')}>
              Mark as sent
            </Button>
          </Group>
        </Group>
      )}
    </Stack>
  );
}

// ---------------------------------------------------------------------------
// Outcomes

function OutcomesFromHere({ summary }: { summary: AfterSummary }) {
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <SectionTitle>What came of it</SectionTitle>
        <Anchor component={Link} to="/outcomes" size="sm">
          All outcomes
        </Anchor>
      </Group>
      {summary.outcomes.map((o) => (
        <Group key={o.id} gap="xs" wrap="nowrap" align="flex-start">
          <IconTrophy size={16} stroke={1.6} style={{ flexShrink: 0, marginTop: 2 }} />
          <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
            <Badge variant="light" color={OUTCOME_LABELS[o.kind].color} style={{ flexShrink: 0 }}>
              {OUTCOME_LABELS[o.kind].label}
            </Badge>
            <Text size="sm">{o.title}</Text>
            <Text size="xs" c="dimmed">
              {o.occurredOn}
            </Text>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
