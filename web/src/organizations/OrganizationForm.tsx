import { Autocomplete, Button, Group, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Organization, OrganizationCreateInput } from '@shared/api.ts';
import { isApiError, listOrganizations, queryKeys } from '../api/index.ts';
import { ConflictAlert } from '../ui/ConflictAlert.tsx';
import { fieldErrorsFrom, type FieldErrors } from '../ui/fieldErrors.ts';
import { focusFirstError, reveal } from '../ui/focusFirstError.ts';
import { DetachedLabel } from '../ui/DetachedLabel.tsx';
import { NotesInput } from '../ui/NotesInput.tsx';
import { notifyError } from '../ui/notify.tsx';

export interface OrganizationFormValues {
  name: string;
  website: string;
  industry: string;
  notes: string;
}

export const emptyOrganization: OrganizationFormValues = { name: '', website: '', industry: '', notes: '' };

export function organizationToForm(organization: Organization): OrganizationFormValues {
  return {
    name: organization.name,
    website: organization.website ?? '',
    industry: organization.industry ?? '',
    notes: organization.notes ?? '',
  };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value);

export function formToOrganizationInput(values: OrganizationFormValues): Required<OrganizationCreateInput> {
  return {
    name: values.name,
    website: blankToNull(values.website),
    industry: blankToNull(values.industry),
    notes: blankToNull(values.notes),
  };
}

/** Only the fields that differ from what was loaded, for a PATCH. */
export function changedOrganizationFields(before: OrganizationFormValues, after: OrganizationFormValues): Partial<OrganizationCreateInput> {
  const a = formToOrganizationInput(before);
  const b = formToOrganizationInput(after);
  const changes: Partial<OrganizationCreateInput> = {};
  for (const key of Object.keys(b) as (keyof typeof b)[]) {
    if (a[key] !== b[key]) (changes as Record<string, unknown>)[key] = b[key];
  }
  return changes;
}

interface OrganizationFormProps {
  initial: OrganizationFormValues;
  cancelTo: string;
  onSubmit: (values: OrganizationFormValues) => Promise<void>;
  /** Offered after a 409 VERSION_CONFLICT. */
  onReload?: () => Promise<void>;
}

export function OrganizationForm({ initial, cancelTo, onSubmit, onReload }: OrganizationFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (conflict) reveal(conflictRef.current);
  }, [conflict]);

  const industries = useQuery({
    queryKey: queryKeys.organizations.list({ limit: 500 }),
    queryFn: ({ signal }) => listOrganizations({ limit: 500 }, signal),
    staleTime: 60_000,
  });
  const industryOptions = useMemo(() => {
    const set = new Set<string>();
    for (const organization of industries.data?.items ?? []) if (organization.industry) set.add(organization.industry);
    return [...set].sort((a, b) => a.localeCompare(b));
  }, [industries.data]);

  const set = <K extends keyof OrganizationFormValues>(key: K, value: OrganizationFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _removed, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (values.name.trim() === '') {
      setErrors({ name: 'Give the organization a name' });
      focusFirstError(formRef.current);
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(values);
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) setConflict(true);
      setErrors(fieldErrorsFrom(error, { ...values }));
      notifyError(error, 'The organization was not saved');
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

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="lg">
        {conflict && onReload && (
          <div ref={conflictRef}>
            <ConflictAlert what="organization" reloading={reloading} onReload={() => void reload()} />
          </div>
        )}
        <Paper p={{ base: 'md', sm: 'xl' }}>
          <Stack gap="md">
            <TextInput
              label="Name"
              required
              value={values.name}
              onChange={(event) => set('name', event.currentTarget.value)}
              error={errors.name}
              placeholder="e.g. Northwind Health"
              autoFocus
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="Website"
                value={values.website}
                onChange={(event) => set('website', event.currentTarget.value)}
                error={errors.website}
                placeholder="northwind.example"
                leftSection={<IconWorld size={16} stroke={1.6} />}
                inputMode="url"
              />
              <DetachedLabel label="Industry">
                {(id) => (
                  <Autocomplete
                    id={id}
                    value={values.industry}
                    onChange={(value) => set('industry', value)}
                    error={errors.industry}
                    data={industryOptions}
                    placeholder="e.g. Healthcare, Public sector"
                    limit={8}
                  />
                )}
              </DetachedLabel>
            </SimpleGrid>
            <NotesInput value={values.notes} onChange={(value) => set('notes', value)} error={errors.notes} placeholder="What do they do? What would you like to learn about working there?" />
          </Stack>
        </Paper>
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
