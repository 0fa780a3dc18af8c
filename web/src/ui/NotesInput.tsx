import { Box, Button, Collapse, Group, Paper, Textarea } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { MarkdownView } from './MarkdownView.tsx';

interface NotesInputProps {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  placeholder?: string;
}

/** The "Notes" field: Markdown text with an optional preview. */
export function NotesInput({ value, onChange, error, placeholder }: NotesInputProps) {
  const [preview, setPreview] = useState(false);
  return (
    <Box>
      <Textarea
        label="Notes"
        description="Markdown works: **bold**, _italic_, - lists, [links](https://…)"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        placeholder={placeholder}
        autosize
        minRows={5}
        maxRows={18}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } }}
      />
      <Group justify="flex-end" mt={4}>
        <Button
          variant="subtle"
          size="compact-xs"
          leftSection={preview ? <IconEyeOff size={14} /> : <IconEye size={14} />}
          onClick={() => setPreview((shown) => !shown)}
          aria-expanded={preview}
          disabled={value.trim() === ''}
        >
          {preview ? 'Hide preview' : 'Preview'}
        </Button>
      </Group>
      <Collapse expanded={preview && value.trim() !== ''}>
        <Paper mt="xs" p="md" radius="md" bg="var(--rapport-page-bg)">
          <MarkdownView>{value}</MarkdownView>
        </Paper>
      </Collapse>
    </Box>
  );
}
