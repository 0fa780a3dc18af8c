import { Alert, Anchor, Badge, Button, Code, Group, Pagination, Select, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconMailOff, IconPaperclip, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { OutboxItem } from '@shared/schedule-api.ts';
import { MAX_ATTEMPTS, OUTBOX_STATUSES, type OutboxStatus } from '@core/outbox-policy.ts';
import { listOutbox, queryKeys, retryOutboxMessage } from '../api/index.ts';
import { formatInstant } from '../interviews/dates.ts';
import { useMailStatus } from '../interviews/scheduling.ts';
import { DetachedLabel } from '../ui/DetachedLabel.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { Section } from './SettingsSection.tsx';
import classes from './SettingsPage.module.css';

const PAGE_SIZE = 10;

const STATUS_META: Record<OutboxStatus, { label: string; color: string; explain: string }> = {
  queued: { label: 'Queued', color: 'gray', explain: 'Waiting its turn: it goes out within moments.' },
  sending: { label: 'Sending', color: 'blue', explain: 'Being handed to the mail server now.' },
  sent: { label: 'Sent', color: 'teal', explain: 'The mail server accepted it.' },
  failed: { label: 'Failed · will retry', color: 'orange', explain: 'The last attempt failed; Rapport tries again on its own.' },
  dead: { label: 'Gave up', color: 'red', explain: 'It could not be sent and Rapport stopped trying. Fix the cause, then retry.' },
};

const FILTERS = [{ value: 'all', label: 'All messages' }, ...OUTBOX_STATUSES.map((status) => ({ value: status, label: STATUS_META[status].label }))];

const busy = (item: OutboxItem) => item.status === 'queued' || item.status === 'sending' || item.status === 'failed';

/**
 * The e-mail outbox: what Rapport sent or is about to, each message's state,
 * and a retry for those that failed. Without SMTP, it says how to set it up.
 */
export function OutboxSection() {
  const mail = useMailStatus();
  const [filter, setFilter] = useState<'all' | OutboxStatus>('all');
  const [page, setPage] = useState(1);
  const params = { status: filter === 'all' ? undefined : filter, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
  const outbox = useQuery({
    queryKey: queryKeys.outbox(params),
    queryFn: ({ signal }) => listOutbox(params, signal),
    // While something is on its way, watch it go.
    refetchInterval: (query) => (query.state.data?.items.some(busy) ? 5000 : false),
  });
  const configured = mail.data?.configured === true;
  const data = outbox.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Section
      title="E-mail"
      id="settings-outbox"
      description={
        mail.isPending
          ? 'What Rapport e-mails for you.'
          : configured
            ? `Rapport sends from ${mail.data?.from ?? 'its own address'}, with your address to reply to. Each message waits in the outbox until the mail server takes it; a failure is retried, and nothing is sent twice.`
            : 'Rapport is not set up to send e-mail, so it never sends anything on its own.'
      }
    >
      {mail.data && !configured && <NoSmtp />}

      {(configured || (data && data.total > 0) || filter !== 'all') && (
        <>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text fw={600}>Outbox</Text>
            <DetachedLabel label="Show" hidden>
              {(id) => (
                <Select
                  id={id}
                  size="xs"
                  w={180}
                  data={FILTERS}
                  value={filter}
                  onChange={(value) => {
                    setFilter((value ?? 'all') as 'all' | OutboxStatus);
                    setPage(1);
                  }}
                  allowDeselect={false}
                />
              )}
            </DetachedLabel>
          </Group>
          {outbox.error && !data ? (
            <LoadError error={outbox.error} onRetry={() => void outbox.refetch()} />
          ) : !data ? (
            <Stack gap="sm">
              <Skeleton h={64} />
              <Skeleton h={64} />
            </Stack>
          ) : data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {filter === 'all'
                ? 'Nothing yet. Requests sent from Rapport, calendar invites and cancellations show here.'
                : `No message is ${STATUS_META[filter].label.toLowerCase()}.`}
            </Text>
          ) : (
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {data.items.map((item) => (
                <OutboxRow key={item.id} item={item} />
              ))}
            </Stack>
          )}
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
        </>
      )}
    </Section>
  );
}

function NoSmtp() {
  return (
    <Alert variant="light" color="blue" icon={<IconMailOff size={20} />} title="Every message is a ready draft" styles={{ body: { minWidth: 0 } }}>
      <Text size="sm">
        Requests, confirmations and thank-yous come with a Copy button and an “Open in mail app” link, and each meeting has its calendar
        invite (.ics) to download and attach. You send them from your own mailbox.
      </Text>
      <Text size="sm" mt="xs">
        To let Rapport send them itself, with retries and an outbox here, whoever runs Rapport sets these two variables and restarts it:
      </Text>
      <Code block mt="xs" className={classes.envBlock}>
        {`SMTP_URL=smtps://user:password@smtp.example.com:465\nRAPPORT_MAIL_FROM="Rapport <rapport@example.com>"`}
      </Code>
      <Text size="xs" c="dimmed" mt="xs">
        SMTP_URL is your mail provider's SMTP server (smtp:// for port 587 with STARTTLS, smtps:// for 465); RAPPORT_MAIL_FROM is the
        address messages leave from. Replies come to your own address.
      </Text>
    </Alert>
  );
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => retryOutboxMessage(item.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.outboxAll });
      notifySuccess('It goes out again within moments.', 'Retrying');
    },
    onError: (error) => notifyError(error, 'It could not be retried'),
  });
  const meta = STATUS_META[item.status];
  const to = item.to.map((r) => (r.name ? `${r.name} <${r.address}>` : r.address)).join(', ');
  const canRetry = item.status === 'failed' || item.status === 'dead';

  return (
    <li className={classes.message}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} miw={0} style={{ flex: '1 1 20rem' }}>
          <Group gap="xs" wrap="wrap">
            <Tooltip label={meta.explain} withArrow multiline w={240} events={{ hover: true, focus: true, touch: true }}>
              <Badge variant="light" color={meta.color} tabIndex={0} style={{ cursor: 'help' }}>
                {meta.label}
              </Badge>
            </Tooltip>
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {item.subject}
            </Text>
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            To {to}
            {item.attachments.length > 0 && (
              <>
                {' · '}
                <IconPaperclip size={13} style={{ verticalAlign: '-2px' }} aria-label="Attached:" /> {item.attachments.map((a) => a.filename).join(', ')}
              </>
            )}
          </Text>
          <Text size="xs" c="dimmed">
            {item.status === 'sent' && item.sentAt ? `Sent ${formatInstant(item.sentAt)}` : `Written ${formatInstant(item.createdAt)}`}
            {item.attempts > 0 && item.status !== 'sent' && ` · ${item.attempts} of ${MAX_ATTEMPTS} attempts`}
            {item.status === 'failed' && ` · next try ${formatInstant(item.nextAttemptAt)}`}
            {item.cause.kind === 'interview' && (
              <>
                {' · '}
                <Anchor component={Link} to={`/interviews/${item.cause.id}`} size="xs" style={{ whiteSpace: 'nowrap' }}>
                  Open interview
                </Anchor>
              </>
            )}
          </Text>
          {item.lastError && item.status !== 'sent' && (
            <Text size="xs" c={item.status === 'dead' ? 'red' : 'orange'} className={classes.error}>
              {item.lastError}
            </Text>
          )}
        </Stack>
        {canRetry && (
          <Button size="xs" variant="light" color={item.status === 'dead' ? 'red' : 'orange'} leftSection={<IconRefresh size={14} />} onClick={() => retry.mutate()} loading={retry.isPending}>
            Retry now
          </Button>
        )}
      </Group>
    </li>
  );
}
