import { Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenchTicket } from '../../../main/api/contract';
import { fmtDateTime } from '../common/format';
import { fmtRelativeNarrow } from '../common/relativeNarrow';
import { TicketFlags, accentColor } from './TicketFlags';

/** One compact card on the board: number, device, customer, due time and flags. */
export function BenchCard({ ticket, onOpen }: { ticket: BenchTicket; onOpen(id: number): void }) {
  const { t, i18n } = useTranslation();
  const accent = accentColor(ticket);
  const { sla } = ticket;
  return (
    <UnstyledButton
      onClick={() => onOpen(ticket.id)}
      data-testid={`bench-card-${ticket.number}`}
      w="100%"
    >
      <Paper
        withBorder
        p={8}
        radius="sm"
        bg={ticket.priority === 'emergency' ? 'var(--mantine-color-red-light)' : undefined}
        style={accent ? { borderLeft: `4px solid ${accent}` } : undefined}
      >
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="sm" fw={700} ff="monospace" style={{ flexShrink: 0 }}>
            {ticket.number}
          </Text>
          <Text
            data-testid="due-time"
            truncate
            size="xs"
            c={sla.overdue ? 'red' : sla.nearDue ? 'yellow.8' : 'dimmed'}
            fw={sla.overdue ? 700 : undefined}
            title={fmtDateTime(sla.dueAt)}
          >
            {sla.paused ? t('sla.paused') : fmtRelativeNarrow(sla.dueAt, i18n.language)}
          </Text>
        </Group>
        <Text size="xs" truncate>
          {ticket.deviceLabel}
        </Text>
        <Group justify="space-between" gap={8} wrap="nowrap">
          <Text size="xs" c="dimmed" truncate>
            {ticket.customerName}
          </Text>
          <Text size="xs" c="dimmed" truncate maw="50%">
            {ticket.assignedTo?.name ?? t('bench.unassigned')}
          </Text>
        </Group>
        <TicketFlags ticket={ticket} />
      </Paper>
    </UnstyledButton>
  );
}
