import { Paper, Text } from '@mantine/core';

/** One figure with its label, as on the printed report. */
export function Stat({
  label,
  value,
  testId,
  color,
}: {
  label: string;
  value: string | number;
  testId?: string;
  color?: string;
}) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={600} c={color ?? 'teal.7'} lh={1.2}>
        {value}
      </Text>
    </Paper>
  );
}

export const pct = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} %`);
export const one = (v: number | null) => (v === null ? '–' : v.toFixed(1));
