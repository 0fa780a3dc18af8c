import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { SessionInfo } from '@shared/api.ts';
import { errorMessage, getSession, getSetupStatus, isApiError, onUnauthenticated, queryKeys, signOut } from '../api/index.ts';
import { notifyError } from '../ui/notify.tsx';
import { AuthContext, type AuthState } from './AuthContext.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { LoginPage } from './LoginPage.tsx';
import { SetupPage } from './SetupPage.tsx';

/**
 * Boots the app: first-run setup when the instance has no account yet, the
 * sign-in page without a session, otherwise the app itself.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const setup = useQuery({
    queryKey: queryKeys.setup,
    queryFn: ({ signal }) => getSetupStatus(signal),
    staleTime: Infinity,
  });

  const session = useQuery({
    queryKey: queryKeys.session,
    queryFn: async ({ signal }): Promise<SessionInfo | null> => {
      try {
        return await getSession(signal);
      } catch (error) {
        if (isApiError(error, 'UNAUTHENTICATED')) return null;
        throw error;
      }
    },
    enabled: setup.data?.setUp === true,
    staleTime: Infinity,
  });

  // A session that ends while the app is open (expired, signed out elsewhere) leads back to sign-in.
  useEffect(
    () =>
      onUnauthenticated(() => {
        if (queryClient.getQueryData(queryKeys.session)) queryClient.setQueryData(queryKeys.session, null);
      }),
    [queryClient],
  );

  const signedIn = useCallback(
    (info: SessionInfo) => {
      queryClient.setQueryData(queryKeys.setup, { setUp: true });
      queryClient.setQueryData(queryKeys.session, info);
    },
    [queryClient],
  );

  const user = session.data?.user;
  const auth = useMemo<AuthState | null>(() => {
    if (!user) return null;
    return {
      user,
      signOut: async () => {
        try {
          await signOut();
        } catch (error) {
          notifyError(error, 'Could not log out');
          return;
        }
        notifications.clean();
        queryClient.removeQueries({ queryKey: ['contacts'] });
        queryClient.removeQueries({ queryKey: ['organizations'] });
        queryClient.setQueryData(queryKeys.session, null);
        navigate('/', { replace: true });
      },
    };
  }, [user, queryClient, navigate]);

  if (setup.isPending || (setup.data?.setUp && session.isPending)) {
    return (
      <Center h="100dvh">
        <Loader aria-label="Loading Rapport" />
      </Center>
    );
  }

  const failure = setup.error ?? session.error;
  if (failure) {
    return (
      <AuthLayout title="Rapport is not answering" subtitle="The app could not reach its server.">
        <Stack>
          <Text size="sm">{errorMessage(failure)}</Text>
          <Button onClick={() => void (setup.error ? setup.refetch() : session.refetch())}>Try again</Button>
        </Stack>
      </AuthLayout>
    );
  }

  if (setup.data?.setUp === false) return <SetupPage onDone={signedIn} />;
  if (!auth) return <LoginPage onSignedIn={signedIn} />;
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
