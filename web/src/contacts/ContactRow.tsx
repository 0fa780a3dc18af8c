import { Anchor, Avatar, Badge, Box, Group, Skeleton, Text } from '@mantine/core';
import type { ContactListItem } from '@shared/api.ts';
import { Link } from 'react-router-dom';
import classes from './ContactRow.module.css';

const MAX_TAGS = 3;

function subtitle(contact: ContactListItem): string {
  return [contact.title, contact.organization?.name].filter(Boolean).join(' · ');
}

function Tags({ tags, max }: { tags: string[]; max: number }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  const more = tags.length - shown.length;
  return (
    <Group gap={4} wrap="nowrap" className={classes.tags}>
      {shown.map((tag) => (
        <Badge key={tag} variant="light" size="sm" className={classes.tag}>
          {tag}
        </Badge>
      ))}
      {more > 0 && (
        <Badge variant="default" size="sm" title={tags.slice(max).join(', ')}>
          +{more}
        </Badge>
      )}
    </Group>
  );
}

/** One contact in the list; the name link covers the whole row. */
export function ContactRow({ contact, wide }: { contact: ContactListItem; wide: boolean }) {
  const line = subtitle(contact);
  const email = contact.emails[0];
  return (
    <Group className={classes.row} wrap="nowrap" gap="md" h="100%" px={{ base: 'sm', sm: 'md' }}>
      <Avatar name={contact.name} color="initials" radius="xl" size={wide ? 40 : 38} aria-hidden />
      <Box className={classes.main}>
        <Anchor component={Link} to={`/contacts/${contact.id}`} className={classes.link} fw={600} size="sm" c="var(--mantine-color-text)" truncate="end">
          {contact.name}
        </Anchor>
        {line && (
          <Text size="xs" c="dimmed" truncate="end">
            {line}
          </Text>
        )}
        {!wide && (
          <Group gap={6} wrap="nowrap" mt={2} className={classes.narrowExtra}>
            {email && (
              <Text size="xs" c="dimmed" truncate="end" className={classes.email}>
                {email}
              </Text>
            )}
            <Tags tags={contact.tags} max={2} />
          </Group>
        )}
      </Box>
      {wide && (
        <>
          <Text size="sm" c="dimmed" truncate="end" className={classes.emailColumn}>
            {email ?? ''}
          </Text>
          <Box className={classes.tagsColumn}>
            <Tags tags={contact.tags} max={MAX_TAGS} />
          </Box>
        </>
      )}
    </Group>
  );
}

export function ContactRowSkeleton({ wide }: { wide: boolean }) {
  return (
    <Group className={classes.row} wrap="nowrap" gap="md" h="100%" px={{ base: 'sm', sm: 'md' }} aria-hidden>
      <Skeleton circle h={wide ? 40 : 38} w={wide ? 40 : 38} />
      <Box className={classes.main}>
        <Skeleton h={12} w="45%" mb={8} />
        <Skeleton h={10} w="65%" />
      </Box>
      {wide && <Skeleton h={10} className={classes.emailColumn} />}
      {wide && <Box className={classes.tagsColumn} />}
    </Group>
  );
}
