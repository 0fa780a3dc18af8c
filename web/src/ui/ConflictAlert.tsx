import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRefresh, IconGitMerge } from '@tabler/icons-react';

interface ConflictAlertProps {
  what: 'contact' | 'organization';
  reloading?: boolean;
  onReload: () => void;
}

/** Shown when a save was refused with 409 VERSION_CONFLICT: nothing was overwritten. */
export function ConflictAlert({ what, reloading, onReload }: ConflictAlertProps) {
  return (
    <Alert color="orange" variant="light" radius="md" icon={<IconGitMerge size={20} />} title="Someone changed this elsewhere" role="alert">
      <Text size="sm">
        This {what} was changed in another tab or by another device since you opened it. Your edits were <b>not</b> saved, and nothing
        was overwritten. Reload to get the latest version, then apply your changes again.
      </Text>
      <Group mt="sm">
        <Button size="xs" color="orange" leftSection={<IconRefresh size={16} />} onClick={onReload} loading={reloading}>
          Reload
        </Button>
      </Group>
    </Alert>
  );
}
