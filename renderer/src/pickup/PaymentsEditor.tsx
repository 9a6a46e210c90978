import { ActionIcon, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS } from '../../../main/api/schemas/pickup';
import { MoneyInput } from '../common/MoneyInput';

export interface PaymentRow {
  method: (typeof PAYMENT_METHODS)[number];
  amount: number | string;
  reference: string;
}

/** Split payments: one row per method; typed in currency units, sent as cents. */
export function PaymentsEditor({
  rows,
  onChange,
}: {
  rows: PaymentRow[];
  onChange: (rows: PaymentRow[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<PaymentRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap={6}>
      {rows.map((r, i) => (
        <Group key={i} gap="xs" wrap="nowrap" data-testid={`payment-row-${i}`}>
          <Select
            w={150}
            aria-label={t('pickup.desk.method')}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`pickup.methods.${m}`) }))}
            value={r.method}
            onChange={(v) => v && set(i, { method: v as PaymentRow['method'] })}
            allowDeselect={false}
            data-testid={`payment-method-${i}`}
          />
          <MoneyInput
            w={130}
            positive
            aria-label={t('pickup.desk.amount')}
            fixedDecimalScale
            thousandSeparator=","
            value={r.amount}
            onChange={(v) => set(i, { amount: v })}
            data-testid={`payment-amount-${i}`}
          />
          {r.method !== 'cash' && (
            <TextInput
              w={140}
              placeholder={t('pickup.desk.reference')}
              aria-label={t('pickup.desk.reference')}
              value={r.reference}
              onChange={(e) => set(i, { reference: e.currentTarget.value })}
            />
          )}
          {rows.length > 1 && (
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              aria-label="remove"
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {rows.length < 6 && (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, { method: 'card', amount: '', reference: '' }])}
          style={{ alignSelf: 'flex-start' }}
          data-testid="payment-add"
        >
          {t('pickup.desk.addPayment')}
        </Button>
      )}
    </Stack>
  );
}
