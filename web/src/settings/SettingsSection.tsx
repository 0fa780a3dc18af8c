/** The blocks of the Settings page: a titled section, and an item with an icon, a text and its action. */
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './SettingsPage.module.css';

export function Section({ title, id, description, children }: { title: string; id: string; description: ReactNode; children: ReactNode }) {
  return (
    <Paper p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby={id}>
      <Title order={2} fz="lg" id={id} className={classes.anchor}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="lg" component="div">
        {description}
      </Text>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

export function Item({ icon, title, description, children }: { icon: ReactNode; title: string; description: ReactNode; children: ReactNode }) {
  return (
    <Group justify="space-between" align="center" gap="md" className={classes.item}>
      <Group gap="md" wrap="nowrap" align="flex-start" className={classes.itemText}>
        <Text c="dimmed" className={classes.itemIcon} aria-hidden component="span">
          {icon}
        </Text>
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>{title}</Text>
          <Text size="sm" c="dimmed" mt={2} component="div">
            {description}
          </Text>
        </div>
      </Group>
      <div className={classes.itemAction}>{children}</div>
    </Group>
  );
}
