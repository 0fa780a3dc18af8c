import { DataList, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Detail {
  label: string;
  value: ReactNode;
}

/** Label/value pairs; empty values read "—" so the layout never jumps. */
export function DetailList({ items }: { items: Detail[] }) {
  return (
    <DataList orientation="vertical" gap="md" size="sm">
      {items.map((item) => (
        <DataList.Item key={item.label}>
          <DataList.ItemLabel>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }} component="span">
              {item.label}
            </Text>
          </DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
            {item.value ?? (
              <Text size="sm" c="dimmed" component="span">
                —
              </Text>
            )}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
