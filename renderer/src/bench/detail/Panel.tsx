import type { ReactNode } from 'react';
import { Group, Paper, Text } from '@mantine/core';

/** A titled block of the bench detail. */
export function Panel({
  title,
  right,
  children,
  testId,
}: {
  title: string;
  right?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={testId}>
      <Group justify="space-between" mb={6} wrap="nowrap" gap="xs">
        <Text fw={700} size="sm">
          {title}
        </Text>
        {right}
      </Group>
      {children}
    </Paper>
  );
}
