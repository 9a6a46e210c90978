import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BenchDetail } from '../../../../main/api/contract';
import { ESTIMATE_KINDS, estimateAddSchema } from '../../../../main/api/schemas/bench';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../auth/session';
import { ErrorText } from '../../common/ErrorText';
import { fmtMoney, toCents } from '../../common/format';
import { MoneyInput } from '../../common/MoneyInput';
import { schemaErrors } from '../../inventory/formErrors';
import { EstimateTotals } from './EstimateTotals';
import { useBenchCall } from '../benchApi';
import { PLAN_OPEN } from './moves';
import { Panel } from './Panel';

type Kind = (typeof ESTIMATE_KINDS)[number];

/** Estimate lines (labour, parts) typed in currency units, stored as integer cents. Locked once the customer answered. */
export function EstimatePanel({ detail }: { detail: BenchDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const editable =
    can('bench.work') &&
    PLAN_OPEN.includes(detail.ticket.status) &&
    detail.ticket.approval === 'none';
  const add = useBenchCall('bench.estimateAdd', { notifyErrors: false });
  const remove = useBenchCall('bench.estimateRemove');
  const [kind, setKind] = useState<Kind>('labour');
  const [description, setDescription] = useState('');
  const [qty, setQty] = useState<number | string>(1);
  const [price, setPrice] = useState<number | string>('');
  const [local, setLocal] = useState<Record<string, ReactNode>>({});
  const errors = { ...(add.error ? fieldErrors(add.error) : {}), ...local };

  const submit = async () => {
    const payload = {
      ticketId: detail.ticket.id,
      kind,
      description,
      qty: qty === '' ? Number.NaN : Number(qty),
      unitCents: price === '' ? Number.NaN : toCents(price),
    };
    // The shared schema first: a −3 × −100 line is refused on its fields, never sent as 0.
    const refused = schemaErrors(estimateAddSchema, payload);
    setLocal(refused);
    if (Object.keys(refused).length) return;
    try {
      await add.run(payload);
      setDescription('');
      setQty(1);
      setPrice('');
    } catch {
      /* shown below */
    }
  };

  return (
    <Panel
      title={t('estimate.title')}
      testId="estimate-panel"
      right={
        <Group gap={6}>
          {detail.free && (
            <Badge size="sm" color="green" variant="light">
              {t('warranty.free')}
            </Badge>
          )}
          {!editable && detail.ticket.approval !== 'none' && (
            <Badge size="sm" color="gray" variant="light">
              {t('estimate.locked')}
            </Badge>
          )}
        </Group>
      }
    >
      <Table fz="sm" verticalSpacing={4} data-testid="estimate-lines">
        <Table.Tbody>
          {detail.estimate.lines.map((l) => (
            <Table.Tr key={l.id} data-testid="estimate-line">
              <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t(`estimateKind.${l.kind}`)}
              </Table.Td>
              <Table.Td>{l.description}</Table.Td>
              <Table.Td ta="right" w={110} c="dimmed">
                {l.qty} × {fmtMoney(l.unitCents)}
              </Table.Td>
              <Table.Td ta="right" w={90} fw={600}>
                {fmtMoney(l.totalCents)}
              </Table.Td>
              {editable && (
                <Table.Td w={36}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={t('estimate.remove')}
                    onClick={() => void remove.run({ lineId: l.id }).catch(() => undefined)}
                    data-testid={`estimate-remove-${l.id}`}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          {detail.estimate.lines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" c="dimmed">
                  {t('estimate.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {detail.estimate.lines.length > 0 && <EstimateTotals a={detail.estimate.amounts} />}
      {editable && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <SegmentedControl
            size="xs"
            mt="xs"
            value={kind}
            onChange={(v) => setKind(v as Kind)}
            data={ESTIMATE_KINDS.map((k) => ({ value: k, label: t(`estimateKind.${k}`) }))}
            data-testid="estimate-kind"
          />
          <Group gap={6} align="flex-start" mt={6} wrap="nowrap">
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              placeholder={t('estimate.description')}
              aria-label={t('estimate.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errors.description}
              data-testid="estimate-description"
            />
            <NumberInput
              size="xs"
              w={64}
              clampBehavior="none"
              aria-label={t('estimate.qty')}
              placeholder={t('estimate.qty')}
              value={qty}
              onChange={setQty}
              error={errors.qty}
              data-testid="estimate-qty"
            />
            <MoneyInput
              size="xs"
              w={100}
              aria-label={t('estimate.unitPrice')}
              placeholder={t('estimate.unitPrice')}
              value={price}
              onChange={setPrice}
              error={errors.unitCents}
              data-testid="estimate-price"
            />
            <Button size="xs" type="submit" loading={add.isPending} data-testid="estimate-add">
              {t('estimate.add')}
            </Button>
          </Group>
          {add.error && Object.keys(errors).length === 0 && (
            <Text size="sm" c="red" mt={4}>
              <ErrorText err={add.error} />
            </Text>
          )}
        </form>
      )}
    </Panel>
  );
}
