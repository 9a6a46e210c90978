import { useState } from 'react';
import {
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconAdjustments,
  IconArrowBackUp,
  IconPencil,
  IconPrinter,
  IconTruckReturn,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { PartDetail, PrintJobDto } from '../../../main/api/contract';
import { call } from '../api/client';
import { fieldErrors } from '../api/errors';
import { useSession } from '../auth/session';
import { fmtDateTime, fmtMoney } from '../common/format';
import { DocumentPreview } from '../print/PrintPreview';
import { invKeys, useInvCall } from './inventoryApi';
import { PartForm } from './PartForm';
import { ReturnToStockModal, ReturnToSupplierModal } from './ReturnModals';

function Stat({
  label,
  value,
  testId,
}: {
  label: string;
  value: string | number;
  testId?: string;
}) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function AdjustModal({
  detail,
  opened,
  onClose,
}: {
  detail: PartDetail;
  opened: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const adjust = useInvCall('stock.adjust', { notifyErrors: false });
  const [qty, setQty] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [serials, setSerials] = useState<string[]>([]);
  const errors = adjust.error ? fieldErrors(adjust.error) : {};
  const submit = () =>
    void adjust
      .run({
        partId: detail.part.id,
        qty: Number(qty) || 0,
        reason,
        serials: detail.part.serialTracked ? serials : undefined,
      })
      .then(() => {
        setQty('');
        setReason('');
        setSerials([]);
        onClose();
      })
      .catch(() => undefined);
  return (
    <Modal opened={opened} onClose={onClose} title={t('inventory.adjust')}>
      <Stack gap="sm">
        <NumberInput
          label={t('inventory.adjustQty')}
          value={qty}
          onChange={setQty}
          allowDecimal={false}
          error={errors.qty}
          data-autofocus
        />
        <TextInput
          label={t('inventory.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        {detail.part.serialTracked && (
          <TagsInput
            label={t('inventory.serialsHint')}
            value={serials}
            onChange={setSerials}
            error={errors.serials}
          />
        )}
        <Group justify="flex-end">
          <Button onClick={submit} loading={adjust.isPending}>
            {t('inventory.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Body({ d }: { d: PartDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const label = useInvCall('parts.printLabel');
  const [job, setJob] = useState<PrintJobDto | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const [open, setOpen] = useState<'edit' | 'toStock' | 'toSupplier' | null>(null);
  const p = d.part;
  return (
    <Stack gap="sm" data-testid="part-detail">
      <Group gap="xs">
        <Badge variant="light">{p.category}</Badge>
        <Badge variant="outline">
          {t('inventory.bin')} {p.bin}
        </Badge>
        {p.serialTracked && (
          <Badge color="grape" variant="light">
            {t('inventory.serialTracked')}
          </Badge>
        )}
        {!p.active && <Badge color="gray">{t('inventory.inactive')}</Badge>}
      </Group>
      <SimpleGrid cols={6}>
        <Stat label={t('inventory.onHand')} value={d.level.onHand} testId="level-onhand" />
        <Stat label={t('inventory.reserved')} value={d.level.reserved} testId="level-reserved" />
        <Stat label={t('inventory.available')} value={d.level.available} testId="level-available" />
        <Stat label={t('inventory.onOrder')} value={d.level.onOrder} />
        <Stat label={t('inventory.price')} value={fmtMoney(p.priceCents)} />
        <Stat label={t('inventory.avgCost')} value={fmtMoney(d.level.avgCostCents)} />
      </SimpleGrid>
      <Text size="sm">
        <Text span c="dimmed">
          {t('inventory.barcodes')}:{' '}
        </Text>
        {p.barcodes.join(', ') || '—'}
        <Text span c="dimmed" ml="md">
          {t('inventory.models')}:{' '}
        </Text>
        {p.modelList.join(', ') || '—'}
        <Text span c="dimmed" ml="md">
          {t('inventory.supplier')}:{' '}
        </Text>
        {p.supplierName ?? '—'}
        <Text span c="dimmed" ml="md">
          {t('inventory.reorderPoint')}:{' '}
        </Text>
        {p.reorderPoint} / {p.reorderQty}
      </Text>
      {d.waitingTickets.length > 0 && (
        <Text size="sm" c="orange" data-testid="part-waiting">
          {t('inventory.waiting')}:{' '}
          {d.waitingTickets.map((w) => `${w.number} ×${w.qty}`).join(', ')}
        </Text>
      )}
      <Group gap="xs">
        {can('stock.move') && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPrinter size={14} />}
            loading={label.isPending}
            onClick={() => void label.run({ partId: p.id }).then(setJob, () => undefined)}
            data-testid="print-shelf-label"
          >
            {t('inventory.printLabel')}
          </Button>
        )}
        {can('stock.manage') && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconAdjustments size={14} />}
            onClick={() => setAdjusting(true)}
            data-testid="adjust-stock"
          >
            {t('inventory.adjust')}
          </Button>
        )}
        {can('stock.manage') && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPencil size={14} />}
            onClick={() => setOpen('edit')}
            data-testid="part-edit"
          >
            {t('inventory.form.editPart')}
          </Button>
        )}
        {can('stock.move') && d.fitted.length > 0 && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowBackUp size={14} />}
            onClick={() => setOpen('toStock')}
            data-testid="part-return-stock"
          >
            {t('inventory.returns.toStock')}
          </Button>
        )}
        {can('purchasing') && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconTruckReturn size={14} />}
            onClick={() => setOpen('toSupplier')}
            data-testid="part-return-supplier"
          >
            {t('inventory.returns.toSupplier')}
          </Button>
        )}
      </Group>
      {job && (
        <Stack gap={4} data-testid="label-preview">
          <Text size="xs" c="teal">
            {t('inventory.labelQueued')}
          </Text>
          <DocumentPreview doc={job.document} />
        </Stack>
      )}
      <Tabs defaultValue="history">
        <Tabs.List>
          <Tabs.Tab value="history">{t('inventory.history')}</Tabs.Tab>
          {p.serialTracked && <Tabs.Tab value="units">{t('inventory.units')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="history" pt="xs">
          <DataTable
            withTableBorder
            striped
            minHeight={120}
            records={d.movements}
            idAccessor="id"
            noRecordsText="—"
            data-testid="movement-history"
            columns={[
              {
                accessor: 'at',
                title: t('inventory.when'),
                width: 150,
                noWrap: true,
                render: (m) => fmtDateTime(m.at),
              },
              {
                accessor: 'kind',
                title: t('inventory.state'),
                width: 170,
                noWrap: true,
                render: (m) => t(`inventory.kind.${m.kind}`),
              },
              {
                accessor: 'qty',
                title: t('inventory.change'),
                width: 80,
                textAlign: 'right',
                render: (m) => {
                  const n = m.qty !== 0 ? m.qty : m.reservedDelta;
                  return (
                    <Text size="sm" fw={600} c={m.qty > 0 ? 'teal' : m.qty < 0 ? 'red' : 'dimmed'}>
                      {n > 0 ? `+${n}` : n}
                    </Text>
                  );
                },
              },
              {
                accessor: 'onHandAfter',
                title: t('inventory.after'),
                width: 70,
                textAlign: 'right',
              },
              {
                accessor: 'ticketNumber',
                title: t('inventory.ticket'),
                width: 100,
                render: (m) => m.ticketNumber ?? m.poNumber ?? '',
              },
              {
                accessor: 'serial',
                title: t('inventory.note'),
                render: (m) => (
                  <Text size="xs">
                    {[
                      m.serial,
                      m.oldSerial ? t('inventory.oldSerial', { serial: m.oldSerial }) : null,
                      m.reason,
                      m.overrideBy ? t('inventory.overrideBy', { name: m.overrideBy }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                ),
              },
              { accessor: 'staffName', title: t('inventory.who'), width: 110, ellipsis: true },
            ]}
          />
        </Tabs.Panel>
        {p.serialTracked && (
          <Tabs.Panel value="units" pt="xs">
            <DataTable
              withTableBorder
              striped
              minHeight={120}
              records={d.units}
              idAccessor="id"
              noRecordsText="—"
              data-testid="serial-units"
              columns={[
                {
                  accessor: 'serial',
                  title: t('inventory.serial'),
                  render: (u) => (
                    <Text ff="monospace" size="sm">
                      {u.serial}
                    </Text>
                  ),
                },
                {
                  accessor: 'state',
                  title: t('inventory.state'),
                  render: (u) => t(`inventory.unitState.${u.state}`),
                },
                {
                  accessor: 'ticketNumber',
                  title: t('inventory.ticket'),
                  render: (u) => u.ticketNumber ?? '',
                },
                {
                  accessor: 'costCents',
                  title: t('inventory.cost'),
                  textAlign: 'right',
                  render: (u) => fmtMoney(u.costCents),
                },
                {
                  accessor: 'updatedAt',
                  title: t('inventory.when'),
                  render: (u) => fmtDateTime(u.updatedAt),
                },
              ]}
            />
          </Tabs.Panel>
        )}
      </Tabs>
      <AdjustModal detail={d} opened={adjusting} onClose={() => setAdjusting(false)} />
      {open === 'edit' && <PartForm part={p} onClose={() => setOpen(null)} />}
      {open === 'toStock' && <ReturnToStockModal d={d} onClose={() => setOpen(null)} />}
      {open === 'toSupplier' && <ReturnToSupplierModal d={d} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

/** One part: levels, codes, movement history and serial units, shelf label, adjustment. */
export function PartDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const q = useQuery({
    queryKey: invKeys.part(id ?? 0),
    queryFn: () => call('parts.get', { partId: id! }),
    enabled: id !== null,
    // Opening a part always asks again: what is fitted or in stock may have moved moments ago
    // at the bench, and the cached copy would still count as fresh.
    refetchOnMount: 'always',
  });
  const d = q.data && q.data.part.id === id ? q.data : undefined;
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={960}
      title={
        d ? (
          <Group gap="sm">
            <Title order={4} ff="monospace" data-testid="part-detail-sku">
              {d.part.sku}
            </Title>
            <Text>{d.part.name}</Text>
          </Group>
        ) : (
          <Loader size="xs" />
        )
      }
      data-testid="part-drawer"
    >
      {d && <Body key={d.part.id} d={d} />}
    </Drawer>
  );
}
