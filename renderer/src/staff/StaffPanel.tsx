import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconLockOpen, IconUserPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { StaffRow } from '../../../main/api/contract';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';
import { fmtDateTime } from '../common/format';
import { StaffModal, type StaffDialog } from './StaffForms';
import { useStaffCall, useStaffRows } from './staffApi';

function Status({ row }: { row: StaffRow }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      {row.active ? (
        <Badge color="teal" variant="light">
          {t('staff.active')}
        </Badge>
      ) : (
        <Tooltip label={row.statusReason ?? ''} disabled={!row.statusReason}>
          <Badge color="gray" variant="light">
            {t('staff.inactive')}
          </Badge>
        </Tooltip>
      )}
      {row.mustChangePin && row.active && (
        <Badge color="orange" variant="light">
          {t('staff.mustChange')}
        </Badge>
      )}
      {row.lockedUntil && (
        <Badge color="red" variant="light">
          {t('staff.lockedUntil', { time: fmtDateTime(row.lockedUntil).slice(11) })}
        </Badge>
      )}
    </Group>
  );
}

/** Settings → Staff: admins add, edit, deactivate and reset PINs; managers see the list and
 * unlock people locked out by wrong PINs. Nobody is ever deleted. */
export function StaffPanel() {
  const { t } = useTranslation();
  const { can } = useSession();
  const rows = useStaffRows();
  const unlock = useStaffCall('staff.unlock');
  const [dialog, setDialog] = useState<StaffDialog | null>(null);
  const manage = can('staff.manage');

  return (
    <Paper withBorder p="md" radius="sm" data-testid="staff-panel">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('staff.title')}</Title>
        {manage && (
          <Button
            leftSection={<IconUserPlus size={16} />}
            onClick={() => setDialog({ kind: 'add' })}
            data-testid="staff-add"
          >
            {t('staff.add')}
          </Button>
        )}
      </Group>
      {!manage && (
        <Alert color="gray" mb="sm" py="xs" data-testid="staff-read-only">
          {t('staff.readOnly')}
        </Alert>
      )}
      {rows.isError && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} mb="sm">
          {errorText(t, rows.error)}
        </Alert>
      )}
      <DataTable
        withTableBorder
        striped
        minHeight={120}
        records={rows.data ?? []}
        fetching={rows.isFetching}
        idAccessor="id"
        noRecordsText={t('staff.none')}
        data-testid="staff-list"
        customRowAttributes={(r) => ({ 'data-testid': `staff-row-${r.name}` })}
        columns={[
          {
            accessor: 'name',
            title: t('staff.name'),
            render: (r) => (
              <Text size="sm" fw={600} c={r.active ? undefined : 'dimmed'}>
                {r.name}
              </Text>
            ),
          },
          {
            accessor: 'role',
            title: t('staff.role'),
            width: 130,
            render: (r) => t(`roles.${r.role}`),
          },
          { accessor: 'status', title: t('staff.status'), render: (r) => <Status row={r} /> },
          {
            accessor: 'lastSignInAt',
            title: t('staff.lastSignIn'),
            width: 150,
            render: (r) => (r.lastSignInAt ? fmtDateTime(r.lastSignInAt) : t('staff.never')),
          },
          {
            accessor: 'actions',
            title: t('staff.actions'),
            textAlign: 'right',
            width: 330,
            render: (r) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                {r.lockedUntil && can('staff.unlock') && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="red"
                    leftSection={<IconLockOpen size={14} />}
                    onClick={() =>
                      void unlock.run({ id: r.id }).then(
                        () => undefined,
                        () => undefined,
                      )
                    }
                    data-testid={`staff-unlock-${r.name}`}
                  >
                    {t('staff.unlock')}
                  </Button>
                )}
                {manage && (
                  <>
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => setDialog({ kind: 'edit', row: r })}
                      data-testid={`staff-edit-${r.name}`}
                    >
                      {t('staff.edit')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => setDialog({ kind: 'reset', row: r })}
                      data-testid={`staff-reset-${r.name}`}
                    >
                      {t('staff.resetPin')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant={r.active ? 'light' : 'default'}
                      color={r.active ? 'red' : undefined}
                      onClick={() => setDialog({ kind: 'status', row: r })}
                      data-testid={`staff-status-${r.name}`}
                    >
                      {r.active ? t('staff.deactivate') : t('staff.reactivate')}
                    </Button>
                  </>
                )}
              </Group>
            ),
          },
        ]}
      />
      <StaffModal dialog={dialog} onClose={() => setDialog(null)} />
    </Paper>
  );
}
