import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBarcode, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { PartRow, PoDetail } from '../../../main/api/contract';
import { poCreateSchema } from '../../../main/api/schemas/inventory';
import { call } from '../api/client';
import { ErrorText } from '../common/ErrorText';
import { fmtMoney, toCents } from '../common/format';
import { schemaErrors } from './formErrors';
import { invKeys, useInvCall } from './inventoryApi';
import { useSuppliers } from './PartForm';
import { MoneyInput } from '../common/MoneyInput';

interface Line {
  partId: number;
  sku: string;
  name: string;
  qty: number | string;
  cost: number | string;
}

const toLine = (p: PartRow): Line => ({
  partId: p.id,
  sku: p.sku,
  name: p.name,
  qty: 1,
  cost: p.costCents / 100,
});

/** Search the catalogue (SKU, barcode, name); choosing a part (or scanning it + Enter) adds a line. */
function PartPicker({ onPick }: { onPick(p: PartRow): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 150);
  const found = useQuery({
    queryKey: ['inventory', 'po-part-search', q],
    queryFn: () => call('parts.search', { q, limit: 20 }),
    enabled: q.length > 0,
  });
  const rows = found.data ?? [];
  return (
    <Select
      label={t('inventory.poEdit.part')}
      placeholder={t('inventory.poEdit.partSearch')}
      leftSection={<IconBarcode size={16} />}
      rightSection={found.isFetching ? <Loader size={14} /> : undefined}
      searchable
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched SKU, barcode and name: show its answer as it is.
      filter={({ options }) => options}
      data={rows.map((p) => ({ value: String(p.id), label: `${p.sku} · ${p.name}` }))}
      nothingFoundMessage={q ? t('inventory.empty') : undefined}
      onChange={(id) => {
        const p = rows.find((r) => String(r.id) === id);
        if (p) onPick(p);
        setSearch('');
      }}
      style={{ flex: 1 }}
      data-testid="po-edit-part"
    />
  );
}

function Editor({ po, onClose }: { po: PoDetail | null; onClose(): void }) {
  const { t } = useTranslation();
  const suppliers = useSuppliers();
  const create = useInvCall('po.create', { notifyErrors: false });
  const setLinesCall = useInvCall('po.setLines', { notifyErrors: false });
  const order = useInvCall('po.order', { notifyErrors: false });
  const [supplierId, setSupplierId] = useState<string | null>(po ? String(po.supplierId) : null);
  const [lines, setLines] = useState<Line[]>(
    po?.lines.map((l) => ({
      partId: l.partId,
      sku: l.sku,
      name: l.name,
      qty: l.qtyOrdered,
      cost: l.unitCostCents / 100,
    })) ?? [],
  );
  const [errors, setErrors] = useState<Record<string, ReactNode>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const busy = create.isPending || setLinesCall.isPending || order.isPending;

  const add = (p: PartRow) => {
    setLines((prev) =>
      prev.some((l) => l.partId === p.id)
        ? prev.map((l) => (l.partId === p.id ? { ...l, qty: Number(l.qty || 0) + 1 } : l))
        : [...prev, toLine(p)],
    );
  };
  const patch = (partId: number, change: Partial<Line>) =>
    setLines((prev) => prev.map((l) => (l.partId === partId ? { ...l, ...change } : l)));
  const total = lines.reduce((s, l) => s + Number(l.qty || 0) * toCents(l.cost), 0);

  const save = async (andOrder: boolean) => {
    const body = {
      supplierId: supplierId ? Number(supplierId) : Number.NaN,
      lines: lines.map((l) => ({
        partId: l.partId,
        qty: l.qty === '' ? Number.NaN : Number(l.qty),
        unitCostCents: l.cost === '' ? undefined : toCents(l.cost),
      })),
    };
    setFailure(null);
    const local = schemaErrors(poCreateSchema, body);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      let saved = po
        ? await setLinesCall.run({ id: po.id, version: po.version, lines: body.lines })
        : await create.run(body);
      if (andOrder) saved = await order.run({ id: saved.id, version: saved.version });
      notifications.show({
        color: 'teal',
        message: t(andOrder ? 'inventory.poEdit.ordered' : 'inventory.poEdit.saved', {
          number: saved.number,
        }),
      });
      onClose();
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <Stack gap="sm" data-testid="po-editor">
      <Select
        label={t('inventory.poEdit.supplier')}
        required
        searchable
        disabled={po !== null}
        data={(suppliers.data ?? [])
          .filter((s) => s.active || String(s.id) === supplierId)
          .map((s) => ({ value: String(s.id), label: s.name }))}
        value={supplierId}
        onChange={setSupplierId}
        error={errors.supplierId}
        data-autofocus
        w={360}
        data-testid="po-edit-supplier"
      />
      <PartPicker onPick={add} />
      <DataTable
        withTableBorder
        striped
        minHeight={140}
        records={lines}
        idAccessor="partId"
        noRecordsText={t('inventory.poEdit.noLines')}
        data-testid="po-edit-lines"
        columns={[
          {
            accessor: 'sku',
            title: t('inventory.sku'),
            width: 140,
            render: (l) => (
              <Text size="sm" ff="monospace" data-testid={`po-line-${l.sku}`}>
                {l.sku}
              </Text>
            ),
          },
          { accessor: 'name', title: t('inventory.name'), ellipsis: true },
          {
            accessor: 'qty',
            title: t('inventory.poEdit.qty'),
            width: 100,
            render: (l) => (
              <NumberInput
                size="xs"
                min={1}
                allowDecimal={false}
                value={l.qty}
                onChange={(v) => patch(l.partId, { qty: v })}
                aria-label={t('inventory.poEdit.qty')}
                data-testid={`po-line-qty-${l.sku}`}
              />
            ),
          },
          {
            accessor: 'cost',
            title: t('inventory.poEdit.unitCost'),
            width: 120,
            render: (l) => (
              <MoneyInput
                size="xs"
                value={l.cost}
                onChange={(v) => patch(l.partId, { cost: v })}
                aria-label={t('inventory.poEdit.unitCost')}
                data-testid={`po-line-cost-${l.sku}`}
              />
            ),
          },
          {
            accessor: 'total',
            title: t('inventory.po.total'),
            width: 100,
            textAlign: 'right',
            render: (l) => fmtMoney(Number(l.qty || 0) * toCents(l.cost)),
          },
          {
            accessor: 'remove',
            title: '',
            width: 50,
            render: (l) => (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('inventory.poEdit.remove')}
                title={t('inventory.poEdit.remove')}
                onClick={() => setLines((prev) => prev.filter((x) => x.partId !== l.partId))}
                data-testid={`po-line-remove-${l.sku}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            ),
          },
        ]}
      />
      {errors.lines && (
        <Text size="sm" c="red">
          {errors.lines}
        </Text>
      )}
      {failure !== null && (
        <Alert color="red" data-testid="po-edit-error">
          <ErrorText err={failure} />
        </Alert>
      )}
      <Group justify="space-between">
        <Text fw={700} data-testid="po-edit-total">
          {t('inventory.poEdit.total', { amount: fmtMoney(total) })}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button
            variant="light"
            loading={busy}
            onClick={() => void save(false)}
            data-testid="po-edit-save"
          >
            {t('inventory.poEdit.saveDraft')}
          </Button>
          <Button loading={busy} onClick={() => void save(true)} data-testid="po-edit-order">
            {t('inventory.poEdit.saveAndOrder')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

/** A hand-built purchase order: a new draft for a supplier, or an existing draft's lines. */
export function PoEditor({ poId, onClose }: { poId: number | 'new'; onClose(): void }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: invKeys.order(poId === 'new' ? 0 : poId),
    queryFn: () => call('po.get', { id: poId as number }),
    enabled: poId !== 'new',
    staleTime: Infinity,
  });
  const ready = poId === 'new' || detail.data?.id === poId;
  return (
    <Modal
      opened
      onClose={onClose}
      size={900}
      title={
        poId === 'new' || !detail.data
          ? t('inventory.poEdit.title')
          : t('inventory.poEdit.titleEdit', { number: detail.data.number })
      }
    >
      {ready ? (
        <Editor po={poId === 'new' ? null : detail.data!} onClose={onClose} />
      ) : (
        <Loader size="sm" />
      )}
    </Modal>
  );
}
