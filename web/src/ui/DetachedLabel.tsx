import { Box, Input, VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/**
 * A visible <label for> kept outside a Mantine combobox field (Select, TagsInput,
 * Autocomplete). Given its own `label`, Mantine also names the dropdown's listbox
 * after it, so "Organization" would name two elements; this way the label names
 * only the input (getByLabel('Organization') finds exactly one field).
 */
export function DetachedLabel({
  label,
  hidden,
  children,
  className,
}: {
  label: string;
  /** For a field whose purpose is plain from its look (a filter): named for screen readers only. */
  hidden?: boolean;
  children: (id: string) => ReactNode;
  className?: string;
}) {
  const id = useId();
  if (hidden) {
    return (
      <Box className={className}>
        <VisuallyHidden renderRoot={(props) => <label {...props} htmlFor={id} />}>{label}</VisuallyHidden>
        {children(id)}
      </Box>
    );
  }
  return (
    <Box className={className}>
      <Input.Label htmlFor={id}>
        {label}
      </Input.Label>
      {children(id)}
    </Box>
  );
}
