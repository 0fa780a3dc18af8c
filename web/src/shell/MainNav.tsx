import { Badge, Box, NavLink, Stack, Text } from '@mantine/core';
import {
  IconBuildingSkyscraper,
  IconChartDots3,
  IconFileImport,
  IconListCheck,
  IconMessages,
  IconSettings,
  IconSun,
  IconTarget,
  IconTrophy,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { Link, useLocation } from 'react-router-dom';

interface Item {
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  exact?: boolean;
}

const items: Item[] = [
  { label: 'Today', to: '/', icon: IconSun, exact: true },
  { label: 'Targets', to: '/targets', icon: IconTarget },
  { label: 'Interviews', to: '/interviews', icon: IconMessages },
  { label: 'Outcomes', to: '/outcomes', icon: IconTrophy },
  { label: 'Questions', to: '/questions', icon: IconListCheck },
  { label: 'Contacts', to: '/contacts', icon: IconUsers },
  { label: 'Organizations', to: '/organizations', icon: IconBuildingSkyscraper },
  { label: 'Import', to: '/import', icon: IconFileImport },
];

/** At the foot of the navigation, above the signed-in person. */
const settings: Item = { label: 'Settings', to: '/settings', icon: IconSettings };

const soon: Omit<Item, 'to'>[] = [{ label: 'Insights', icon: IconChartDots3 }];

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { pathname } = useLocation();
  const isActive = (item: Item) => (item.exact ? pathname === item.to : pathname === item.to || pathname.startsWith(item.to + '/'));

  const link = (item: Item) => {
    const active = isActive(item);
    return (
      <NavLink
        key={item.to}
        component={Link}
        to={item.to}
        label={item.label}
        leftSection={<item.icon size={19} stroke={1.7} />}
        active={active}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
        variant="light"
        fw={active ? 600 : 500}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      />
    );
  };

  return (
    <Stack gap={4} component="nav" aria-label="Main" h="100%">
      {items.map(link)}
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="md" mb={4} px="sm" style={{ letterSpacing: '0.06em' }}>
        Coming soon
      </Text>
      {soon.map((item) => (
        <NavLink
          key={item.label}
          component="button"
          type="button"
          disabled
          aria-disabled
          label={item.label}
          leftSection={<item.icon size={19} stroke={1.7} />}
          rightSection={
            <Badge size="xs" variant="light" color="gray">
              soon
            </Badge>
          }
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        />
      ))}
      <Box mt="auto" pt="md">
        {link(settings)}
      </Box>
    </Stack>
  );
}
