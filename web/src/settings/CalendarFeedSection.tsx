import { ActionIcon, Alert, Button, Group, Skeleton, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCalendarShare, IconCalendarX, IconCheck, IconCopy, IconExternalLink, IconKey, IconRefresh, IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CalendarFeedInfo } from '@shared/schedule-api.ts';
import { createCalendarFeed, getCalendarFeed, queryKeys, revokeCalendarFeed } from '../api/index.ts';
import { formatInstant } from '../interviews/dates.ts';
import { ConfirmDeleteModal } from '../ui/ConfirmDeleteModal.tsx';
import { copyText } from '../ui/copyText.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { Item, Section } from './SettingsSection.tsx';

/**
 * The private calendar feed: made once, shown once (the server keeps only a
 * hash of its token), remade when lost or leaked, revoked when no longer wanted.
 */
export function CalendarFeedSection() {
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: queryKeys.calendarFeed, queryFn: ({ signal }) => getCalendarFeed(signal) });
  // The URL exists in this page only, right after it was made.
  const [fresh, setFresh] = useState<CalendarFeedInfo | null>(null);
  const [confirming, setConfirming] = useState<'regenerate' | 'revoke' | null>(null);

  const create = useMutation({
    mutationFn: createCalendarFeed,
    onSuccess: (info) => {
      setFresh(info);
      setConfirming(null);
      queryClient.setQueryData<CalendarFeedInfo>(queryKeys.calendarFeed, { ...info, url: null, webcalUrl: null });
    },
    onError: (error) => notifyError(error, 'No feed URL was made'),
  });
  const revoke = useMutation({
    mutationFn: revokeCalendarFeed,
    onSuccess: () => {
      setFresh(null);
      setConfirming(null);
      queryClient.setQueryData<CalendarFeedInfo>(queryKeys.calendarFeed, { url: null, webcalUrl: null, exists: false, createdAt: null });
      notifySuccess('Calendars subscribed to it stop receiving updates.', 'Feed turned off');
    },
    onError: (error) => notifyError(error, 'The feed was not turned off'),
  });

  const info = feed.data;

  return (
    <Section
      title="Calendar feed"
      id="settings-calendar"
      description="A private address your calendar app subscribes to: your meetings, with alarms, and the reminders to confirm, leave on time and say thank you. It keeps itself up to date."
    >
      {feed.error && !info ? (
        <LoadError error={feed.error} onRetry={() => void feed.refetch()} />
      ) : !info ? (
        <Skeleton h={56} />
      ) : fresh?.url ? (
        <FreshFeed info={fresh} onDone={() => setFresh(null)} />
      ) : info.exists ? (
        <Item
          icon={<IconKey size={22} stroke={1.6} />}
          title="Your feed is on"
          description={
            <>
              Made {info.createdAt ? formatInstant(info.createdAt) : 'earlier'}. Its address was shown once, when it was made: Rapport keeps only a
              fingerprint of it and cannot show it again. Lost it, or shared it by mistake? Make a new one; the old one stops working.
            </>
          }
        >
          <Group gap="sm" wrap="wrap">
            <Button variant="light" leftSection={<IconRefresh size={16} />} onClick={() => setConfirming('regenerate')}>
              Make a new URL
            </Button>
            <Button variant="subtle" color="red" leftSection={<IconCalendarX size={16} />} onClick={() => setConfirming('revoke')}>
              Turn off
            </Button>
          </Group>
        </Item>
      ) : (
        <Item
          icon={<IconCalendarShare size={22} stroke={1.6} />}
          title="Subscribe from your calendar"
          description="Works with Google Calendar, Apple Calendar, Outlook and Thunderbird. The address is secret and shown once."
        >
          <Button variant="light" leftSection={<IconCalendarShare size={16} />} onClick={() => create.mutate()} loading={create.isPending}>
            Make my feed URL
          </Button>
        </Item>
      )}

      <ConfirmDeleteModal
        opened={confirming === 'regenerate'}
        onClose={() => setConfirming(null)}
        onConfirm={() => create.mutate()}
        loading={create.isPending}
        title="Make a new feed URL?"
        confirmLabel="Make a new URL"
      >
        The current address stops working at once: calendars subscribed to it stop updating until you subscribe them to the new one.
      </ConfirmDeleteModal>
      <ConfirmDeleteModal
        opened={confirming === 'revoke'}
        onClose={() => setConfirming(null)}
        onConfirm={() => revoke.mutate()}
        loading={revoke.isPending}
        title="Turn off the calendar feed?"
        confirmLabel="Turn off"
      >
        The address stops working at once. Meetings already in your calendar may stay there until your calendar app next refreshes.
        You can make a new feed later.
      </ConfirmDeleteModal>
    </Section>
  );
}

function FreshFeed({ info, onDone }: { info: CalendarFeedInfo; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const url = info.url ?? '';
  const copy = async () => {
    try {
      await copyText(url);
      setCopied(true);
      notifySuccess('Paste it into your calendar app: “Subscribe to calendar” or “From URL”.', 'Feed URL copied');
    } catch (error) {
      notifyError(error, 'Nothing was copied');
    }
  };
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<IconShieldLock size={20} />} title="Copy it now: it is shown only this once">
        <Text size="sm">
          This address is secret. Anyone who has it can see your meetings and the names of the people you meet, without signing in. Do
          not share or post it. If it leaks, make a new one here and the old one stops working.
        </Text>
      </Alert>
      <TextInput
        label="Your feed URL"
        value={url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } }}
        rightSectionWidth={40}
        rightSection={
          <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={() => void copy()} aria-label="Copy the feed URL">
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        }
      />
      <Group gap="sm" wrap="wrap">
        <Button leftSection={<IconCopy size={16} />} onClick={() => void copy()}>
          Copy
        </Button>
        {info.webcalUrl && (
          <Button component="a" href={info.webcalUrl} variant="light" leftSection={<IconExternalLink size={16} />}>
            Open in calendar app
          </Button>
        )}
        <Button variant="subtle" color="gray" onClick={onDone} ml={{ sm: 'auto' }}>
          I saved it
        </Button>
      </Group>
    </Stack>
  );
}
