import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBarcode } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { CountDetail } from '../../../main/api/contract';
import { call } from '../api/client';
import { useSession } from '../auth/session';
import { fmtDateTime } from '../common/format';
import { invKeys, useInvCall } from './inventoryApi';
import { useScanClaim } from '../scan/scanBus';

/** One open count: scan to count (serials for tracked parts), fix a number by hand, then a manager approves. */
function CountSheet({ count }: { count: CountDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const scan = useInvCall('counts.scan');
  const set = useInvCall('counts.set');
  const approve = useInvCall('counts.approve');
  const discard = useInvCall('counts.cancel');
  const [code, setCode] = useState('');
  const [serialFor, setSerialFor] = useState<{ sku: string } | null>(null);
  const open = count.status === 'open';
  const submitScan = (scanned = code) => {
    const c = scanned.trim();
    setCode('');
    if (!c) return;
    if (serialFor) {
      void scan.run({ id: count.id, code: serialFor.sku, serial: c }).catch(() => undefined);
      setSerialFor(null);
      return;
    }
    const tracked = count.lines.find(
      (l) => l.serialTracked && l.sku.toUpperCase() === c.toUpperCase(),
    );
    if (tracked) {
      setSerialFor({ sku: tracked.sku });
      return;
    }
    void scan.run({ id: count.id, code: c }).catch(() => undefined);
  };
  // A serial scanner (or a wedge scan outside the field) counts too.
  useScanClaim((c) => submitScan(c), open);
  return (
    <Stack gap="sm" data-testid="count-sheet" data-status={count.status}>
      <Group justify="space-between">
        <Text fw={700}>
          #{count.id} · {t(`inventory.count.${count.scope === 'bin' ? 'byBin' : 'byCategory'}`)}{' '}
          {count.scopeValue}
        </Text>
        <Badge
          variant="light"
          color={open ? 'blue' : count.status === 'approved' ? 'teal' : 'gray'}
        >
          {t(`inventory.count.status.${count.status}`)}
        </Badge>
      </Group>
      {open && (
        <TextInput
          autoFocus
          label={
            serialFor
              ? t('inventory.count.serialPrompt', { sku: serialFor.sku })
              : t('inventory.count.scan')
          }
          leftSection={<IconBarcode size={16} />}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submitScan(code);
            }
          }}
          w={420}
          data-testid="count-scan"
        />
      )}
      <DataTable
        withTableBorder
        striped
        records={count.lines}
        idAccessor="partId"
        data-testid="count-lines"
        rowStyle={(l) =>
          l.variance !== 0 ? { background: 'var(--mantine-color-orange-light)' } : undefined
        }
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
          { accessor: 'bin', title: t('inventory.bin'), width: 70 },
          {
            accessor: 'onHand',
            title: t('inventory.count.expected'),
            width: 110,
            noWrap: true,
            textAlign: 'right',
          },
          {
            accessor: 'counted',
            title: t('inventory.count.counted'),
            width: 110,
            render: (l) =>
              open && !l.serialTracked ? (
                <NumberInput
                  size="xs"
                  min={0}
                  allowDecimal={false}
                  value={l.counted ?? ''}
                  onBlur={(e) => {
                    const v = Number(e.currentTarget.value);
                    if (e.currentTarget.value !== '' && v !== l.counted)
                      void set
                        .run({ id: count.id, partId: l.partId, counted: v })
                        .catch(() => undefined);
                  }}
                  data-testid={`count-input-${l.sku}`}
                />
              ) : (
                (l.counted ?? '—')
              ),
          },
          {
            accessor: 'variance',
            title: t('inventory.count.variance'),
            width: 110,
            noWrap: true,
            textAlign: 'right',
            render: (l) => (
              <Text
                size="sm"
                fw={700}
                c={l.variance < 0 ? 'red' : l.variance > 0 ? 'teal' : 'dimmed'}
                data-testid={`count-variance-${l.sku}`}
              >
                {l.variance > 0 ? `+${l.variance}` : l.variance}
              </Text>
            ),
          },
        ]}
      />
      {open && (
        <Group>
          {can('count.approve') ? (
            <Button
              color="teal"
              loading={approve.isPending}
              onClick={() =>
                void approve
                  .run({ id: count.id, version: count.version })
                  .then(() =>
                    notifications.show({ color: 'teal', message: t('inventory.count.approved') }),
                  )
                  .catch(() => undefined)
              }
              data-testid="count-approve"
            >
              {t('inventory.count.approve')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('inventory.count.needsManager')}
            </Text>
          )}
          <Button
            variant="subtle"
            color="red"
            onClick={() =>
              void discard.run({ id: count.id, version: count.version }).catch(() => undefined)
            }
          >
            {t('inventory.count.cancel')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function CountTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [scope, setScope] = useState<'bin' | 'category'>('bin');
  const [value, setValue] = useState<string | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const facets = useQuery({ queryKey: invKeys.facets, queryFn: () => call('parts.facets', {}) });
  const counts = useQuery({
    queryKey: invKeys.counts,
    queryFn: () => call('counts.list', { limit: 50 }),
  });
  const sheet = useQuery({
    queryKey: invKeys.count(active ?? 0),
    queryFn: () => call('counts.get', { id: active! }),
    enabled: active !== null,
  });
  const start = useInvCall('counts.start');
  const options = scope === 'bin' ? (facets.data?.bins ?? []) : (facets.data?.categories ?? []);
  return (
    <Group align="flex-start" gap="lg" wrap="nowrap">
      <Stack gap="sm" w={340} style={{ flexShrink: 0 }}>
        {can('stock.move') && (
          <>
            <SegmentedControl
              value={scope}
              onChange={(v) => {
                setScope(v as 'bin' | 'category');
                setValue(null);
              }}
              data={[
                { value: 'bin', label: t('inventory.count.byBin') },
                { value: 'category', label: t('inventory.count.byCategory') },
              ]}
            />
            <Select
              label={t('inventory.count.value')}
              data={options}
              value={value}
              onChange={setValue}
              searchable
              data-testid="count-scope-value"
            />
            <Button
              disabled={!value}
              loading={start.isPending}
              onClick={() =>
                value &&
                void start.run({ scope, value }).then(
                  (c) => setActive(c.id),
                  () => undefined,
                )
              }
              data-testid="count-start"
            >
              {t('inventory.count.start')}
            </Button>
          </>
        )}
        <DataTable
          withTableBorder
          minHeight={120}
          records={counts.data ?? []}
          idAccessor="id"
          noRecordsText="—"
          onRowClick={({ record }) => setActive(record.id)}
          // One line per count: short values, so no column needs to wrap (Chinese broke mid-word).
          columns={[
            { accessor: 'id', title: '#', width: 40 },
            { accessor: 'scopeValue', title: t('inventory.count.value'), noWrap: true },
            {
              accessor: 'status',
              title: t('inventory.state'),
              noWrap: true,
              render: (c) => t(`inventory.count.status.${c.status}`),
            },
            {
              accessor: 'createdAt',
              title: t('inventory.when'),
              noWrap: true,
              render: (c) => fmtDateTime(c.createdAt),
            },
          ]}
        />
      </Stack>
      <div style={{ flex: 1 }}>
        {sheet.data && sheet.data.id === active && (
          <CountSheet key={sheet.data.id} count={sheet.data} />
        )}
      </div>
    </Group>
  );
}
