import { Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChargeLineDto, InvoiceAmountsDto } from '../../../main/api/contract';
import { fmtMoney } from '../common/format';

function Row({
  label,
  cents,
  strong,
  testId,
}: {
  label: string;
  cents: number;
  strong?: boolean;
  testId?: string;
}) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : 400} ff="monospace" data-testid={testId}>
        {fmtMoney(cents)}
      </Text>
    </Group>
  );
}

/** labour + parts − cover − discount, tax (inclusive or exclusive), − deposit = to pay. */
export function InvoiceSummary({
  lines,
  q,
  rateBp,
  inclusive,
}: {
  lines: ChargeLineDto[];
  q: InvoiceAmountsDto;
  rateBp: number;
  inclusive: boolean;
}) {
  const { t } = useTranslation();
  const rate = rateBp / 100;
  return (
    <Stack gap={2} data-testid="invoice-summary">
      {lines.map((l, i) => (
        <Row
          key={i}
          label={l.qty > 1 ? `${l.description} ×${l.qty}` : l.description}
          cents={l.totalCents}
        />
      ))}
      <Divider my={4} />
      {q.labourCents > 0 && <Row label={t('pickup.desk.labour')} cents={q.labourCents} />}
      {q.partsCents > 0 && <Row label={t('pickup.desk.partsTotal')} cents={q.partsCents} />}
      {q.otherCents > 0 && <Row label={t('pickup.desk.other')} cents={q.otherCents} />}
      {q.coveredCents > 0 && <Row label={t('pickup.desk.covered')} cents={-q.coveredCents} />}
      {q.discountCents > 0 && <Row label={t('pickup.desk.discount')} cents={-q.discountCents} />}
      {!inclusive && <Row label={t('pickup.desk.net')} cents={q.netCents} />}
      <Row
        label={inclusive ? t('pickup.desk.taxIncl', { rate }) : t('pickup.desk.tax', { rate })}
        cents={q.taxCents}
      />
      <Row label={t('pickup.desk.total')} cents={q.totalCents} strong testId="invoice-total" />
      {q.depositCents > 0 && <Row label={t('pickup.desk.deposit')} cents={-q.depositCents} />}
      <Divider my={4} />
      {q.dueCents >= 0 ? (
        <Row label={t('pickup.desk.due')} cents={q.dueCents} strong testId="invoice-due" />
      ) : (
        <Row label={t('pickup.desk.giveBack')} cents={-q.dueCents} strong testId="invoice-due" />
      )}
    </Stack>
  );
}
