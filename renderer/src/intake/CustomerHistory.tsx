import { Badge, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../main/api/contract';
import { STATUS_COLORS, fmtDate } from '../common/format';
import classes from './Intake.module.css';

export function CustomerHistory({ detail, onOpen }: { detail: CustomerDetail; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const tickets = detail.tickets.slice(0, 6);
  return (
    <Paper withBorder radius="sm" data-testid="customer-history">
      <Title order={6} p="sm" pb={4}>
        {t('intake.earlierTickets')} ({detail.tickets.length})
      </Title>
      {tickets.length === 0 ? (
        <Text size="sm" c="dimmed" px="sm" pb="sm">
          {t('intake.noEarlierTickets')}
        </Text>
      ) : (
        <Stack gap={0}>
          {tickets.map((tk) => (
            <UnstyledButton key={tk.id} className={classes.result} onClick={() => onOpen(tk.id)} tabIndex={-1}>
              <Group justify="space-between" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Text size="xs" fw={600} ff="monospace">
                    {tk.number} · {fmtDate(tk.receivedAt)}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {tk.deviceLabel} · {tk.problem}
                  </Text>
                </div>
                <Badge size="xs" variant="light" color={STATUS_COLORS[tk.status] ?? 'gray'}>
                  {t(`status.${tk.status}`)}
                </Badge>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
