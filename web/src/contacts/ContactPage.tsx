import { Anchor, Avatar, Badge, Button, Card, Grid, Group, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconBrandLinkedin, IconClockHour4, IconMoodSilence, IconNotes, IconPencil, IconRocket, IconTrash, IconUserQuestion } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Contact, ContactHistoryEntry } from '@shared/api.ts';
import { deleteContact, getContact, getContactHistory, queryKeys, refreshPeopleAndPlaces } from '../api/index.ts';
import { ConfirmDeleteModal } from '../ui/ConfirmDeleteModal.tsx';
import { DetailList } from '../ui/DetailList.tsx';
import { displayUrl, formatDate, localTimeIn } from '../ui/format.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { MarkdownView } from '../ui/MarkdownView.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ContactLinks } from './ContactLinks.tsx';
import { ContactTimeline } from './ContactTimeline.tsx';
import { StartInterviewButton } from './StartInterviewButton.tsx';

export function ContactPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: queryKeys.contacts.detail(id), queryFn: ({ signal }) => getContact(id, signal) });
  useDocumentTitle(query.data ? `${query.data.name} · Rapport` : 'Contact · Rapport');

  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} back={{ to: '/contacts', label: 'All contacts' }} />;
  if (!query.data) {
    return (
      <Stack>
        <Skeleton h={20} w={120} />
        <Group>
          <Skeleton h={56} w={56} circle />
          <Skeleton h={36} w={260} />
        </Group>
        <Skeleton h={260} />
      </Stack>
    );
  }
  return <ContactView contact={query.data} />;
}

function Stacked({ children }: { children: ReactNode[] }) {
  return <Stack gap={2}>{children}</Stack>;
}

function ContactView({ contact }: { contact: Contact }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, { open, close }] = useDisclosure(false);
  const [deleting, setDeleting] = useState(false);

  const remove = async () => {
    setDeleting(true);
    try {
      await deleteContact(contact.id, contact.version);
      queryClient.removeQueries({ queryKey: queryKeys.contacts.detail(contact.id) });
      void refreshPeopleAndPlaces(queryClient);
      notifySuccess(`${contact.name} was deleted.`, 'Contact deleted');
      navigate('/contacts');
    } catch (error) {
      notifyError(error, 'The contact was not deleted');
      setDeleting(false);
      close();
    }
  };

  const localTime = contact.timeZone ? localTimeIn(contact.timeZone) : null;

  const subtitle = (
    <Stack gap={8}>
      {(contact.title || contact.organization) && (
        <Text size="md" c="dimmed" component="div">
          {contact.title}
          {contact.title && contact.organization && ' · '}
          {contact.organization && (
            <Anchor component={Link} to={`/organizations/${contact.organization.id}`} inherit>
              {contact.organization.name}
            </Anchor>
          )}
        </Text>
      )}
      {(!contact.knownPersonally || contact.responsiveness || contact.tags.length > 0) && (
        <Group gap={6}>
          {!contact.knownPersonally && (
            <Tooltip
              label="You have not met them yet: a name you were given. Someone you know can introduce you."
              multiline
              w={260}
              withArrow
              events={{ hover: true, focus: true, touch: true }}
            >
              <Badge variant="outline" color="gray" leftSection={<IconUserQuestion size={13} />} tabIndex={0}>
                Not met yet
              </Badge>
            </Tooltip>
          )}
          {contact.responsiveness && <ResponsivenessBadge responsiveness={contact.responsiveness} />}
          {contact.tags.length > 0 && (
            <Group gap={6} aria-label="Tags">
              {contact.tags.map((tag) => (
                <Badge
                  key={tag}
                  variant="light"
                  component={Link}
                  to={`/contacts?tag=${encodeURIComponent(tag)}`}
                  style={{ cursor: 'pointer' }}
                >
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
        </Group>
      )}
    </Stack>
  );

  return (
    <>
      <PageHeader
        back={{ to: '/contacts', label: 'Contacts' }}
        leading={<Avatar name={contact.name} color="initials" radius="xl" size={56} />}
        title={contact.name}
        description={subtitle}
        actions={
          <>
            <StartInterviewButton contact={contact} variant="filled" />
            <Button component={Link} to={`/contacts/${contact.id}/edit`} variant="default" leftSection={<IconPencil size={16} />}>
              Edit
            </Button>
            <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={open}>
              Delete
            </Button>
          </>
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            <Card p={{ base: 'md', sm: 'lg' }}>
              <Title order={2} fz="md" mb="md">
                Contact details
              </Title>
              <DetailList
                items={[
                  {
                    label: 'E-mails',
                    value:
                      contact.emails.length > 0 ? (
                        <Stacked>
                          {contact.emails.map((email) => (
                            <Anchor key={email} href={`mailto:${email}`} size="sm">
                              {email}
                            </Anchor>
                          ))}
                        </Stacked>
                      ) : null,
                  },
                  {
                    label: 'Phones',
                    value:
                      contact.phones.length > 0 ? (
                        <Stacked>
                          {contact.phones.map((phone) => (
                            <Anchor key={phone} href={`tel:${phone.replace(/[^\d+]/g, '')}`} size="sm">
                              {phone}
                            </Anchor>
                          ))}
                        </Stacked>
                      ) : null,
                  },
                  {
                    label: 'LinkedIn',
                    value: contact.linkedinUrl ? (
                      <Anchor href={contact.linkedinUrl} target="_blank" rel="noopener noreferrer" size="sm">
                        <Group gap={4} wrap="nowrap" component="span">
                          <IconBrandLinkedin size={16} stroke={1.6} />
                          {displayUrl(contact.linkedinUrl).replace(/^linkedin\.com/, '')}
                        </Group>
                      </Anchor>
                    ) : null,
                  },
                  { label: 'Location', value: contact.location },
                  {
                    label: 'Time zone',
                    value: contact.timeZone ? (
                      <Stacked>
                        <Text size="sm">{contact.timeZone.replace(/_/g, ' ')}</Text>
                        {localTime && (
                          <Text size="xs" c="dimmed">
                            {localTime} there now
                          </Text>
                        )}
                      </Stacked>
                    ) : null,
                  },
                ]}
              />
            </Card>
            <Card p={{ base: 'md', sm: 'lg' }}>
              <Title order={2} fz="md" mb="md">
                How you know them
              </Title>
              <DetailList
                items={[
                  { label: 'How we met', value: contact.source },
                  {
                    label: 'Introduced by',
                    value: contact.introducedBy ? (
                      <Anchor component={Link} to={`/contacts/${contact.introducedBy.id}`} size="sm">
                        {contact.introducedBy.name}
                      </Anchor>
                    ) : null,
                  },
                  {
                    label: 'Organization',
                    value: contact.organization ? (
                      <Anchor component={Link} to={`/organizations/${contact.organization.id}`} size="sm">
                        {contact.organization.name}
                      </Anchor>
                    ) : null,
                  },
                  ...(contact.connectedOn ? [{ label: 'Connected on', value: formatDay(contact.connectedOn) }] : []),
                  { label: 'Added', value: formatDate(contact.createdAt) },
                  { label: 'Last updated', value: formatDate(contact.updatedAt) },
                ]}
              />
            </Card>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <Card p={{ base: 'md', sm: 'lg' }}>
              <Title order={2} fz="md" mb="sm">
                Notes
              </Title>
              {contact.notes ? (
                <MarkdownView>{contact.notes}</MarkdownView>
              ) : (
                <Group gap="xs" c="dimmed" wrap="nowrap" align="flex-start">
                  <IconNotes size={18} stroke={1.5} style={{ flexShrink: 0, marginTop: 2 }} />
                  <Text size="sm">
                    No notes yet.{' '}
                    <Anchor component={Link} to={`/contacts/${contact.id}/edit`} size="sm">
                      Write down what they do and what you would like to ask them
                    </Anchor>
                  </Text>
                </Group>
              )}
            </Card>
            <ContactTimeline contactId={contact.id} name={contact.name} />
            <ContactLinks contact={contact} />
            <EarlierPositions contact={contact} />
          </Stack>
        </Grid.Col>
      </Grid>

      <ConfirmDeleteModal
        opened={confirming}
        onClose={close}
        onConfirm={() => void remove()}
        loading={deleting}
        title={`Delete ${contact.name}?`}
        confirmLabel="Delete contact"
      >
        Their details and notes, and every interview with them (timeline included), will be removed from Rapport. This cannot be undone.
      </ConfirmDeleteModal>
    </>
  );
}

const RESPONSIVENESS = {
  booster: { label: 'Replies fast', color: 'teal', icon: IconRocket, explain: 'Replied within 3 business days: a booster. Worth asking who else you should talk to.' },
  obligate: { label: 'Replies, slowly', color: 'yellow', icon: IconClockHour4, explain: 'Replied, but after more than 3 business days: an obligate. Be patient and keep it easy for them.' },
  curmudgeon: { label: 'Never replied', color: 'red', icon: IconMoodSilence, explain: 'Never replied, even after the one follow-up: a curmudgeon. Try someone else at the organization.' },
} as const;

/** How they answered your last request, by the 3B7 clock. */
function ResponsivenessBadge({ responsiveness }: { responsiveness: NonNullable<Contact['responsiveness']> }) {
  const { label, color, icon: Icon, explain } = RESPONSIVENESS[responsiveness];
  return (
    <Tooltip
      label={
        <>
          {explain}
          <br />
          3B7: no reply after 3 business days, ask a second person there; after 7, send one follow-up.
        </>
      }
      multiline
      w={280}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <Badge variant="light" color={color} leftSection={<Icon size={13} />} tabIndex={0}>
        {label}
      </Badge>
    </Tooltip>
  );
}

const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** A calendar day (YYYY-MM-DD) as written where the reader is, without a time-zone shift. */
function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return dayFormat.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

interface Position {
  title: string | null;
  organization: string | null;
}

interface PositionChange {
  before: Position;
  after: Position;
  changedAt: string;
  source: string;
}

/**
 * Title and organization changes recorded together become one move, newest first.
 * What the contact held around each move is rebuilt backwards from what it holds now.
 */
function positionChanges(contact: Contact, history: ContactHistoryEntry[]): PositionChange[] {
  const groups: ContactHistoryEntry[][] = [];
  for (const entry of history) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.changedAt === entry.changedAt && last[0]!.source === entry.source) last.push(entry);
    else groups.push([entry]);
  }
  let current: Position = { title: contact.title, organization: contact.organization?.name ?? null };
  const changes: PositionChange[] = [];
  for (const group of groups.reverse()) {
    const before = { ...current };
    const after = { ...current };
    for (const entry of group) {
      before[entry.field] = entry.oldValue;
      after[entry.field] = entry.newValue;
    }
    changes.push({ before, after, changedAt: group[0]!.changedAt, source: group[0]!.source });
    current = before;
  }
  return changes;
}

function positionText({ title, organization }: Position): string {
  if (title && organization) return `${title} at ${organization}`;
  return title ?? organization ?? 'No position';
}

function sourceText(source: string): string {
  if (source.toLowerCase() === 'linkedin') return 'LinkedIn import';
  if (source.toLowerCase() === 'vcard') return 'vCard import';
  return source;
}

function EarlierPositions({ contact }: { contact: Contact }) {
  const history = useQuery({
    queryKey: queryKeys.contacts.history(contact.id),
    queryFn: ({ signal }) => getContactHistory(contact.id, signal),
  });
  const changes = history.data ? positionChanges(contact, history.data) : [];
  if (changes.length === 0) return null;

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="earlier-positions">
      <Title order={2} fz="md" mb="md" id="earlier-positions">
        Earlier positions
      </Title>
      <Stack gap="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {changes.map((change) => (
          <li key={`${change.changedAt}-${change.source}`}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {positionText(change.before)} → {positionText(change.after)}
            </Text>
            <Text size="xs" c="dimmed" mt={2}>
              Changed {formatDate(change.changedAt)} by {sourceText(change.source)}
            </Text>
          </li>
        ))}
      </Stack>
    </Card>
  );
}
