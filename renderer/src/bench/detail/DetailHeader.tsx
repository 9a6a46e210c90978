import { Alert, Badge, Button, Group, Kbd, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconClockPause, IconRepeat } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BenchDetail, TicketDetail } from '../../../../main/api/contract';
import { useSession } from '../../auth/session';
import { PRIORITY_COLORS, STATUS_COLORS, fmtDateTime, fmtRelative } from '../../common/format';
import { Passcode } from '../../tickets/Passcode';
import { pauseReasonKey } from '../TicketFlags';

function Field({
  label,
  children,
  testId,
}: {
  label: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** Status, SLA (with why it is paused), assignee with Take / Reassign, and the device and problem. */
export function DetailHeader({
  detail,
  info,
  onTake,
  onReassign,
  taking,
}: {
  detail: BenchDetail;
  info: TicketDetail | undefined;
  onTake(): void;
  onReassign(): void;
  taking: boolean;
}) {
  const { t } = useTranslation();
  const { can, staff } = useSession();
  const tk = detail.ticket;
  const { sla } = tk;
  const pause = pauseReasonKey(tk.status);
  const canTake = can('bench.work') && tk.assignedTo === null;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge
          size="lg"
          color={STATUS_COLORS[tk.status] ?? 'gray'}
          data-testid="bench-status"
          data-status={tk.status}
        >
          {t(`status.${tk.status}`)}
        </Badge>
        <Badge
          variant={tk.priority === 'emergency' ? 'filled' : 'light'}
          color={PRIORITY_COLORS[tk.priority]}
        >
          {t(`priority.${tk.priority}`)}
        </Badge>
        <Badge variant="outline" color="gray">
          {t(`category.${tk.category}`)}
        </Badge>
        {detail.free && (
          <Badge variant="light" color="green" data-testid="bench-free">
            {t('warranty.free')}
          </Badge>
        )}
        {tk.isRepeat && (
          <Badge color="grape" variant="filled" leftSection={<IconRepeat size={12} />}>
            {info?.repeatOf
              ? t('warranty.repeat', { number: info.repeatOf.number })
              : t('warranty.repeatShort')}
          </Badge>
        )}
      </Group>
      {sla.paused && (
        <Alert
          color="gray"
          variant="light"
          p={6}
          icon={<IconClockPause size={16} />}
          data-testid="sla-paused"
        >
          <Text size="sm">{t('sla.pausedBecause', { reason: t(pause ?? 'sla.paused') })}</Text>
        </Alert>
      )}
      <SimpleGrid cols={4} spacing="sm" verticalSpacing={4}>
        <Field label={t('sla.due')} testId="sla-due">
          <Text
            span
            size="sm"
            c={sla.overdue ? 'red' : sla.nearDue ? 'yellow.8' : undefined}
            fw={sla.overdue || sla.nearDue ? 700 : undefined}
          >
            {fmtDateTime(sla.dueAt)}
          </Text>{' '}
          <Text span size="xs" c="dimmed">
            (
            {sla.overdue
              ? t('sla.overdue')
              : sla.nearDue
                ? t('sla.nearDue')
                : fmtRelative(sla.dueAt)}
            )
          </Text>
        </Field>
        <Field label={t('sla.firstResponse')}>
          {sla.firstResponseDueAt === null ? (
            t('sla.responded')
          ) : (
            <Text span size="sm" c={sla.firstResponseLate ? 'red' : undefined}>
              {fmtDateTime(sla.firstResponseDueAt)}
            </Text>
          )}
        </Field>
        <Field label={t('bench.assignee')} testId="bench-assignee">
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600}>
              {tk.assignedTo?.name ?? t('bench.unassigned')}
            </Text>
            {canTake && (
              <Button
                size="compact-xs"
                variant="light"
                onClick={onTake}
                loading={taking}
                rightSection={<Kbd size="xs">t</Kbd>}
                data-testid="bench-take"
              >
                {t('bench.take')}
              </Button>
            )}
            {can('bench.assign') && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={onReassign}
                data-testid="bench-reassign"
              >
                {t('bench.reassign')}
              </Button>
            )}
          </Group>
          {tk.assignedTo && staff && tk.assignedTo.id === staff.id && (
            <Text size="xs" c="teal">
              {t('bench.yours')}
            </Text>
          )}
        </Field>
        <Field label={t('bench.customer')}>
          {tk.customerName} · {tk.customerPhone}
        </Field>
      </SimpleGrid>
      <Group gap="xl" align="flex-start" wrap="nowrap">
        <Field label={t('bench.device')}>
          {t(`deviceType.${tk.deviceType}`, { defaultValue: tk.deviceType })} · {tk.deviceLabel}
          {info?.device.imei ? ` · IMEI ${info.device.imei}` : ''}
        </Field>
        {info && (
          <Field label={t('ticket.passcode')} testId="bench-passcode">
            <Passcode key={info.id} ticket={info} />
          </Field>
        )}
      </Group>
      <Field label={t('bench.problem')}>{tk.problem}</Field>
    </Stack>
  );
}
