import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { IconAt, IconBrandLinkedin, IconMapPin, IconPhone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { isApiError, listContactTags, queryKeys } from '../api/index.ts';
import { OrganizationSelect } from '../organizations/OrganizationSelect.tsx';
import { ConflictAlert } from '../ui/ConflictAlert.tsx';
import { fieldErrorsFrom, type FieldErrors } from '../ui/fieldErrors.ts';
import { focusFirstError, reveal } from '../ui/focusFirstError.ts';
import { NotesInput } from '../ui/NotesInput.tsx';
import { notifyError } from '../ui/notify.tsx';
import { DetachedLabel } from '../ui/DetachedLabel.tsx';
import { ContactSelect } from './ContactSelect.tsx';
import { contactFieldFor, type ContactFormValues } from './contactFormValues.ts';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

type ListField = 'emails' | 'phones' | 'tags';

const SPLIT = {
  emails: [',', ';', ' '],
  phones: [',', ';'],
  tags: [','],
} satisfies Record<ListField, string[]>;

function splitPending(text: string, chars: string[]): string[] {
  let parts = [text];
  for (const char of chars) parts = parts.flatMap((part) => part.split(char));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** Pasted or blurred text such as "a@x.org, b@y.org" becomes one item per entry. */
function splitItems(items: string[], chars: string[]): string[] {
  const result: string[] = [];
  for (const item of items.flatMap((value) => splitPending(value, chars))) if (!result.includes(item)) result.push(item);
  return result;
}

interface ContactFormProps {
  initial: ContactFormValues;
  cancelTo: string;
  /** The contact being edited, never offered as its own introducer. */
  contactId?: string;
  onSubmit: (values: ContactFormValues) => Promise<void>;
  /** Offered after a 409 VERSION_CONFLICT. */
  onReload?: () => Promise<void>;
}

export function ContactForm({ initial, cancelTo, contactId, onSubmit, onReload }: ContactFormProps) {
  const [values, setValues] = useState(initial);
  const [pending, setPending] = useState<Record<ListField, string>>({ emails: '', phones: '', tags: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (conflict) reveal(conflictRef.current);
  }, [conflict]);

  const tags = useQuery({ queryKey: queryKeys.contacts.tags, queryFn: ({ signal }) => listContactTags(signal), staleTime: 60_000 });
  const tagOptions = useMemo(() => (tags.data ?? []).map((entry) => entry.tag), [tags.data]);

  const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _removed, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Text typed into a list field but not yet turned into a pill still counts.
    const complete: ContactFormValues = { ...values };
    for (const field of ['emails', 'phones', 'tags'] as const) {
      const extra = splitPending(pending[field], SPLIT[field]);
      if (extra.length > 0) complete[field] = splitItems([...values[field], ...extra], SPLIT[field]);
    }
    if (complete !== values) {
      setValues(complete);
      setPending({ emails: '', phones: '', tags: '' });
    }
    if (complete.name.trim() === '') {
      setErrors({ name: 'Every contact needs a name' });
      focusFirstError(formRef.current);
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(complete);
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) setConflict(true);
      setErrors(fieldErrorsFrom(error, { ...complete }, contactFieldFor));
      notifyError(error, 'The contact was not saved');
      setSubmitting(false);
      if (!isApiError(error, 'VERSION_CONFLICT')) focusFirstError(formRef.current);
    }
  };

  const reload = async () => {
    if (!onReload) return;
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
    }
  };

  const listInput = (field: ListField) => ({
    value: values[field],
    onChange: (next: string[]) => set(field, splitItems(next, SPLIT[field])),
    searchValue: pending[field],
    onSearchChange: (text: string) => setPending((current) => ({ ...current, [field]: text })),
    splitChars: SPLIT[field],
    error: errors[field],
    clearable: true,
    acceptValueOnBlur: true,
  });

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="lg">
        {conflict && onReload && (
          <div ref={conflictRef}>
            <ConflictAlert what="contact" reloading={reloading} onReload={() => void reload()} />
          </div>
        )}

        <Section title="Who they are">
          <TextInput
            label="Name"
            required
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={errors.name}
            placeholder="e.g. Ada Lovelace"
            autoFocus
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Title"
              value={values.title}
              onChange={(event) => set('title', event.currentTarget.value)}
              error={errors.title}
              placeholder="e.g. Product designer"
            />
            <DetachedLabel label="Organization">
              {(id) => (
                <OrganizationSelect
                  id={id}
                  value={values.organization}
                  onChange={(organization) => set('organization', organization)}
                  error={errors.organization}
                  placeholder="Search or create"
                  allowCreate
                />
              )}
            </DetachedLabel>
          </SimpleGrid>
          <DetachedLabel label="Tags">
            {(id) => (
              <TagsInput
                id={id}
                description="Group people your way: mentor, alumni, design… Press Enter or comma to add."
                data={tagOptions}
                limit={12}
                maxDropdownHeight={240}
                placeholder={values.tags.length === 0 ? 'Add a tag' : undefined}
                {...listInput('tags')}
              />
            )}
          </DetachedLabel>
        </Section>

        <Section title="How to reach them">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <DetachedLabel label="E-mails">
              {(id) => (
                <TagsInput
                  id={id}
                  description="Press Enter to add another."
                  placeholder={values.emails.length === 0 ? 'name@example.com' : undefined}
                  leftSection={<IconAt size={16} stroke={1.6} />}
                  {...listInput('emails')}
                />
              )}
            </DetachedLabel>
            <DetachedLabel label="Phones">
              {(id) => (
                <TagsInput
                  id={id}
                  description="Press Enter to add another."
                  placeholder={values.phones.length === 0 ? '+1 555 0100' : undefined}
                  leftSection={<IconPhone size={16} stroke={1.6} />}
                  {...listInput('phones')}
                />
              )}
            </DetachedLabel>
          </SimpleGrid>
          <TextInput
            label="LinkedIn URL"
            value={values.linkedinUrl}
            onChange={(event) => set('linkedinUrl', event.currentTarget.value)}
            error={errors.linkedinUrl}
            placeholder="https://www.linkedin.com/in/…"
            leftSection={<IconBrandLinkedin size={16} stroke={1.6} />}
            inputMode="url"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Location"
              value={values.location}
              onChange={(event) => set('location', event.currentTarget.value)}
              error={errors.location}
              placeholder="e.g. Lisbon, Portugal"
              leftSection={<IconMapPin size={16} stroke={1.6} />}
            />
            <DetachedLabel label="Time zone">
              {(id) => (
                <TimeZoneSelect
                  id={id}
                  value={values.timeZone}
                  onChange={(zone) => set('timeZone', zone)}
                  error={errors.timeZone}
                  placeholder="Search a city or region"
                />
              )}
            </DetachedLabel>
          </SimpleGrid>
        </Section>

        <Section title="How you know them">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="How we met"
              value={values.source}
              onChange={(event) => set('source', event.currentTarget.value)}
              error={errors.source}
              placeholder="e.g. Alumni meetup, March 2025"
            />
            <DetachedLabel label="Introduced by">
              {(id) => (
                <ContactSelect
                  id={id}
                  value={values.introducedBy}
                  onChange={(person) => set('introducedBy', person)}
                  error={errors.introducedBy}
                  excludeId={contactId}
                  placeholder="Search your contacts"
                />
              )}
            </DetachedLabel>
          </SimpleGrid>
          <Checkbox
            label="I know them personally"
            description="Leave unchecked for someone you have not met yet, such as a name you were given. Warm paths into an organization start from the people you know."
            checked={values.knownPersonally}
            onChange={(event) => set('knownPersonally', event.currentTarget.checked)}
            error={errors.knownPersonally}
          />
        </Section>

        <Section>
          <NotesInput
            value={values.notes}
            onChange={(notes) => set('notes', notes)}
            error={errors.notes}
            placeholder="What do they work on? What would you like to ask them?"
          />
        </Section>

        {Object.keys(errors).length > 0 && (
          <Text size="sm" c="red" ta="right" role="status">
            Some fields need your attention.
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button component={Link} to={cancelTo} variant="default">
            Cancel
          </Button>
          <Button type="submit" loading={submitting} disabled={conflict}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Section({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <Paper p={{ base: 'md', sm: 'xl' }} component="section">
      {title && (
        <Title order={2} fz="xs" fw={700} c="dimmed" tt="uppercase" mb="md" style={{ letterSpacing: '0.06em' }}>
          {title}
        </Title>
      )}
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}
