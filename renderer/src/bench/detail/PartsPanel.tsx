import { useState } from 'react';
import { Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TicketPartDto } from '../../../../main/api/contract';
import { call } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../auth/session';
import { fmtMoney } from '../../common/format';
import { invKeys, useInvCall } from '../../inventory/inventoryApi';
import { Panel } from './Panel';
import { PartPicker } from './PartPicker';

const STATE_COLORS: Record<string, string> = {
  waiting: 'orange',
  reserved: 'blue',
  consumed: 'teal',
  released: 'gray',
  returned: 'gray',
};

/** Parts for this repair: find what fits the device, reserve it, record it fitted (with the
 * removed part's serial), or release it. A ticket waiting for a part says which. */
export function PartsPanel({ ticketId, model }: { ticketId: number; model: string | undefined }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [fitting, setFitting] = useState<TicketPartDto | null>(null);
  const [oldSerial, setOldSerial] = useState('');
  const lines = useQuery({
    queryKey: invKeys.ticketParts(ticketId),
    queryFn: () => call('ticketParts.list', { ticketId }),
  });
  const consume = useInvCall('ticketParts.consume', { notifyErrors: false });
  const release = useInvCall('ticketParts.release');
  const waiting = (lines.data ?? []).filter((l) => l.state === 'waiting');
  const fitErrors = consume.error ? fieldErrors(consume.error) : {};
  return (
    <Panel
      title={t('parts.title')}
      testId="parts-panel"
      right={
        waiting.length > 0 && (
          <Badge color="orange" variant="light" data-testid="parts-waiting">
            {t('parts.waitingFor', { name: waiting.map((w) => w.name).join(', ') })}
          </Badge>
        )
      }
    >
      <Stack gap={6}>
        {(lines.data ?? []).length === 0 && (
          <Text size="sm" c="dimmed">
            {t('parts.none')}
          </Text>
        )}
        {(lines.data ?? []).map((l) => (
          <Group
            key={l.id}
            gap="xs"
            wrap="nowrap"
            data-testid={`ticket-part-${l.sku}`}
            data-state={l.state}
          >
            <Badge size="sm" variant="light" color={STATE_COLORS[l.state]}>
              {t(`parts.state.${l.state}`)}
            </Badge>
            {/* Wraps rather than truncates: the unit's serial and the removed part's serial are
                what the record is for. */}
            <Text size="sm" style={{ flex: 1, minWidth: 0 }} lineClamp={3}>
              {l.name} ×{l.qty}
              {l.serial ? ` · ${l.serial}` : ''}
              {l.oldSerial ? ` · ${t('inventory.oldSerial', { serial: l.oldSerial })}` : ''}
            </Text>
            <Text size="sm">{fmtMoney(l.priceCents * l.qty)}</Text>
            {can('stock.move') && l.state === 'reserved' && (
              <Button
                size="compact-xs"
                color="teal"
                onClick={() => setFitting(l)}
                data-testid={`part-fit-${l.sku}`}
              >
                {t('parts.consume')}
              </Button>
            )}
            {can('stock.move') && (l.state === 'reserved' || l.state === 'waiting') && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                onClick={() =>
                  void release.run({ id: l.id, version: l.version }).catch(() => undefined)
                }
                data-testid={`part-release-${l.sku}`}
              >
                {t('parts.release')}
              </Button>
            )}
          </Group>
        ))}
        {can('stock.move') && <PartPicker ticketId={ticketId} model={model} />}
      </Stack>
      <Modal
        opened={fitting !== null}
        onClose={() => {
          setFitting(null);
          setOldSerial('');
          consume.reset();
        }}
        title={fitting ? `${t('parts.confirmFit')}: ${fitting.name}` : ''}
      >
        <Stack gap="sm">
          <TextInput
            label={t('parts.oldSerial')}
            description={t('parts.oldSerialHint')}
            value={oldSerial}
            onChange={(e) => setOldSerial(e.currentTarget.value)}
            error={fitErrors.oldSerial}
            data-autofocus
            data-testid="part-old-serial"
            onKeyDown={(e) => {
              if (e.key === 'Enter')
                (
                  e.currentTarget
                    .closest('form, [role=dialog]')
                    ?.querySelector('[data-testid=part-fit-confirm]') as HTMLButtonElement | null
                )?.click();
            }}
          />
          <Group justify="flex-end">
            <Button
              color="teal"
              loading={consume.isPending}
              data-testid="part-fit-confirm"
              onClick={() =>
                fitting &&
                void consume
                  .run({
                    id: fitting.id,
                    version: fitting.version,
                    oldSerial: oldSerial.trim() || undefined,
                  })
                  .then(() => {
                    setFitting(null);
                    setOldSerial('');
                  })
                  .catch(() => undefined)
              }
            >
              {t('parts.confirmFit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Panel>
  );
}
