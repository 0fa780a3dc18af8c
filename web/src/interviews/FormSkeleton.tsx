import { Skeleton, Stack } from '@mantine/core';

/** A form's outline while what it needs loads. */
export function FormSkeleton() {
  return (
    <Stack gap="md" aria-busy="true">
      <Skeleton h={16} w="70%" />
      <Skeleton h={58} />
      <Skeleton h={58} />
      <Skeleton h={36} w={160} ml="auto" />
    </Stack>
  );
}
