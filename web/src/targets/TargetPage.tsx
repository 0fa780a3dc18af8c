import { Alert, Avatar, Badge, Button, Card, Grid, Group, Input, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconBuildingSkyscraper, IconGitMerge, IconNotes, IconPencil, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { TargetDetail } from '@shared/plan-api.ts';
import { matchKey } from '@core/normalize.ts';
import { deleteTarget, getPreferences, getTarget, isApiError, listTargets, queryKeys } from '../api/index.ts';
import { ConfirmDeleteModal } from '../ui/ConfirmDeleteModal.tsx';
import { formatDate, plural } from '../ui/format.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { MarkdownView } from '../ui/MarkdownView.tsx';
import { NotesInput } from '../ui/NotesInput.tsx';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { AdvocacyBadge, MotivationRating } from './targetParts.tsx';
import { useTargetPatch } from './useTargetPatch.ts';
import { WarmPaths } from './WarmPaths.tsx';

export function TargetPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: queryKeys.targets.detail(id), queryFn: ({ signal }) => getTarget(id, signal) });
  useDocumentTitle(query.data ? `${query.data.organization.name} · Targets · Rapport` : 'Target · Rapport');

  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} back={{ to: '/targets', label: 'All targets' }} />;
  if (!query.data) {
    return (
      <Stack>
        <Skeleton h={20} w={120} />
        <Group>
          <Skeleton h={52} w={52} radius="md" />
          <Skeleton h={36} w={260} />
        </Group>
        <Skeleton h={260} />
      </Stack>
    );
  }
  return <TargetView target={query.data} />;
}

function TargetView({ target }: { target: TargetDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, { open, close }] = useDisclosure(false);
  const [deleting, setDeleting] = useState(false);
  const patch = useTargetPatch(target);
  const name = target.organization.name;

  // For the active count and its warning, and to show shared tags as the seeker wrote them.
  const list = useQuery({ queryKey: queryKeys.targets.list, queryFn: ({ signal }) => listTargets(signal) });
  const preferences = useQuery({ queryKey: queryKeys.preferences, queryFn: ({ signal }) => getPreferences(signal), staleTime: 60_000 });
  const tagNames = useMemo(() => new Map((preferences.data?.affinityTags ?? []).map((tag) => [matchKey(tag), tag])), [preferences.data]);
  const tagName = useCallback((key: string) => tagNames.get(key) ?? key, [tagNames]);

  const remove = async () => {
    setDeleting(true);
    try {
      await deleteTarget(target.id, target.version);
      queryClient.removeQueries({ queryKey: queryKeys.targets.detail(target.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.targets.all });
      notifySuccess(`${name} is no longer a target. The organization and its contacts were kept.`, 'Target removed');
      navigate('/targets');
    } catch (error) {
      notifyError(error, 'The target was not removed');
      if (isApiError(error, 'VERSION_CONFLICT')) void queryClient.invalidateQueries({ queryKey: queryKeys.targets.all });
      setDeleting(false);
      close();
    }
  };

  return (
    <>
      <PageHeader
        back={{ to: '/targets', label: 'Targets' }}
        leading={<Avatar name={name} color="initials" radius="md" size={52} />}
        title={name}
        description={
          <Group gap="xs" wrap="wrap" mt={2}>
            <AdvocacyBadge advocacy={target.advocacy} />
            <Badge variant={target.active ? 'filled' : 'default'} size="sm">
              {target.active ? 'Active' : 'Paused'}
            </Badge>
            <Text size="sm" c="dimmed">
              {plural(target.contactCount, 'contact')}
              {target.openInterviewCount > 0 && ` · ${plural(target.openInterviewCount, 'open interview')}`}
            </Text>
          </Group>
        }
        actions={
          <>
            <Button component={Link} to={`/organizations/${target.organization.id}`} variant="default" leftSection={<IconBuildingSkyscraper size={16} />}>
              Organization
            </Button>
            <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={open}>
              Remove
            </Button>
          </>
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="target-plan">
              <Title order={2} fz="md" mb="md" id="target-plan">
                Your plan
              </Title>
              <Stack gap="md">
                <Input.Wrapper labelElement="div" label="Motivation" description="How much would you like to work there?">
                  <div style={{ marginTop: 6 }}>
                    <MotivationRating value={target.motivation} onChange={(motivation) => patch.mutate({ motivation })} label="Motivation" />
                  </div>
                </Input.Wrapper>
                <Switch
                  label="Open postings"
                  description="They are hiring for work that interests you."
                  checked={target.openPostings}
                  onChange={(event) => patch.mutate({ openPostings: event.currentTarget.checked })}
                />
                <Switch
                  label="Active"
                  description={
                    list.data
                      ? `${list.data.activeCount} of ${list.data.activeLimit} active targets.`
                      : 'Work on a few targets at a time.'
                  }
                  checked={target.active}
                  onChange={(event) => patch.mutate({ active: event.currentTarget.checked })}
                />
                {list.data?.activeWarning && (
                  <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} p="sm" role="alert">
                    <Text size="sm">{list.data.activeWarning}</Text>
                  </Alert>
                )}
                <Text size="xs" c="dimmed">
                  Added {formatDate(target.createdAt)}
                  {target.updatedAt !== target.createdAt && ` · changed ${formatDate(target.updatedAt)}`}
                </Text>
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <WarmPaths organization={target.organization} warmPaths={target.warmPaths} tagName={tagName} />
            <NotesCard target={target} />
          </Stack>
        </Grid.Col>
      </Grid>

      <ConfirmDeleteModal
        opened={confirming}
        onClose={close}
        onConfirm={() => void remove()}
        loading={deleting}
        title={`Remove ${name} from your targets?`}
        confirmLabel="Remove target"
      >
        Your ranking and notes for this target will be removed. The organization, its contacts and your interviews stay in
        Rapport. This cannot be undone.
      </ConfirmDeleteModal>
    </>
  );
}

function NotesCard({ target }: { target: TargetDetail }) {
  const patch = useTargetPatch(target);
  const [draft, setDraft] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const save = async () => {
    if (draft === null) return;
    setConflict(false);
    setError(undefined);
    try {
      await patch.mutateAsync({ notes: draft });
      setDraft(null);
    } catch (failure) {
      // The draft stays: after a conflict the latest version is loaded, and saving again applies it on top.
      if (isApiError(failure, 'VERSION_CONFLICT')) setConflict(true);
      else if (isApiError(failure)) setError(failure.issues.find((issue) => issue.field === 'notes')?.message);
    }
  };

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section">
      <Group justify="space-between" mb="sm" gap="sm">
        <Title order={2} fz="md" id="target-notes">
          Notes
        </Title>
        {draft === null && (
          <Button size="xs" variant="default" leftSection={<IconPencil size={15} />} onClick={() => setDraft(target.notes ?? '')}>
            {target.notes ? 'Edit notes' : 'Write notes'}
          </Button>
        )}
      </Group>
      {draft !== null ? (
        <Stack gap="sm">
          {conflict && (
            <Alert color="orange" variant="light" icon={<IconGitMerge size={20} />} title="Someone changed this target elsewhere" role="alert">
              <Text size="sm">
                Your notes were <b>not</b> saved, and nothing was overwritten. The latest version is loaded now: save again to replace
                its notes with yours, or cancel to keep them.
              </Text>
            </Alert>
          )}
          <NotesInput
            value={draft}
            onChange={setDraft}
            error={error}
            placeholder="Why this place? Teams, people, news, what you want to find out…"
          />
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                setDraft(null);
                setConflict(false);
                setError(undefined);
              }}
              disabled={patch.isPending}
            >
              Cancel
            </Button>
            <Button onClick={() => void save()} loading={patch.isPending}>
              Save notes
            </Button>
          </Group>
        </Stack>
      ) : target.notes ? (
        <MarkdownView>{target.notes}</MarkdownView>
      ) : (
        <Group gap="xs" c="dimmed" wrap="nowrap" align="flex-start">
          <IconNotes size={18} stroke={1.5} style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm">No notes yet. Write down why this place, and what you want to find out there.</Text>
        </Group>
      )}
    </Card>
  );
}
