import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBarcode } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { PoDetail } from '../../../main/api/contract';
import { call } from '../api/client';
import { invKeys, useInvCall } from './inventoryApi';
import { useScanClaim } from '../scan/scanBus';

interface Tally {
  qty: number;
  serials: string[];
}

/** Goods receipt: pick the order, scan each item (and each serial), then book it in one go. */
function Receiving({ po }: { po: PoDetail }) {
  const { t } = useTranslation();
  const receive = useInvCall('po.receive');
  const [tally, setTally] = useState<Record<number, Tally>>({});
  const [code, setCode] = useState('');
  const [serialFor, setSerialFor] = useState<number | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const byCode = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of po.lines) {
      m.set(l.sku.toUpperCase(), l.partId);
      for (const b of l.barcodes) m.set(b.toUpperCase(), l.partId);
    }
    return m;
  }, [po]);
  const lineOf = (partId: number) => po.lines.find((l) => l.partId === partId)!;
  const count = Object.values(tally).reduce((s, x) => s + x.qty, 0);

  const scan = (scanned = code) => {
    const c = scanned.trim();
    setCode('');
    if (!c) return;
    if (serialFor !== null) {
      setTally((prev) => {
        const cur = prev[serialFor] ?? { qty: 0, serials: [] };
        return { ...prev, [serialFor]: { qty: cur.qty + 1, serials: [...cur.serials, c] } };
      });
      setSerialFor(null);
      setHint(null);
      return;
    }
    const partId = byCode.get(c.toUpperCase());
    if (!partId) {
      setHint(t('inventory.receive.notOnOrder', { code: c }));
      return;
    }
    const line = lineOf(partId);
    const now = tally[partId]?.qty ?? 0;
    if (line.qtyReceived + now >= line.qtyOrdered) {
      setHint(t('inventory.receive.tooMany', { sku: line.sku }));
      return;
    }
    if (line.serialTracked) {
      setSerialFor(partId);
      setHint(t('inventory.receive.serialScan', { sku: line.sku }));
      return;
    }
    setHint(null);
    setTally((prev) => ({ ...prev, [partId]: { qty: now + 1, serials: [] } }));
  };

  // A serial scanner (or a wedge scan outside the field) books in too.
  useScanClaim((c) => scan(c));

  const submit = () =>
    void receive
      .run({
        id: po.id,
        version: po.version,
        lines: Object.entries(tally)
          .filter(([, x]) => x.qty > 0)
          .map(([partId, x]) => ({
            partId: Number(partId),
            qty: x.qty,
            serials: lineOf(Number(partId)).serialTracked ? x.serials : undefined,
          })),
      })
      .then(() => {
        setTally({});
        notifications.show({
          color: 'teal',
          message: t('inventory.receive.done', { number: po.number }),
        });
      })
      .catch(() => undefined);

  return (
    <Stack gap="sm">
      <TextInput
        ref={input}
        autoFocus
        label={
          serialFor !== null
            ? t('inventory.receive.serialScan', { sku: lineOf(serialFor).sku })
            : t('inventory.receive.scan')
        }
        description={t('inventory.receive.scanHint')}
        leftSection={<IconBarcode size={16} />}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            scan(code);
          }
        }}
        w={420}
        data-testid="receive-scan"
      />
      {hint && (
        <Text size="sm" c="orange" data-testid="receive-hint">
          {hint}
        </Text>
      )}
      <DataTable
        withTableBorder
        striped
        records={po.lines}
        idAccessor="partId"
        data-testid="receive-lines"
        columns={[
          {
            accessor: 'sku',
            title: t('inventory.sku'),
            width: 150,
            render: (l) => (
              <Text size="sm" ff="monospace">
                {l.sku}
              </Text>
            ),
          },
          { accessor: 'name', title: t('inventory.name'), ellipsis: true },
          {
            accessor: 'qtyOrdered',
            title: t('inventory.receive.ordered'),
            width: 90,
            textAlign: 'right',
          },
          {
            accessor: 'qtyReceived',
            title: t('inventory.receive.received'),
            width: 90,
            textAlign: 'right',
          },
          {
            accessor: 'now',
            title: t('inventory.receive.now'),
            width: 80,
            textAlign: 'right',
            render: (l) => (
              <Text size="sm" fw={700} c="teal" data-testid={`receive-now-${l.sku}`}>
                {tally[l.partId]?.qty ?? 0}
              </Text>
            ),
          },
          {
            accessor: 'serials',
            title: t('inventory.serial'),
            render: (l) => <Text size="xs">{(tally[l.partId]?.serials ?? []).join(', ')}</Text>,
          },
        ]}
      />
      <Group>
        <Button
          disabled={count === 0}
          onClick={submit}
          loading={receive.isPending}
          data-testid="receive-submit"
        >
          {t('inventory.receive.submit', { count })}
        </Button>
      </Group>
    </Stack>
  );
}

export function ReceiveTab() {
  const { t } = useTranslation();
  const [poId, setPoId] = useState<string | null>(null);
  const ordered = useQuery({
    queryKey: invKeys.orders('open'),
    queryFn: () => call('po.list', { limit: 200 }),
  });
  const open = (ordered.data ?? []).filter(
    (o) => o.status === 'ordered' || o.status === 'partly_received',
  );
  const detail = useQuery({
    queryKey: invKeys.order(Number(poId)),
    queryFn: () => call('po.get', { id: Number(poId) }),
    enabled: !!poId,
  });
  return (
    <Stack gap="sm">
      {open.length === 0 && !ordered.isLoading && (
        <Alert color="gray">{t('inventory.po.noneToReceive')}</Alert>
      )}
      <Select
        label={t('inventory.po.pick')}
        data={open.map((o) => ({
          value: String(o.id),
          label: `${o.number} · ${o.supplierName} · ${t(`inventory.poStatus.${o.status}`)}`,
        }))}
        value={poId}
        onChange={setPoId}
        searchable
        w={420}
        data-testid="receive-po"
      />
      {detail.data && detail.data.id === Number(poId) && (
        <Receiving key={`${detail.data.id}-${detail.data.version}`} po={detail.data} />
      )}
    </Stack>
  );
}
