import { AppShell, Avatar, Burger, Button, Group, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.ts';
import { GlobalSearch } from '../search/GlobalSearch.tsx';
import classes from './AppLayout.module.css';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { MainNav } from './MainNav.tsx';
import { Wordmark } from './Wordmark.tsx';

export function AppLayout() {
  const { user, signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [leaving, setLeaving] = useState(false);
  const { pathname } = useLocation();

  // A new page starts at its top.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  const logOut = async () => {
    setLeaving(true);
    await signOut();
    setLeaving(false);
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg', lg: 'xl' }}
      classNames={{ main: classes.main, header: classes.header, navbar: classes.navbar }}
    >
      <a href="#main" className={classes.skipLink}>
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="main-navbar"
            />
            <UnstyledButton component={Link} to="/" onClick={close} className={classes.home} aria-label="Rapport home">
              <Wordmark />
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            <GlobalSearch />
            <Text size="sm" c="dimmed" truncate="end" miw={0} className={classes.email} title={user.email}>
              {user.email}
            </Text>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconLogout size={15} stroke={1.8} />}
              onClick={() => void logOut()}
              loading={leaving}
              className={classes.logout}
            >
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="main-navbar">
        <AppShell.Section grow>
          <MainNav onNavigate={close} />
        </AppShell.Section>
        <AppShell.Section>
          <Group justify="space-between" wrap="nowrap" pt="sm" className={classes.navFooter}>
            <Group gap="xs" wrap="nowrap" miw={0}>
              <Avatar name={user.name} color="initials" size={32} radius="xl" />
              <Text size="sm" fw={500} truncate="end" miw={0}>
                {user.name}
              </Text>
            </Group>
            <ColorSchemeToggle />
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <div className={classes.content}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
