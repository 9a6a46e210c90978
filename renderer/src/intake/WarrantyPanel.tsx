import { Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarDue, IconRepeat } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeviceDto } from '../../../main/api/contract';
import { pastDate } from '../../../main/api/schemas/common';
import type { IntakeEvaluateInput } from '../../../main/api/schemas/intake';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { fmtDateTime, fmtMoney, fmtRelative, toCents } from '../common/format';
import { moneyError } from '../common/MoneyInput';
import { WarrantyBadge } from '../tickets/badges';
import type { IntakeValues } from './intakeForm';

/** The live decision for what is typed: warranty, repeat repair, promise, an open ticket for the device. */
export function useIntakeEvaluation(values: IntakeValues, device: DeviceDto | null) {
  const [debounced] = useDebouncedValue(evaluationInput(values, device), 120);
  return useQuery({
    queryKey: ['intake.evaluate', debounced],
    queryFn: () => call('intake.evaluate', debounced),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** What intake.evaluate is asked about the form as it stands. */
export function evaluationInput(
  values: IntakeValues,
  device: DeviceDto | null,
): IntakeEvaluateInput {
  const d = values.device;
  const imei = d.imei.trim();
  const cents = toCents(values.ticket.estimate);
  const estimateCents =
    moneyError(values.ticket.estimate) === null && cents > 0 ? cents : undefined;
  const decision: IntakeEvaluateInput = device
    ? {
        deviceId: device.id,
        deviceType: device.type as IntakeEvaluateInput['deviceType'],
        purchaseDate: device.purchaseDate ?? undefined,
        proof: device.proof as IntakeEvaluateInput['proof'],
        exclusion: values.ticket.exclusion,
        serviceMode: values.ticket.serviceMode,
        priority: values.ticket.priority,
      }
    : {
        deviceType: d.type,
        // A date the form refuses (future, impossible) is shown on its field, not evaluated.
        purchaseDate:
          d.purchaseDate && pastDate.safeParse(d.purchaseDate).success ? d.purchaseDate : undefined,
        imei: imei.length === 15 ? imei : undefined,
        serial: d.serial.trim() || undefined,
        proof: d.proof,
        exclusion: values.ticket.exclusion,
        serviceMode: values.ticket.serviceMode,
        priority: values.ticket.priority,
      };
  return { ...decision, estimateCents };
}

/** The live warranty decision, repeat-repair flag and promised time (DOMAIN step 3-4). */
export function WarrantyPanel({ q }: { q: ReturnType<typeof useIntakeEvaluation> }) {
  const { t } = useTranslation();
  const r = q.data;
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="warranty-panel">
      <Group justify="space-between" mb={6}>
        <Title order={6}>{t('warranty.decision')}</Title>
        {q.isFetching && <Loader size={14} />}
      </Group>
      {q.isError && (
        <Text size="sm" c="red">
          {errorText(t, q.error)}
        </Text>
      )}
      {r && (
        <Stack gap={6}>
          <Group gap={6}>
            <WarrantyBadge warranty={r.warranty} until={r.warrantyUntil} />
            <Badge
              variant="outline"
              color={r.chargeable ? 'gray' : 'teal'}
              data-testid="chargeable-badge"
            >
              {r.chargeable ? t('warranty.chargeable') : t('warranty.free')}
            </Badge>
          </Group>
          {r.repeatOf && (
            <Badge
              color="red"
              variant="filled"
              size="lg"
              leftSection={<IconRepeat size={14} />}
              data-testid="repeat-badge"
            >
              {t('warranty.repeat', { number: r.repeatOf.number })}
            </Badge>
          )}
          {r.estimate && (
            <Text size="sm" data-testid="intake-estimate-to-pay">
              {t('money.estimateToPay', { total: fmtMoney(r.estimate.totalCents) })}
              {r.estimate.taxCents > 0 && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({t('money.inclTax', { tax: fmtMoney(r.estimate.taxCents) })})
                </Text>
              )}
            </Text>
          )}
          <Group gap={6} wrap="nowrap">
            <IconCalendarDue size={16} />
            <Text size="sm" data-testid="promised-at">
              {t('warranty.promised', { when: fmtDateTime(r.promisedAt) })}
            </Text>
            <Text size="xs" c="dimmed">
              ({fmtRelative(r.promisedAt)})
            </Text>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
