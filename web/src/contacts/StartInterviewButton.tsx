import { Alert, Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { IconMessagePlus, IconArrowRight, IconHandStop } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Ref } from '@shared/api.ts';
import { createInterview, errorMessage, isApiError, listInterviews, queryKeys } from '../api/index.ts';
import { notifyError, notifySuccess } from '../ui/notify.tsx';

interface Refusal {
  code: 'ONCE_IS_ENOUGH' | 'DUPLICATE';
  message: string;
  /** For DUPLICATE: the open interview to continue, when it could be found. */
  openInterviewId: string | null;
}

interface StartInterviewButtonProps extends Omit<ButtonProps, 'onClick' | 'loading'> {
  contact: Ref;
  label?: string;
}

/**
 * Starts an informational interview with a contact and opens it. The server
 * refuses a second open interview with the same person (DUPLICATE) and, once
 * met, a new one unless they invited it (ONCE_IS_ENOUGH): both are explained in
 * a dialog that offers the way forward.
 */
export function StartInterviewButton({ contact, label = 'Start an interview', ...props }: StartInterviewButtonProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const start = async (hostInvitedAgain: boolean) => {
    setStarting(true);
    try {
      const interview = await createInterview({ contactId: contact.id, hostInvitedAgain });
      queryClient.setQueryData(queryKeys.interviews.detail(interview.id), interview);
      void queryClient.invalidateQueries({ queryKey: queryKeys.interviews.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.targets.all });
      notifySuccess(`Next: write your request to ${contact.name}.`, 'Interview started');
      setRefusal(null);
      navigate(`/interviews/${interview.id}`);
    } catch (error) {
      setStarting(false);
      if (isApiError(error, 'DUPLICATE') || isApiError(error, 'ONCE_IS_ENOUGH')) {
        const code = error.code === 'DUPLICATE' ? 'DUPLICATE' : 'ONCE_IS_ENOUGH';
        let openInterviewId: string | null = null;
        if (code === 'DUPLICATE') {
          try {
            const open = await listInterviews({ contactId: contact.id, stage: 'open', limit: 1 });
            openInterviewId = open.items[0]?.id ?? null;
          } catch {
            // The explanation stands on its own; the link is a convenience.
          }
        }
        setRefusal({ code, message: errorMessage(error), openInterviewId });
        return;
      }
      notifyError(error, 'The interview was not started');
    }
  };

  return (
    <>
      <Button
        variant="light"
        leftSection={<IconMessagePlus size={16} />}
        {...props}
        loading={starting && refusal === null}
        onClick={() => void start(false)}
      >
        {label}
      </Button>
      <Modal
        opened={refusal !== null}
        onClose={() => setRefusal(null)}
        title={
          <Text fw={650}>{refusal?.code === 'DUPLICATE' ? `You are already talking to ${contact.name}` : 'Once is enough'}</Text>
        }
      >
        {refusal && (
          <Stack gap="lg">
            <Alert color="orange" variant="light" icon={<IconHandStop size={20} />} role="alert">
              <Text size="sm">{refusal.message}</Text>
            </Alert>
            {refusal.code === 'ONCE_IS_ENOUGH' && (
              <Text size="sm" c="dimmed">
                Busy people give their time once. If {contact.name} asked you to come back, start a second interview and
                mention their invitation in your request.
              </Text>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setRefusal(null)}>
                Close
              </Button>
              {refusal.code === 'DUPLICATE' && refusal.openInterviewId && (
                <Button component={Link} to={`/interviews/${refusal.openInterviewId}`} rightSection={<IconArrowRight size={16} />}>
                  Continue that interview
                </Button>
              )}
              {refusal.code === 'ONCE_IS_ENOUGH' && (
                <Button onClick={() => void start(true)} loading={starting}>
                  They invited me again
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
