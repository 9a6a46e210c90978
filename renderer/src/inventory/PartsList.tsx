import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Kbd, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { fmtMoney } from '../common/format';
import { useSession } from '../auth/session';
import { invKeys } from './inventoryApi';
import { PartForm } from './PartForm';
import { useScanClaim } from '../scan/scanBus';
import { looksLikeTicketNumber } from '../scan/ticketCode';
import { tableEmptyText } from '../common/QueryState';
import { useTableLabels } from '../common/tableLabels';

const PAGE = 50;

/** The catalogue, one server page at a time (fast at 20k parts): search by SKU, barcode, name or model. */
export function PartsList({ onOpen }: { onOpen(id: number): void }) {
  const { t } = useTranslation();
  const tableLabels = useTableLabels();
  const [q, setQ] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const editor = useSession().can('stock.manage');
  // Alt+N works from the search field too: counter staff stay on the keyboard.
  useHotkeys([['alt+N', () => editor && setCreating(true)]], []);
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const input = {
    q: debounced || undefined,
    lowOnly: lowOnly || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const list = useQuery({
    queryKey: invKeys.list(input),
    queryFn: () => call('parts.list', input),
    placeholderData: keepPreviousData,
  });
  // A code typed (or pasted) into the search + Enter, faster than the list's debounce: look it up
  // exactly (barcode or SKU) and open that part; otherwise a list of one opens.
  const openScanned = async (code: string) => {
    if (!code) return;
    const hit = await call('parts.byBarcode', { code }).catch(() => null);
    if (hit) onOpen(hit.id);
    else if (list.data?.rows.length === 1 && debounced === code) onOpen(list.data.rows[0].id);
  };
  // Scanning a part's barcode anywhere on the list opens it; an unknown code becomes the search.
  // Ticket tags pass on (they open the ticket, as everywhere).
  useScanClaim((code) => {
    if (looksLikeTicketNumber(code)) return false;
    call('parts.byBarcode', { code })
      .then((part) => onOpen(part.id))
      .catch(() => setQ(code));
  });
  return (
    <>
      <Group mb="xs" gap="sm">
        <TextInput
          autoFocus
          leftSection={<IconSearch size={16} />}
          placeholder={t('inventory.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void openScanned(e.currentTarget.value.trim());
          }}
          w={360}
          data-testid="parts-search"
        />
        <Checkbox
          label={t('inventory.lowOnly')}
          checked={lowOnly}
          onChange={(e) => {
            setLowOnly(e.currentTarget.checked);
            setPage(1);
          }}
        />
        <Text size="sm" c="dimmed" data-testid="parts-total">
          {t('inventory.total', { count: list.data?.total ?? 0 })}
        </Text>
        {editor && (
          <Button
            ml="auto"
            size="xs"
            leftSection={<IconPlus size={14} />}
            rightSection={
              <Kbd size="xs" fz={10}>
                {t('inventory.form.shortcut')}
              </Kbd>
            }
            onClick={() => setCreating(true)}
            data-testid="part-new"
          >
            {t('inventory.form.newPart')}
          </Button>
        )}
      </Group>
      {creating && (
        <PartForm part={null} onClose={() => setCreating(false)} onSaved={(p) => onOpen(p.id)} />
      )}
      <DataTable
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        minHeight={200}
        maxHeight="calc(100vh - 250px)"
        fetching={list.isFetching}
        records={list.data?.rows ?? []}
        totalRecords={list.data?.total ?? 0}
        recordsPerPage={PAGE}
        page={page}
        onPageChange={setPage}
        {...tableLabels.paging}
        noRecordsText={tableEmptyText(t, list, t('inventory.empty'))}
        onRowClick={({ record }) => onOpen(record.id)}
        idAccessor="id"
        data-testid="parts-list"
        columns={[
          {
            accessor: 'sku',
            title: t('inventory.sku'),
            width: 150,
            render: (r) => (
              <Text size="sm" ff="monospace" fw={600} data-testid={`part-row-${r.sku}`}>
                {r.sku}
              </Text>
            ),
          },
          {
            accessor: 'name',
            title: t('inventory.name'),
            ellipsis: true,
            render: (r) => (
              <Group gap={6} wrap="nowrap">
                <Text size="sm" truncate>
                  {r.name}
                </Text>
                {r.serialTracked && (
                  <Badge size="xs" variant="light" color="grape">
                    SN
                  </Badge>
                )}
              </Group>
            ),
          },
          { accessor: 'category', title: t('inventory.category'), width: 120, ellipsis: true },
          { accessor: 'bin', title: t('inventory.bin'), width: 80 },
          { accessor: 'onHand', title: t('inventory.onHand'), width: 100, textAlign: 'right' },
          { accessor: 'reserved', title: t('inventory.reserved'), width: 100, textAlign: 'right' },
          {
            accessor: 'available',
            title: t('inventory.available'),
            width: 100,
            textAlign: 'right',
            render: (r) => (
              <Text size="sm" fw={700} c={r.available <= r.reorderPoint ? 'orange' : undefined}>
                {r.available}
              </Text>
            ),
          },
          {
            accessor: 'priceCents',
            title: t('inventory.price'),
            width: 90,
            textAlign: 'right',
            render: (r) => fmtMoney(r.priceCents),
          },
        ]}
      />
    </>
  );
}
