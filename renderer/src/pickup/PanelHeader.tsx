import type { ReactNode } from 'react';
import { Group, Text, Title } from '@mantine/core';

/** Title, one line of what the panel is for, and its controls on the right. */
export function PanelHeader({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end">
      <div>
        <Title order={3}>{title}</Title>
        <Text size="sm" c="dimmed">
          {subtitle}
        </Text>
      </div>
      {children}
    </Group>
  );
}
