import { Badge, Group, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconClockPause,
  IconRepeat,
  IconRotateClockwise,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BenchTicket } from '../../../main/api/contract';
import { fmtDateTime } from '../common/format';

/** Why the SLA clock stands still, or null while it runs. */
export function pauseReasonKey(status: string): string | null {
  if (status === 'awaiting_approval') return 'sla.pausedApproval';
  if (status === 'on_hold') return 'sla.pausedHold';
  return null;
}

/** The marks a bench row or card carries: emergency/urgent, repeat, overdue/near due, paused, rework. */
export function TicketFlags({ ticket, size = 'xs' }: { ticket: BenchTicket; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const { sla } = ticket;
  const pause = pauseReasonKey(ticket.status);
  return (
    <Group gap={4} wrap="wrap">
      {ticket.priority === 'emergency' && (
        <Badge
          size={size}
          color="red"
          variant="filled"
          leftSection={<IconAlertTriangle size={10} />}
          data-testid="flag-emergency"
        >
          {t('priority.emergency')}
        </Badge>
      )}
      {ticket.priority === 'urgent' && (
        <Badge size={size} color="orange" variant="light" data-testid="flag-urgent">
          {t('priority.urgent')}
        </Badge>
      )}
      {ticket.isRepeat && (
        <Badge
          size={size}
          color="grape"
          variant="filled"
          leftSection={<IconRepeat size={10} />}
          data-testid="flag-repeat"
        >
          {t('warranty.repeatShort')}
        </Badge>
      )}
      {sla.overdue && (
        <Badge size={size} color="red" variant="outline" data-testid="flag-overdue">
          {t('sla.overdue')}
        </Badge>
      )}
      {!sla.overdue && sla.nearDue && (
        <Badge size={size} color="yellow" variant="outline" data-testid="flag-near-due">
          {t('sla.nearDue')}
        </Badge>
      )}
      {sla.firstResponseLate && (
        <Badge size={size} color="red" variant="light" data-testid="flag-first-response">
          {t('sla.firstResponseLate')}
        </Badge>
      )}
      {sla.paused && (
        <Tooltip label={pause ? t(pause) : t('sla.paused')}>
          <Badge
            size={size}
            color="gray"
            variant="light"
            leftSection={<IconClockPause size={10} />}
            data-testid="flag-paused"
          >
            {t('sla.paused')}
          </Badge>
        </Tooltip>
      )}
      {ticket.reworkDueAt !== null && (
        <Tooltip label={t('qc.reworkDue', { when: fmtDateTime(ticket.reworkDueAt) })}>
          <Badge
            size={size}
            color="pink"
            variant="filled"
            leftSection={<IconRotateClockwise size={10} />}
            data-testid="flag-rework"
          >
            {t('qc.rework')}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** Emergency and repeat repairs stand out: a coloured edge on cards and rows. */
export function accentColor(ticket: BenchTicket): string | null {
  if (ticket.priority === 'emergency') return 'var(--mantine-color-red-6)';
  if (ticket.isRepeat) return 'var(--mantine-color-grape-6)';
  if (ticket.sla.overdue) return 'var(--mantine-color-red-3)';
  if (ticket.priority === 'urgent') return 'var(--mantine-color-orange-5)';
  return null;
}
