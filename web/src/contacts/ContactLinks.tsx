import { ActionIcon, Anchor, Avatar, Box, Card, Group, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Contact, Ref } from '@shared/api.ts';
import { getContactLinks, linkContacts, queryKeys, unlinkContacts } from '../api/index.ts';
import { DetachedLabel } from '../ui/DetachedLabel.tsx';
import { notifyError } from '../ui/notify.tsx';
import { ContactSelect } from './ContactSelect.tsx';

/**
 * "Knows": the people this contact knows. Warm paths travel these links, so a
 * friend of a friend at a target organization becomes an introduction.
 */
export function ContactLinks({ contact }: { contact: Contact }) {
  const queryClient = useQueryClient();
  const links = useQuery({ queryKey: queryKeys.contactLinks(contact.id), queryFn: ({ signal }) => getContactLinks(contact.id, signal) });
  const [busy, setBusy] = useState<string | null>(null);
  // Remounting the picker after each pick empties it for the next name.
  const [pickerKey, setPickerKey] = useState(0);
  const firstName = contact.name.split(' ')[0] ?? contact.name;

  const change = async (other: Ref, action: 'link' | 'unlink') => {
    setBusy(other.id);
    try {
      const next = action === 'link' ? await linkContacts(contact.id, other.id) : await unlinkContacts(contact.id, other.id);
      queryClient.setQueryData(queryKeys.contactLinks(contact.id), next);
      // The other side of the link, and every warm path, changed too.
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactLinks(other.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.targets.all });
    } catch (error) {
      notifyError(error, action === 'link' ? 'The link was not saved' : 'The link was not removed');
    } finally {
      setBusy(null);
    }
  };

  const known = links.data?.knows ?? [];

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="contact-knows">
      <Title order={2} fz="md" id="contact-knows">
        Knows
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="md">
        People {firstName} knows. Rapport follows these links to find who can introduce you at a target.
      </Text>
      {links.isPending ? (
        <Stack gap="xs">
          <Skeleton h={36} />
        </Stack>
      ) : known.length > 0 ? (
        <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {known.map((person) => (
            <Group
              key={person.id}
              component="li"
              justify="space-between"
              wrap="nowrap"
              gap="sm"
              py={6}
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              <Group gap="sm" wrap="nowrap" miw={0}>
                <Avatar name={person.name} color="initials" radius="xl" size={30} />
                <Anchor component={Link} to={`/contacts/${person.id}`} size="sm" fw={600} c="var(--mantine-color-text)" truncate="end">
                  {person.name}
                </Anchor>
              </Group>
              <Tooltip label={`Remove link to ${person.name}`} withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove link to ${person.name}`}
                  loading={busy === person.id}
                  onClick={() => void change(person, 'unlink')}
                >
                  <IconX size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mb="md">
          No links yet.
        </Text>
      )}
      <Box mt={known.length > 0 ? 'md' : 0}>
        <DetachedLabel label={`Add someone ${firstName} knows`}>
          {(id) => (
            <ContactSelect
              key={pickerKey}
              id={id}
              value={null}
              onChange={(other) => {
                if (other && !known.some((person) => person.id === other.id)) void change(other, 'link');
                setPickerKey((key) => key + 1);
              }}
              excludeId={contact.id}
              placeholder="Search your contacts"
              disabled={busy !== null}
            />
          )}
        </DetachedLabel>
      </Box>
    </Card>
  );
}
