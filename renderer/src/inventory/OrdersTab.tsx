import { useState } from 'react';
import { Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { PoSummary } from '../../../main/api/contract';
import { call } from '../api/client';
import { useSession } from '../auth/session';
import { fmtDateTime, fmtMoney } from '../common/format';
import { invKeys, useInvCall } from './inventoryApi';
import { PoEditor } from './PoEditor';
import { tableEmptyText } from '../common/QueryState';

export const PO_COLORS: Record<string, string> = {
  draft: 'gray',
  ordered: 'blue',
  partly_received: 'orange',
  received: 'teal',
  closed: 'dark',
  cancelled: 'red',
};

/** Purchase orders and their next step: order a draft, close a received one, cancel with a reason. */
export function OrdersTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const list = useQuery({
    queryKey: invKeys.orders(),
    queryFn: () => call('po.list', { limit: 200 }),
  });
  const order = useInvCall('po.order');
  const close = useInvCall('po.close');
  const cancel = useInvCall('po.cancel');
  const [cancelling, setCancelling] = useState<PoSummary | null>(null);
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const buying = can('purchasing');
  return (
    <>
      {buying && (
        <Group mb="xs">
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing('new')}
            data-testid="po-new"
          >
            {t('inventory.poEdit.new')}
          </Button>
        </Group>
      )}
      <DataTable
        withTableBorder
        striped
        minHeight={200}
        records={list.data ?? []}
        fetching={list.isFetching}
        idAccessor="id"
        noRecordsText={tableEmptyText(t, list, t('inventory.po.none'))}
        data-testid="po-list"
        columns={[
          {
            accessor: 'number',
            title: t('inventory.po.number'),
            width: 120,
            render: (o) => (
              <Text size="sm" ff="monospace" fw={600}>
                {o.number}
              </Text>
            ),
          },
          { accessor: 'supplierName', title: t('inventory.supplier'), ellipsis: true },
          {
            accessor: 'status',
            title: t('inventory.state'),
            width: 130,
            render: (o) => (
              <Badge
                size="sm"
                variant="light"
                color={PO_COLORS[o.status]}
                data-testid={`po-status-${o.number}`}
              >
                {t(`inventory.poStatus.${o.status}`)}
              </Badge>
            ),
          },
          { accessor: 'lineCount', title: t('inventory.po.lines'), width: 70, textAlign: 'right' },
          {
            accessor: 'totalCents',
            title: t('inventory.po.total'),
            width: 100,
            textAlign: 'right',
            render: (o) => fmtMoney(o.totalCents),
          },
          {
            accessor: 'createdAt',
            title: t('inventory.po.created'),
            width: 140,
            render: (o) => fmtDateTime(o.createdAt),
          },
          {
            accessor: 'actions',
            title: '',
            width: 340,
            render: (o) =>
              buying && (
                <Group gap={4} wrap="nowrap">
                  {o.status === 'draft' && (
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => setEditing(o.id)}
                      data-testid={`po-edit-${o.number}`}
                    >
                      {t('inventory.poEdit.edit')}
                    </Button>
                  )}
                  {o.status === 'draft' && (
                    <Button
                      size="compact-xs"
                      onClick={() =>
                        void order.run({ id: o.id, version: o.version }).catch(() => undefined)
                      }
                      data-testid={`po-order-${o.number}`}
                    >
                      {t('inventory.po.order')}
                    </Button>
                  )}
                  {o.status === 'received' && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() =>
                        void close.run({ id: o.id, version: o.version }).catch(() => undefined)
                      }
                    >
                      {t('inventory.po.close')}
                    </Button>
                  )}
                  {['draft', 'ordered', 'partly_received'].includes(o.status) && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setCancelling(o)}
                      data-testid={`po-cancel-${o.number}`}
                    >
                      {t('inventory.po.cancel')}
                    </Button>
                  )}
                </Group>
              ),
          },
        ]}
      />
      {editing !== null && (
        <PoEditor key={editing} poId={editing} onClose={() => setEditing(null)} />
      )}
      <Modal
        opened={cancelling !== null}
        onClose={() => setCancelling(null)}
        title={t('inventory.po.cancel')}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!cancelling || !reason.trim()) return;
            void cancel
              .run({ id: cancelling.id, version: cancelling.version, reason })
              .then(() => {
                setCancelling(null);
                setReason('');
              })
              .catch(() => undefined);
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('inventory.po.cancelReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
              data-testid="po-cancel-reason"
            />
            <Group justify="flex-end">
              <Button
                type="submit"
                color="red"
                disabled={!reason.trim()}
                loading={cancel.isPending}
                data-testid="po-cancel-confirm"
              >
                {t('inventory.po.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
