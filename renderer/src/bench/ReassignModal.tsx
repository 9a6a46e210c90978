import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../api/errors';
import { ErrorText } from '../common/ErrorText';
import { useBenchCall, useStaffList } from './benchApi';

export interface AssignTarget {
  id: number;
  number: string;
  version: number;
  assignedTo: { id: number; name: string } | null;
}

/** A manager moves a ticket to another technician; a reason is required once someone has it. */
export function ReassignModal({
  target,
  onClose,
}: {
  target: AssignTarget | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const staff = useStaffList();
  const assign = useBenchCall('bench.assign', { notifyErrors: false });
  const [staffId, setStaffId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const needsReason = target?.assignedTo !== null && target?.assignedTo !== undefined;
  const errors = assign.error ? fieldErrors(assign.error) : {};
  const options = (staff.data ?? [])
    .filter((s) => s.role === 'technician' || s.role === 'manager')
    .map((s) => ({ value: String(s.id), label: `${s.name} · ${t(`roles.${s.role}`)}` }));

  const close = () => {
    setStaffId(null);
    setReason('');
    assign.reset();
    onClose();
  };
  const submit = async () => {
    if (!target) return;
    try {
      await assign.run({
        id: target.id,
        version: target.version,
        staffId: staffId ? Number(staffId) : null,
        reason: reason.trim() || undefined,
      });
      close();
    } catch {
      /* shown below */
    }
  };

  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={t('bench.reassignTitle', { number: target?.number ?? '' })}
      data-testid="reassign-modal"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('bench.currentAssignee', { name: target?.assignedTo?.name ?? t('bench.unassigned') })}
        </Text>
        <Select
          label={t('bench.assignTo')}
          data={options}
          value={staffId}
          onChange={setStaffId}
          searchable
          clearable
          placeholder={t('bench.unassigned')}
          data-testid="reassign-staff"
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label={t('bench.reason')}
          required={needsReason}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          autosize
          minRows={2}
          data-testid="reassign-reason"
        />
        {assign.error && !errors.reason && (
          <Text size="sm" c="red">
            <ErrorText err={assign.error} />
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('app.cancel')}
          </Button>
          <Button
            onClick={() => void submit()}
            loading={assign.isPending}
            data-testid="reassign-save"
          >
            {t('bench.reassign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
