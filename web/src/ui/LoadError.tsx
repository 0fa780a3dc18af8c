import { Alert, Button, EmptyState, Group } from '@mantine/core';
import { IconAlertTriangle, IconMoodEmpty } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { errorMessage, isApiError } from '../api/index.ts';

interface LoadErrorProps {
  error: unknown;
  onRetry?: () => void;
  /** Where to go when the thing does not exist. */
  back?: { to: string; label: string };
}

/** A failed load: a friendly "not found", or the error with a retry. */
export function LoadError({ error, onRetry, back }: LoadErrorProps) {
  if (isApiError(error, 'NOT_FOUND')) {
    return (
      <EmptyState
        mt="xl"
        icon={<IconMoodEmpty size={28} />}
        variant="light"
        title="Not found"
        description={errorMessage(error) + ' It may have been deleted.'}
      >
        {back && (
          <EmptyState.Actions>
            <Button component={Link} to={back.to} variant="light">
              {back.label}
            </Button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not load this page" role="alert">
      {errorMessage(error)}
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      )}
    </Alert>
  );
}
