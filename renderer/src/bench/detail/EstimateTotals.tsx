import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EstimateAmountsDto } from '../../../../main/api/contract';
import { fmtMoney } from '../../common/format';

function Line({
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
    <Group justify="flex-end" gap="md" wrap="nowrap">
      <Text size="sm" c={strong ? undefined : 'dimmed'} fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Text
        size="sm"
        fw={strong ? 700 : 500}
        ff="monospace"
        miw={90}
        ta="right"
        data-testid={testId}
      >
        {fmtMoney(cents)}
      </Text>
    </Group>
  );
}

/**
 * Subtotal, warranty cover, tax and the total the customer will pay: the server's amounts,
 * computed exactly as the pickup invoice will be, so the approved total is the charged total.
 */
export function EstimateTotals({ a }: { a: EstimateAmountsDto }) {
  const { t } = useTranslation();
  const rate = a.taxRateBp / 100;
  return (
    <Stack gap={0} mt={4} data-testid="estimate-totals">
      <Line label={t('money.subtotal')} cents={a.grossCents} testId="estimate-total" />
      {a.coveredCents > 0 && <Line label={t('money.covered')} cents={-a.coveredCents} />}
      <Line
        label={a.taxInclusive ? t('money.taxIncl', { rate }) : t('money.tax', { rate })}
        cents={a.taxCents}
        testId="estimate-tax"
      />
      <Line label={t('money.total')} cents={a.totalCents} strong testId="estimate-total-pay" />
    </Stack>
  );
}
