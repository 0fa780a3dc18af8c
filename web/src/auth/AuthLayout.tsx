import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Wordmark } from '../shell/Wordmark.tsx';
import classes from './AuthLayout.module.css';

interface AuthLayoutProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The quiet, centered frame of the setup and sign-in pages. */
export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  return (
    <Box className={classes.page} component="main">
      <Center mih="100dvh" px="md" py="xl">
        <Stack w="100%" maw={440} gap="lg">
          <Center>
            <Wordmark size="lg" />
          </Center>
          <Paper p={{ base: 'lg', sm: 'xl' }} shadow="sm" radius="lg" withBorder>
            <Stack gap={4} mb="lg">
              <Title order={1} fz={22} lh={1.3}>
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Paper>
          {footer && (
            <Text c="dimmed" size="xs" ta="center">
              {footer}
            </Text>
          )}
        </Stack>
      </Center>
    </Box>
  );
}
