import { Alert, Anchor, Button, Chip, Divider, Group, Input, NumberInput, Paper, Select, SimpleGrid, Skeleton, Stack, TagsInput, Text, Title } from '@mantine/core';
import { IconGitMerge, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { PreferencesUpdateInput, SeekerPreferences } from '@shared/plan-api.ts';
import { getPreferences, isApiError, listContactTags, queryKeys, updatePreferences } from '../api/index.ts';
import { browserTimeZone, TimeZoneSelect } from '../contacts/TimeZoneSelect.tsx';
import { useMailStatus } from '../interviews/scheduling.ts';
import { DetachedLabel } from '../ui/DetachedLabel.tsx';
import { fieldErrorsFrom, type FieldErrors } from '../ui/fieldErrors.ts';
import { focusFirstError, reveal } from '../ui/focusFirstError.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';

/** ISO weekdays, Monday first. */
const WEEKDAYS = [
  { value: 1, short: 'Mon', long: 'Monday' },
  { value: 2, short: 'Tue', long: 'Tuesday' },
  { value: 3, short: 'Wed', long: 'Wednesday' },
  { value: 4, short: 'Thu', long: 'Thursday' },
  { value: 5, short: 'Fri', long: 'Friday' },
  { value: 6, short: 'Sat', long: 'Saturday' },
  { value: 7, short: 'Sun', long: 'Sunday' },
];

interface Values {
  timeZone: string | null;
  workingDays: string[];
  weeklyRequestGoal: number | string;
  activeTargetLimit: number | string;
  affinityTags: string[];
  stayInTouchFirstWeeks: number | string;
  stayInTouchEveryMonths: number | string;
  /** 'off' or an hour, '0'…'23'. */
  digestHour: string;
}

const DIGEST_OFF = 'off';
const DIGEST_OPTIONS = [
  { value: DIGEST_OFF, label: 'Off' },
  ...Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: `Every day at ${String(hour).padStart(2, '0')}:00` })),
];

function toValues(preferences: SeekerPreferences): Values {
  // Never saved: suggest the zone this browser is in, rather than the server's default.
  const suggested = preferences.version === 0 ? (browserTimeZone() ?? preferences.timeZone) : preferences.timeZone;
  return {
    timeZone: suggested,
    workingDays: preferences.workingDays.map(String),
    weeklyRequestGoal: preferences.weeklyRequestGoal,
    activeTargetLimit: preferences.activeTargetLimit,
    affinityTags: preferences.affinityTags,
    stayInTouchFirstWeeks: preferences.stayInTouchFirstWeeks ?? 8,
    stayInTouchEveryMonths: preferences.stayInTouchEveryMonths ?? 3,
    digestHour: preferences.digestHour == null ? DIGEST_OFF : String(preferences.digestHour),
  };
}

const sameValues = (a: Values, b: Values) => JSON.stringify(a) === JSON.stringify(b);

/** The seeker's own calendar and goals: time zone, working days, weekly goal, active targets, schools and past employers. */
export function PreferencesSection() {
  const query = useQuery({ queryKey: queryKeys.preferences, queryFn: ({ signal }) => getPreferences(signal) });
  // The version being edited is the one first loaded, until the person reloads after a conflict.
  const [loaded, setLoaded] = useState<SeekerPreferences | null>(null);
  useEffect(() => {
    if (query.data && !loaded) setLoaded(query.data);
  }, [query.data, loaded]);

  return (
    <Paper p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="settings-preferences">
      <Title order={2} fz="lg" id="settings-preferences">
        Your plan
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="lg">
        Rapport counts follow-up days in your calendar, measures your week against these goals and times your reminders.
      </Text>
      {query.error && !loaded ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !loaded ? (
        <Stack gap="md">
          <Skeleton h={56} />
          <Skeleton h={56} />
          <Skeleton h={56} />
        </Stack>
      ) : (
        <PreferencesForm
          key={loaded.version}
          loaded={loaded}
          onSaved={setLoaded}
          onReload={async () => {
            const fresh = await query.refetch();
            if (fresh.data) setLoaded(fresh.data);
          }}
        />
      )}
    </Paper>
  );
}

interface PreferencesFormProps {
  loaded: SeekerPreferences;
  onSaved: (preferences: SeekerPreferences) => void;
  onReload: () => Promise<void>;
}

function PreferencesForm({ loaded, onSaved, onReload }: PreferencesFormProps) {
  const queryClient = useQueryClient();
  const initial = useMemo(() => toValues(loaded), [loaded]);
  const [values, setValues] = useState<Values>(initial);
  const [tagText, setTagText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  const mail = useMailStatus();
  const tags = useQuery({ queryKey: queryKeys.contacts.tags, queryFn: ({ signal }) => listContactTags(signal), staleTime: 60_000 });
  const tagOptions = useMemo(() => (tags.data ?? []).map((entry) => entry.tag), [tags.data]);

  useEffect(() => {
    if (conflict) reveal(conflictRef.current);
  }, [conflict]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _removed, ...rest }) => rest);
  };

  const neverSaved = loaded.version === 0;
  const dirty = neverSaved || !sameValues(values, initial) || tagText.trim() !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A school typed but not yet turned into a pill still counts.
    const pending = tagText.trim();
    const affinityTags = pending !== '' && !values.affinityTags.includes(pending) ? [...values.affinityTags, pending] : values.affinityTags;
    if (affinityTags !== values.affinityTags) {
      setValues((current) => ({ ...current, affinityTags }));
      setTagText('');
    }

    const problems: FieldErrors = {};
    if (values.workingDays.length === 0) problems.workingDays = 'Pick at least one working day';
    if (values.weeklyRequestGoal === '') problems.weeklyRequestGoal = 'Say how many requests a week you aim for';
    if (values.activeTargetLimit === '') problems.activeTargetLimit = 'Say how many targets you work on at once';
    if (values.stayInTouchFirstWeeks === '') problems.stayInTouchFirstWeeks = 'Say how many weeks after the meeting';
    if (values.stayInTouchEveryMonths === '') problems.stayInTouchEveryMonths = 'Say how many months between notes';
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      focusFirstError(formRef.current);
      return;
    }

    const input: PreferencesUpdateInput = {
      version: loaded.version,
      ...(values.timeZone ? { timeZone: values.timeZone } : {}),
      workingDays: values.workingDays.map(Number),
      weeklyRequestGoal: Number(values.weeklyRequestGoal),
      activeTargetLimit: Number(values.activeTargetLimit),
      affinityTags,
      stayInTouchFirstWeeks: Number(values.stayInTouchFirstWeeks),
      stayInTouchEveryMonths: Number(values.stayInTouchEveryMonths),
      digestHour: values.digestHour === DIGEST_OFF ? null : Number(values.digestHour),
    };
    setSaving(true);
    try {
      const saved = await updatePreferences(input);
      queryClient.setQueryData(queryKeys.preferences, saved);
      // The active limit ranks targets, the weekly goal shows on Today, the calendar moves follow-up dates.
      void queryClient.invalidateQueries({ queryKey: queryKeys.targets.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.interviews.all });
      notifySuccess('Your preferences were saved.', 'Saved');
      onSaved(saved);
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) setConflict(true);
      setErrors(fieldErrorsFrom(error, { ...values, affinityTags }));
      notifyError(error, 'Your preferences were not saved');
      setSaving(false);
      if (!isApiError(error, 'VERSION_CONFLICT')) focusFirstError(formRef.current);
    }
  };

  const reload = async () => {
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="lg">
        {conflict && (
          <div ref={conflictRef}>
            <Alert color="orange" variant="light" radius="md" icon={<IconGitMerge size={20} />} title="Someone changed these elsewhere" role="alert">
              <Text size="sm">
                Your preferences were changed in another tab or on another device. Your edits were <b>not</b> saved, and nothing was
                overwritten. Reload to get the latest, then apply your changes again.
              </Text>
              <Group mt="sm">
                <Button size="xs" color="orange" leftSection={<IconRefresh size={16} />} onClick={() => void reload()} loading={reloading}>
                  Reload
                </Button>
              </Group>
            </Alert>
          </div>
        )}
        {neverSaved && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={20} />} p="sm">
            <Text size="sm">
              You have not saved these yet. The time zone is the one this device is in; save to make it yours.
            </Text>
          </Alert>
        )}

        <DetachedLabel label="Your time zone">
          {(id) => (
            <TimeZoneSelect
              id={id}
              value={values.timeZone}
              onChange={(zone) => set('timeZone', zone)}
              error={errors.timeZone}
              description="Follow-up dates (3 and 7 business days) are counted on your calendar."
              clearable={false}
              placeholder="Search a city or region"
              maw={{ sm: 420 }}
            />
          )}
        </DetachedLabel>

        <Input.Wrapper
          label="Working days"
          description="Business days for follow-ups. Days off do not count."
          error={errors.workingDays}
          id="working-days"
          labelElement="div"
        >
          <Chip.Group multiple value={values.workingDays} onChange={(days) => set('workingDays', days)}>
            <Group gap={6} mt={8} role="group" aria-labelledby="working-days-label" aria-describedby="working-days-description">
              {WEEKDAYS.map((day) => (
                <Chip key={day.value} value={String(day.value)} size="sm" variant="outline" aria-label={day.long}>
                  {day.short}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Input.Wrapper>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberInput
            label="Requests per week"
            description="Your weekly goal. Five is a steady pace."
            value={values.weeklyRequestGoal}
            onChange={(value) => set('weeklyRequestGoal', value)}
            error={errors.weeklyRequestGoal}
            min={1}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
          />
          <NumberInput
            label="Active targets at once"
            description="Work on a few so each gets real attention."
            value={values.activeTargetLimit}
            onChange={(value) => set('activeTargetLimit', value)}
            error={errors.activeTargetLimit}
            min={1}
            max={40}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
          />
        </SimpleGrid>

        <DetachedLabel label="Your schools and past employers">
          {(id) => (
            <TagsInput
              id={id}
              description="Contacts tagged with one of these are warmer ways in: fellow alumni, former colleagues. Press Enter or comma to add."
              data={tagOptions}
              limit={12}
              maxDropdownHeight={240}
              value={values.affinityTags}
              onChange={(next) => set('affinityTags', next)}
              searchValue={tagText}
              onSearchChange={setTagText}
              splitChars={[',']}
              acceptValueOnBlur
              clearable
              error={errors.affinityTags}
              placeholder={values.affinityTags.length === 0 ? 'e.g. Stanford, Acme Corp' : undefined}
            />
          )}
        </DetachedLabel>

        <Divider label="Reminders" labelPosition="left" />

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberInput
            label="First stay-in-touch note"
            description="Weeks after the meeting. Eight is the classic advice."
            value={values.stayInTouchFirstWeeks}
            onChange={(value) => set('stayInTouchFirstWeeks', value)}
            error={errors.stayInTouchFirstWeeks}
            min={1}
            max={52}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            suffix={Number(values.stayInTouchFirstWeeks) === 1 ? ' week' : ' weeks'}
          />
          <NumberInput
            label="Then every"
            description="Months between notes, each with something of value."
            value={values.stayInTouchEveryMonths}
            onChange={(value) => set('stayInTouchEveryMonths', value)}
            error={errors.stayInTouchEveryMonths}
            min={1}
            max={24}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            suffix={Number(values.stayInTouchEveryMonths) === 1 ? ' month' : ' months'}
          />
        </SimpleGrid>

        <DetachedLabel label="Daily digest e-mail">
          {(id) => (
            <Select
              id={id}
              data={DIGEST_OPTIONS}
              value={values.digestHour}
              onChange={(value) => set('digestHour', value ?? DIGEST_OFF)}
              allowDeselect={false}
              maxDropdownHeight={260}
              error={errors.digestHour}
              maw={{ sm: 320 }}
              description={
                mail.data && !mail.data.configured ? (
                  <>
                    What is due that day, in your time zone. Rapport cannot send e-mail yet (
                    <Anchor href="#settings-outbox" size="xs">
                      see E-mail
                    </Anchor>
                    ), so none goes out until it can.
                  </>
                ) : (
                  'What is due that day, e-mailed to you at this hour in your time zone; nothing is sent on a day with nothing due.'
                )
              }
            />
          )}
        </DetachedLabel>

        <Group justify="flex-end" gap="sm">
          {!neverSaved && dirty && (
            <Button
              variant="default"
              onClick={() => {
                setValues(initial);
                setTagText('');
                setErrors({});
              }}
              disabled={saving}
            >
              Undo changes
            </Button>
          )}
          <Button type="submit" loading={saving} disabled={conflict || !dirty}>
            Save preferences
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
