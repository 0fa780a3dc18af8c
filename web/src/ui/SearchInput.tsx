import { CloseButton, TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';

interface SearchInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  /** Called after the person pauses typing. */
  onChange: (value: string) => void;
  delay?: number;
}

/** A search box that reports its text after a short pause. */
export function SearchInput({ value, onChange, delay = 250, ...props }: SearchInputProps) {
  const [text, setText] = useState(value);
  const report = useDebouncedCallback(onChange, delay);

  // Follow outside changes (back button, "clear filters").
  useEffect(() => setText(value), [value]);

  return (
    <TextInput
      type="search"
      leftSection={<IconSearch size={16} stroke={1.7} />}
      {...props}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        report(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          report.flush();
        }
        if (event.key === 'Escape' && text !== '') {
          setText('');
          onChange('');
        }
      }}
      rightSection={
        text !== '' ? (
          <CloseButton
            size="sm"
            aria-label="Clear search"
            onClick={() => {
              setText('');
              onChange('');
            }}
          />
        ) : null
      }
    />
  );
}
