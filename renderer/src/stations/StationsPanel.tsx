import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Table, Text, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StationDto } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';
import { fmtDateTime, fmtRelative } from '../common/format';
import { QueryError } from '../common/QueryState';
import { ShopKeyShare } from './ShopKeyShare';
import { StationMove } from './StationMove';
import { StationNameForm } from './StationNameForm';
import { useStations } from './stationsApi';

function StationStatus({ s }: { s: StationDto }) {
  const { t } = useTranslation();
  if (s.retiredAt !== null)
    return (
      <Tooltip label={t('stations.retiredOn', { when: fmtDateTime(s.retiredAt) })}>
        <Badge color="gray" variant="light">
          {t('stations.retired')}
        </Badge>
      </Tooltip>
    );
  return (
    <Badge color={s.online ? 'teal' : 'orange'} variant="light">
      {s.online ? t('stations.online') : t('stations.offline')}
    </Badge>
  );
}

/** Renames this station (admin): the name other PCs show beside its printers and jobs. */
export function RenameStation({ current, onClose }: { current: string; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('stations.renameTitle')}>
      <StationNameForm
        current={current}
        label={t('stations.name')}
        confirm={t('stations.save')}
        testId="station-rename"
        onCancel={onClose}
        onSaved={onClose}
      />
    </Modal>
  );
}

/** Settings → Stations: every PC of the shop, when it was last seen, its version; an admin
 * renames this one, retires another (audited) and shares the passcode key with joining ones. */
export function StationsPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { can } = useSession();
  const admin = can('station.manage');
  const q = useStations();
  // the same answer ShopKeyShare shows: whether this station works on a database server
  const key = useQuery({
    queryKey: ['stations', 'shopKey'],
    queryFn: () => call('stations.shopKey', {}),
    enabled: admin,
  });
  const [renaming, setRenaming] = useState<string | null>(null);

  const retire = (s: StationDto) =>
    modals.openConfirmModal({
      title: t('stations.retire'),
      children: <Text size="sm">{t('stations.retireConfirm', { name: s.name })}</Text>,
      labels: { confirm: t('stations.retire'), cancel: t('stations.cancel') },
      confirmProps: { color: 'red', 'data-testid': 'station-retire-confirm' } as never,
      onConfirm: () =>
        void call('stations.retire', { id: s.id })
          .then(() =>
            notifications.show({
              color: 'teal',
              message: t('stations.retiredDone', { name: s.name }),
            }),
          )
          .catch((err: unknown) => notifications.show({ color: 'red', message: errorText(t, err) }))
          .finally(() => void qc.invalidateQueries({ queryKey: ['stations'] })),
    });

  return (
    <Paper withBorder p="md" radius="sm" data-testid="stations-panel">
      <Title order={5} mb={4}>
        {t('stations.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('stations.intro')}
      </Text>
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.length === 0 && <Text size="sm">{t('stations.empty')}</Text>}
      {q.data && q.data.length > 0 && (
        <Table verticalSpacing={6} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stations.name')}</Table.Th>
              <Table.Th>{t('stations.status')}</Table.Th>
              <Table.Th>{t('stations.lastSeen')}</Table.Th>
              <Table.Th>{t('stations.version')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((s) => (
              <Table.Tr key={s.id} data-testid={`station-row-${s.name}`} data-this={s.isThis}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={s.isThis ? 600 : 400}>
                      {s.name}
                    </Text>
                    {s.isThis && (
                      <Badge size="sm" variant="filled" data-testid="station-this">
                        {t('stations.thisStation')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <StationStatus s={s} />
                </Table.Td>
                <Table.Td>
                  <Tooltip label={fmtDateTime(s.lastSeenAt)}>
                    <Text size="sm">{fmtRelative(s.lastSeenAt)}</Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.appVersion}</Text>
                </Table.Td>
                <Table.Td>
                  {admin && s.isThis && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => setRenaming(s.name)}
                      data-testid="station-rename"
                    >
                      {t('stations.rename')}
                    </Button>
                  )}
                  {admin && !s.isThis && s.retiredAt === null && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => retire(s)}
                      data-testid={`station-retire-${s.name}`}
                    >
                      {t('stations.retire')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {admin && <ShopKeyShare />}
      {admin && key.data && !key.data.server && <StationMove />}
      {renaming !== null && <RenameStation current={renaming} onClose={() => setRenaming(null)} />}
    </Paper>
  );
}
