import { Button, EmptyState } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  useDocumentTitle('Not found · Rapport');
  return (
    <EmptyState
      mt={64}
      variant="light"
      icon={<IconMapQuestion size={28} />}
      title="This page does not exist"
      description="The address may be mistyped, or what was here has moved."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">
          Go to Today
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
