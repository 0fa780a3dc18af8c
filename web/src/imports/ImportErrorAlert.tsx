import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { errorMessage, isApiError, type ImportFormat } from '../api/index.ts';

/**
 * The server's message, naming the line (CSV) or card (vCard) at fault when the
 * message does not already say it: "Line 14: a quoted field is never closed".
 */
export function importErrorText(error: unknown, format: ImportFormat): string {
  const message = errorMessage(error);
  if (!isApiError(error)) return message;
  if (/\b(line|card)s?\b/i.test(message)) return message;
  const card = error.details.card;
  const line = error.details.line;
  if (typeof card === 'number' && (format === 'vcard' || typeof line !== 'number')) return `Card ${card}: ${message}`;
  if (typeof line === 'number') return `Line ${line}: ${message}`;
  return message;
}

export function ImportErrorAlert({ error, format }: { error: unknown; format: ImportFormat }) {
  // When the server answered, it imported nothing: imports are all or nothing.
  const answered = isApiError(error) && error.status > 0;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="The file could not be imported" role="alert">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="import-error">
        {importErrorText(error, format)}
      </Text>
      {answered && (
        <Text size="sm" mt={6}>
          Nothing was imported. Fix the file, or choose another one below.
        </Text>
      )}
    </Alert>
  );
}
