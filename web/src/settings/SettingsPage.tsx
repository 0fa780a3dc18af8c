import { Alert, Anchor, Button, Code, Divider, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAddressBook, IconDatabaseExport, IconDownload, IconFileImport, IconFileSpreadsheet, IconShieldLock } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { exportUrls } from '../api/index.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { CalendarFeedSection } from './CalendarFeedSection.tsx';
import { OutboxSection } from './OutboxSection.tsx';
import { PreferencesSection } from './PreferencesSection.tsx';
import { Item, Section } from './SettingsSection.tsx';
import classes from './SettingsPage.module.css';

export function SettingsPage() {
  useDocumentTitle('Settings · Rapport');
  const { hash } = useLocation();
  // A link to one section (/settings#settings-outbox) lands on it, and stays on it while the sections
  // above load and grow, until the person scrolls themselves.
  useEffect(() => {
    if (!hash) return;
    const id = decodeURIComponent(hash.slice(1));
    let stopped = false;
    const stop = () => {
      stopped = true;
    };
    const follow = () => {
      if (!stopped) document.getElementById(id)?.scrollIntoView({ block: 'start' });
    };
    const timers = [50, 300, 800, 1500].map((delay) => window.setTimeout(follow, delay));
    const events = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
    for (const name of events) window.addEventListener(name, stop, { passive: true });
    return () => {
      for (const timer of timers) window.clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, stop);
    };
  }, [hash]);

  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title="Settings" description="Your plan, your mail and calendar, and your data in and out of Rapport." />

      <PreferencesSection />
      <OutboxSection />
      <CalendarFeedSection />

      <Section title="Export" id="settings-export" description="Take your data anywhere. The files download straight to this device.">
        <Item
          icon={<IconFileSpreadsheet size={22} stroke={1.6} />}
          title="Contacts as a spreadsheet"
          description="One row per contact, for Excel, Numbers or Google Sheets."
        >
          <Button component="a" href={exportUrls.contactsCsv} download variant="light" leftSection={<IconDownload size={16} />}>
            Download contacts (CSV)
          </Button>
        </Item>
        <Divider />
        <Item
          icon={<IconAddressBook size={22} stroke={1.6} />}
          title="Contacts as vCards"
          description={
            <>
              For Google Contacts, Apple Contacts, Outlook and phones.{' '}
              <Anchor href={exportUrls.contactsVCard('3.0')} download size="sm">
                vCard 3.0 for older apps
              </Anchor>
            </>
          }
        >
          <Button component="a" href={exportUrls.contactsVCard('4.0')} download variant="light" leftSection={<IconDownload size={16} />}>
            Download contacts (vCard 4.0)
          </Button>
        </Item>
        <Divider />
        <Item
          icon={<IconDatabaseExport size={22} stroke={1.6} />}
          title="Full backup"
          description="Everything in your account: contacts, organizations, notes, history and your sign-in."
        >
          <Button component="a" href={exportUrls.accountJson} download variant="light" leftSection={<IconDownload size={16} />}>
            Download full backup (JSON)
          </Button>
        </Item>
        <Alert color="yellow" variant="light" icon={<IconShieldLock size={20} />} title="Keep the backup private">
          <Text size="sm">
            The backup includes your password hash. Store it somewhere only you can reach, and do not share it.
          </Text>
          <Text size="sm" mt="xs">
            To restore it, run <Code className={classes.command}>npx rapport restore FILE</Code> on the machine that hosts
            Rapport, where FILE is the downloaded backup.
          </Text>
        </Alert>
      </Section>

      <Section title="Import" id="settings-import" description="Bring in your LinkedIn connections or a vCard file from your address book.">
        <Item
          icon={<IconFileImport size={22} stroke={1.6} />}
          title="Import contacts"
          description="You see a preview before anything is saved, and contacts already in Rapport are updated, not duplicated."
        >
          <Button component={Link} to="/import" variant="light" leftSection={<IconFileImport size={16} />}>
            Import contacts
          </Button>
        </Item>
      </Section>
    </Stack>
  );
}
