import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { LowStockRow } from '../../../main/api/contract';
import { call } from '../api/client';
import { useSession } from '../auth/session';
import { invKeys, useInvCall } from './inventoryApi';
import { tableEmptyText } from '../common/QueryState';
import { useTableLabels } from '../common/tableLabels';

export function useLowStock() {
  return useQuery({
    queryKey: invKeys.low,
    queryFn: () => call('stock.lowList', { limit: 500 }),
    refetchInterval: 120_000,
  });
}

/** What to reorder (reservations and open orders counted); ticked rows become draft orders per supplier. */
export function LowStockTab({ onOpen }: { onOpen(id: number): void }) {
  const { t } = useTranslation();
  const tableLabels = useTableLabels();
  const { can } = useSession();
  const low = useLowStock();
  const toPo = useInvCall('stock.lowToPo');
  const [selected, setSelected] = useState<LowStockRow[]>([]);
  const create = () =>
    void toPo
      .run({ partIds: selected.map((r) => r.partId) })
      .then((res) => {
        setSelected([]);
        notifications.show({
          color: 'teal',
          message: t('inventory.low.created', { count: res.orders.length }),
        });
        if (res.skipped.length) {
          const skus = (low.data ?? [])
            .filter((r) => res.skipped.includes(r.partId))
            .map((r) => r.sku);
          notifications.show({
            color: 'orange',
            message: t('inventory.low.skipped', { skus: skus.join(', ') }),
          });
        }
      })
      .catch(() => undefined);
  return (
    <>
      <Group mb="xs" justify="space-between">
        <Text size="sm" c="dimmed">
          {t('inventory.low.title')}
        </Text>
        {can('purchasing') && (
          <Button
            size="xs"
            disabled={!selected.length}
            loading={toPo.isPending}
            onClick={create}
            data-testid="low-to-po"
          >
            {t('inventory.low.toPo')}
          </Button>
        )}
      </Group>
      <DataTable
        withTableBorder
        striped
        highlightOnHover
        minHeight={200}
        records={low.data ?? []}
        fetching={low.isFetching}
        idAccessor="partId"
        selectedRecords={selected}
        onSelectedRecordsChange={setSelected}
        {...tableLabels.selection}
        noRecordsText={tableEmptyText(t, low, t('inventory.low.none'))}
        onRowClick={({ record }) => onOpen(record.partId)}
        data-testid="low-list"
        columns={[
          {
            accessor: 'sku',
            title: t('inventory.sku'),
            width: 150,
            render: (r) => (
              <Text size="sm" ff="monospace">
                {r.sku}
              </Text>
            ),
          },
          { accessor: 'name', title: t('inventory.name'), ellipsis: true },
          { accessor: 'bin', title: t('inventory.bin'), width: 80 },
          {
            accessor: 'available',
            title: t('inventory.available'),
            width: 80,
            textAlign: 'right',
            render: (r) => (
              <Text size="sm" fw={700} c="orange">
                {r.available}
              </Text>
            ),
          },
          { accessor: 'onOrder', title: t('inventory.onOrder'), width: 80, textAlign: 'right' },
          {
            accessor: 'reorderPoint',
            title: t('inventory.reorderPoint'),
            width: 100,
            textAlign: 'right',
          },
          {
            accessor: 'suggestQty',
            title: t('inventory.low.suggest'),
            width: 80,
            textAlign: 'right',
          },
          {
            accessor: 'supplierName',
            title: t('inventory.supplier'),
            width: 140,
            ellipsis: true,
            render: (r) => r.supplierName ?? '—',
          },
        ]}
      />
    </>
  );
}
