import { Button, Checkbox, Group, Input, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { Ref } from '@shared/api.ts';
import type { TargetCreateInput } from '@shared/plan-api.ts';
import { createTarget, isApiError, listOrganizations, queryKeys } from '../api/index.ts';
import { DetachedLabel } from '../ui/DetachedLabel.tsx';
import { fieldErrorsFrom, type FieldErrors } from '../ui/fieldErrors.ts';
import { focusFirstError } from '../ui/focusFirstError.ts';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { RemoteSelect } from '../ui/RemoteSelect.tsx';
import { MotivationRating, type Motivation } from './targetParts.tsx';

/** An organization typed but not yet created: the server creates it with the target, in one step. */
const NEW_PREFIX = 'new:';

const searchOrganizations = async (q: string, signal: AbortSignal): Promise<Ref[]> => {
  const page = await listOrganizations({ q: q || undefined, limit: 30 }, signal);
  return page.items.map(({ id, name }) => ({ id, name }));
};

interface Values {
  organization: Ref | null;
  motivation: Motivation;
  openPostings: boolean;
  active: boolean;
}

const initialValues: Values = { organization: null, motivation: 2, openPostings: false, active: false };

interface AddTargetModalProps {
  opened: boolean;
  onClose: () => void;
  activeCount: number;
  activeLimit: number;
}

export function AddTargetModal({ opened, onClose, activeCount, activeLimit }: AddTargetModalProps) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(initialValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _removed, ...rest }) => rest);
  };

  const close = () => {
    setValues(initialValues);
    setErrors({});
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { organization } = values;
    if (!organization) {
      setErrors({ organization: 'Pick an organization from the list, or type a name and choose “Add … as a new organization”' });
      focusFirstError(formRef.current);
      return;
    }
    const input: TargetCreateInput = {
      ...(organization.id.startsWith(NEW_PREFIX) ? { organizationName: organization.name } : { organizationId: organization.id }),
      motivation: values.motivation,
      openPostings: values.openPostings,
      active: values.active,
    };
    setSaving(true);
    try {
      const target = await createTarget(input);
      void queryClient.invalidateQueries({ queryKey: queryKeys.targets.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations.all });
      notifySuccess(`${target.organization.name} is on your list.`, 'Target added');
      close();
    } catch (error) {
      const fieldErrors = fieldErrorsFrom(error, {}, { organizationId: 'organization', organizationName: 'organization' });
      // A duplicate names the organization in its message: clearer than "is already a target".
      if (isApiError(error, 'DUPLICATE')) fieldErrors.organization = error.message;
      setErrors(fieldErrors);
      // No focus move: the organization field is at the top, and focusing it would open its list over the message.
      if (Object.keys(fieldErrors).length === 0) notifyError(error, 'The target was not added');
    } finally {
      setSaving(false);
    }
  };

  const roomLeft = activeCount < activeLimit;

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={650}>Add a target</Text>} size="md">
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="lg">
          <DetachedLabel label="Organization">
            {(id) => (
              <>
                <RemoteSelect
                  id={id}
                  value={values.organization}
                  onChange={(organization) => set('organization', organization)}
                  search={searchOrganizations}
                  queryKey={queryKeys.organizations.search}
                  onCreate={async (name) => ({ id: NEW_PREFIX + name, name })}
                  createLabel={(name) => `+ Add “${name}” as a new organization`}
                  nothingFoundMessage="Type a name to add a new organization"
                  placeholder="Search your organizations or type a new name"
                  error={errors.organization}
                  data-autofocus
                />
                {values.organization?.id.startsWith(NEW_PREFIX) && !errors.organization && (
                  <Text size="xs" c="dimmed" mt={4}>
                    “{values.organization.name}” will be added to your organizations too.
                  </Text>
                )}
              </>
            )}
          </DetachedLabel>

          <Input.Wrapper labelElement="div" label="Motivation" description="How much would you like to work there?" error={errors.motivation}>
            <div style={{ marginTop: 6 }}>
              <MotivationRating value={values.motivation} onChange={(motivation) => set('motivation', motivation)} label="Motivation" />
            </div>
          </Input.Wrapper>

          <Checkbox
            label="They have open postings that interest you"
            checked={values.openPostings}
            onChange={(event) => set('openPostings', event.currentTarget.checked)}
            error={errors.openPostings}
          />
          <Checkbox
            label="Work on it now (active)"
            description={
              roomLeft
                ? `${activeCount} of your ${activeLimit} active places are taken.`
                : `All ${activeLimit} active places are taken: pause another target first, or add this one paused.`
            }
            checked={values.active}
            onChange={(event) => set('active', event.currentTarget.checked)}
            error={errors.active}
          />

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Add target
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
