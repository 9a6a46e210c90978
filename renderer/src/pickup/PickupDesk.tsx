import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Kbd,
  List,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconCircleCheck, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PickupResult, PickupView } from '../../../main/api/contract';
import { PAYMENT_METHODS } from '../../../main/api/schemas/pickup';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { ErrorText } from '../common/ErrorText';
import { STATUS_COLORS, fmtDateTime, fmtMoney, toCents } from '../common/format';
import { PrintJobCard } from '../print/PrintPreview';
import { InvoiceSummary } from './InvoiceSummary';
import { ManagerApprovalFields } from './ManagerApproval';
import { MessagesCard } from './MessagesCard';
import { PaymentsEditor, type PaymentRow } from './PaymentsEditor';
import { SignaturePadBox } from './SignaturePadBox';
import { pickupKeys, usePickupCall, usePickupLookup } from './pickupApi';
import { MoneyInput, moneyError } from '../common/MoneyInput';
import bar from '../common/ActionBar.module.css';

const newKey = () => `pickup-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

function WorkDone({ v }: { v: PickupView }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t('pickup.desk.workDone')}
      </Text>
      <Text size="sm">
        <Text span c="dimmed">
          {t('pickup.desk.problem')}:{' '}
        </Text>
        {v.ticket.problem}
      </Text>
      {v.ticket.cause && (
        <Text size="sm">
          <Text span c="dimmed">
            {t('pickup.desk.cause')}:{' '}
          </Text>
          {v.ticket.cause}
        </Text>
      )}
      {v.ticket.plan.length > 0 && (
        <Group gap={4}>
          {v.ticket.plan.map((p) => (
            <Badge key={p} variant="light" size="sm">
              {t(`plan.${p}`, { defaultValue: p })}
            </Badge>
          ))}
        </Group>
      )}
      {v.workNotes.length > 0 && (
        <List size="sm" spacing={2}>
          {v.workNotes.map((n, i) => (
            <List.Item key={i}>{n}</List.Item>
          ))}
        </List>
      )}
      <Text size="sm" fw={600} mt={4}>
        {t('pickup.desk.parts')}
      </Text>
      {v.partsReplaced.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('pickup.desk.noParts')}
        </Text>
      ) : (
        <Table
          withRowBorders={false}
          verticalSpacing={2}
          horizontalSpacing={0}
          fz="sm"
          data-testid="parts-replaced"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th fw={500} c="dimmed" fz="xs" pl="md">
                {t('pickup.desk.newSerial')}
              </Table.Th>
              <Table.Th fw={500} c="dimmed" fz="xs" pl="md">
                {t('pickup.desk.oldSerial')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.partsReplaced.map((p, i) => (
              <Table.Tr key={i} data-testid="part-replaced">
                <Table.Td>{p.qty > 1 ? `${p.description} ×${p.qty}` : p.description}</Table.Td>
                <Table.Td ff="monospace" fz="xs" pl="md" data-testid="part-serial">
                  {p.serial ?? '—'}
                </Table.Td>
                <Table.Td ff="monospace" fz="xs" pl="md" data-testid="part-old-serial">
                  {p.oldSerial ?? '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {v.repairWarrantyUntil && (
        <Group gap="xs" mt={4}>
          <Text size="sm" c="dimmed">
            {t('pickup.desk.warrantyUntil')}
          </Text>
          <Badge color="teal" variant="light" data-testid="warranty-until">
            {v.repairWarrantyUntil}
          </Badge>
        </Group>
      )}
    </Stack>
  );
}

function Checkout({ v, onDone }: { v: PickupView; onDone: (r: PickupResult) => void }) {
  const { t } = useTranslation();
  const [discount, setDiscount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [managerId, setManagerId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [credit, setCredit] = useState(false);
  const [returnMethod, setReturnMethod] = useState<string>('cash');
  const [signature, setSignature] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = useRef(newKey());
  const discountCents = toCents(discount);
  const [debounced] = useDebouncedValue(discountCents, 250);
  const quote = useQuery({
    queryKey: pickupKeys.quote(v.ticket.id, debounced),
    queryFn: () => call('pickup.quote', { ticketId: v.ticket.id, discountCents: debounced }),
    placeholderData: (prev) => prev ?? v.quote,
    retry: false,
    // A refused amount stays on its field with the error; the quote keeps the last good one.
    enabled: Number.isInteger(debounced) && debounced >= 0,
  });
  const q = quote.data ?? v.quote;
  const [payments, setPayments] = useState<PaymentRow[]>(() => [
    { method: 'cash', amount: v.quote.dueCents > 0 ? v.quote.dueCents / 100 : '', reference: '' },
  ]);
  // When the amount owed changes (a discount), a single payment row follows it.
  useEffect(() => {
    setPayments((rows) =>
      rows.length === 1 ? [{ ...rows[0], amount: q.dueCents > 0 ? q.dueCents / 100 : '' }] : rows,
    );
  }, [q.dueCents]);
  const complete = usePickupCall('pickup.complete', { notifyErrors: false });
  const paid = payments.reduce((s, p) => s + toCents(p.amount), 0);
  const owed = Math.max(0, q.dueCents);
  const diff = paid - owed;
  const needsManager = discountCents > v.rules.discountLimitCents;
  const cash = payments
    .filter((p) => p.method === 'cash')
    .reduce((s, p) => s + toCents(p.amount), 0);
  const unrepaired = v.mode === 'unrepaired';
  const moneyBad =
    moneyError(discount) !== null ||
    payments.some((p) => moneyError(p.amount, { positive: true }) !== null);

  const blocked =
    moneyBad || (owed > 0 && diff < 0) || (v.rules.signatureRequired && !signature);
  // Ctrl+Enter anywhere on the desk, inputs included (typing an amount then taking payment).
  useHotkeys([['mod+Enter', () => !blocked && !complete.isPending && void submit()]], []);

  const submit = async () => {
    setError(null);
    try {
      const r = await complete.run({
        ticketId: v.ticket.id,
        version: v.ticket.version,
        idempotencyKey: key.current,
        discountCents,
        discountReason: reason || undefined,
        approval: needsManager && managerId ? { staffId: Number(managerId), pin } : undefined,
        payments:
          owed > 0
            ? payments
                .filter((p) => p.amount !== '')
                .map((p) => ({
                  method: p.method,
                  amountCents: toCents(p.amount),
                  reference: p.reference || undefined,
                }))
            : [],
        overpayment: credit ? 'credit' : 'change',
        returnMethod: returnMethod as (typeof PAYMENT_METHODS)[number],
        signature: signature ?? undefined,
      });
      onDone(r);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Stack gap="sm">
      <InvoiceSummary
        lines={v.lines}
        q={q}
        rateBp={v.rules.taxRateBp}
        inclusive={v.rules.taxInclusive}
      />
      {!unrepaired && q.grossCents - q.coveredCents > 0 && (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <MoneyInput
            w={130}
            label={t('pickup.desk.discount')}
            value={discount}
            onChange={setDiscount}
            data-testid="discount"
          />
          {discountCents > 0 && (
            <TextInput
              style={{ flex: 1 }}
              label={t('pickup.desk.discountReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="discount-reason"
            />
          )}
        </Group>
      )}
      {needsManager && (
        <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-yellow-light)">
          <Text size="xs" mb={4}>
            {t('pickup.desk.needsManager', { limit: fmtMoney(v.rules.discountLimitCents) })}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <ManagerApprovalFields
              managerId={managerId}
              onManager={setManagerId}
              pin={pin}
              onPin={setPin}
            />
          </Group>
        </Paper>
      )}
      {owed > 0 ? (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('pickup.desk.payments')}
          </Text>
          <PaymentsEditor rows={payments} onChange={setPayments} />
          <Group gap="md">
            {diff < 0 && (
              <Text size="sm" c="red" data-testid="payment-remaining">
                {t('pickup.desk.remaining')}: {fmtMoney(-diff)}
              </Text>
            )}
            {diff > 0 && !credit && diff <= cash && (
              <Text size="lg" fw={700} c="teal" data-testid="payment-change">
                {t('pickup.desk.change')}: {fmtMoney(diff)}
              </Text>
            )}
            {diff > 0 && (credit || diff > cash) && (
              <Text size="sm" c="orange">
                {t('pickup.desk.overpaid')}: {fmtMoney(diff)}
              </Text>
            )}
          </Group>
          {diff > 0 && (
            <Checkbox
              label={t('pickup.desk.keepAsCredit')}
              checked={credit}
              onChange={(e) => setCredit(e.currentTarget.checked)}
            />
          )}
        </Stack>
      ) : (
        q.dueCents < 0 && (
          <Select
            w={200}
            label={t('pickup.desk.returnMethod')}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`pickup.methods.${m}`) }))}
            value={returnMethod}
            onChange={(x) => x && setReturnMethod(x)}
            allowDeselect={false}
          />
        )
      )}
      <SignaturePadBox
        onChange={setSignature}
        error={
          v.rules.signatureRequired && !signature && error
            ? t('pickup.desk.signatureRequired')
            : null
        }
      />
      {error !== null && (
        <Alert color="red" variant="light" data-testid="pickup-error">
          <ErrorText err={error} />
        </Alert>
      )}
      {/* Sticky, with Ctrl+Enter: at 1366×768 the button sits below the signature pad. */}
      <Group justify="flex-end" py={6} className={bar.actionBar}>
        <Button
          size="md"
          leftSection={<IconCircleCheck size={18} />}
          rightSection={
            <Group gap={2}>
              <Kbd size="xs">Ctrl</Kbd>
              <Kbd size="xs">Enter</Kbd>
            </Group>
          }
          loading={complete.isPending}
          disabled={blocked}
          onClick={() => void submit()}
          data-testid="pickup-complete"
        >
          {unrepaired ? t('pickup.desk.completeUnrepaired') : t('pickup.desk.complete')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Counter pickup: find the ticket, explain the work, bill, take payment, sign, hand over. */
export function PickupDesk() {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [number, setNumber] = useState<string | null>(null);
  const [result, setResult] = useState<PickupResult | null>(null);
  const lookup = usePickupLookup(number);
  const v = lookup.data;
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const reset = () => {
    setResult(null);
    setNumber(null);
    setInput('');
    inputRef.current?.focus();
  };
  const statusLabel = useMemo(() => (v ? t(`status.${v.ticket.status}`) : ''), [v, t]);

  return (
    <Stack gap="sm" data-testid="pickup-desk">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('pickup.desk.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('pickup.desk.subtitle')}
          </Text>
        </div>
        <Group
          gap="xs"
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            setResult(null);
            if (input.trim()) setNumber(input.trim());
          }}
        >
          <TextInput
            ref={inputRef}
            w={240}
            aria-label={t('pickup.desk.lookup')}
            placeholder={t('pickup.desk.lookupPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={input}
            onChange={(e) => setInput(e.currentTarget.value)}
            data-testid="pickup-lookup"
          />
          <Button type="submit" variant="default" data-testid="pickup-find">
            {t('pickup.desk.find')}
          </Button>
        </Group>
      </Group>
      {lookup.isError && (
        <Alert color="red" variant="light" data-testid="pickup-lookup-error">
          {errorText(t, lookup.error)}
        </Alert>
      )}
      {result && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <Alert
                color="teal"
                variant="light"
                icon={<IconCircleCheck />}
                data-testid="pickup-done"
              >
                {t('pickup.desk.completed', { number: result.invoice.number })}
                {result.invoice.changeCents > 0 &&
                  ` · ${t('pickup.desk.change')}: ${fmtMoney(result.invoice.changeCents)}`}
              </Alert>
              <Button variant="default" onClick={reset} data-testid="pickup-next">
                {t('pickup.desk.next')}
              </Button>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PrintJobCard job={result.printJob} />
          </Grid.Col>
        </Grid>
      )}
      {v && !result && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <Paper withBorder p="sm" radius="sm" data-testid="pickup-ticket">
                <Group justify="space-between" mb="xs">
                  <Group gap="xs">
                    <Text fw={700} ff="monospace">
                      {v.ticket.number}
                    </Text>
                    <Badge color={STATUS_COLORS[v.ticket.status] ?? 'gray'} variant="light">
                      {statusLabel}
                    </Badge>
                  </Group>
                  <Text size="sm">
                    {v.ticket.customerName} · {v.ticket.customerPhone}
                  </Text>
                </Group>
                <Text size="sm" c="dimmed" mb="xs">
                  {v.ticket.deviceLabel}
                </Text>
                <WorkDone v={v} />
              </Paper>
              <MessagesCard key={v.ticket.id} ticketId={v.ticket.id} status={v.ticket.status} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Paper withBorder p="sm" radius="sm">
              <Text fw={600} mb="xs">
                {t('pickup.desk.invoice')}
              </Text>
              {v.mode === 'not_ready' && (
                <Alert color="yellow" variant="light" data-testid="pickup-not-ready">
                  {t('pickup.desk.notReady', { status: statusLabel })}
                </Alert>
              )}
              {v.mode === 'done' && (
                <Alert color="gray" variant="light">
                  {t('pickup.desk.done', {
                    at: fmtDateTime(v.pickup?.at ?? v.ticket.collectedAt ?? 0),
                  })}{' '}
                  {v.invoices.map((i) => i.number).join(', ')}
                </Alert>
              )}
              {v.mode === 'unrepaired' && (
                <Alert color="orange" variant="light" mb="xs">
                  {t('pickup.desk.unrepaired')}
                </Alert>
              )}
              {(v.mode === 'repair' || v.mode === 'unrepaired') && (
                <Checkout key={v.ticket.version} v={v} onDone={setResult} />
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
