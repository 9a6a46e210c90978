import { useState } from 'react';
import {
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StaffRow } from '../../../main/api/contract';
import { ROLES } from '../../../main/api/permissions';
import { fieldErrors } from '../api/errors';
import { useStaffCall } from './staffApi';

export type StaffDialog = { kind: 'add' } | { kind: 'edit' | 'status' | 'reset'; row: StaffRow };

const digits = (v: string) => v.replace(/\D/g, '').slice(0, 8);
const done = (message: string) =>
  notifications.show({ color: 'teal', icon: <IconCheck size={16} />, message });

function Actions({
  onClose,
  label,
  color,
  testid,
}: {
  onClose(): void;
  label: string;
  color?: string;
  testid: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onClose}>
        {t('staff.cancel')}
      </Button>
      <Button type="submit" color={color} data-testid={testid}>
        {label}
      </Button>
    </Group>
  );
}

function AddForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const create = useStaffCall('staff.create');
  const form = useForm({
    initialValues: { name: '', role: 'counter' as StaffRow['role'], pin: '' },
  });
  const submit = form.onSubmit(async (v) => {
    try {
      const s = await create.run(v);
      done(t('staff.added', { name: s.name }));
      onClose();
    } catch (err) {
      form.setErrors(fieldErrors(err));
    }
  });
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t('staff.name')}
          autoFocus
          {...form.getInputProps('name')}
          data-testid="staff-form-name"
        />
        <Select
          label={t('staff.role')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          allowDeselect={false}
          {...form.getInputProps('role')}
          data-testid="staff-form-role"
        />
        <PasswordInput
          label={t('staff.oneTimePin')}
          description={t('staff.oneTimeHint')}
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps('pin')}
          onChange={(e) => form.setFieldValue('pin', digits(e.currentTarget.value))}
          data-testid="staff-form-pin"
        />
        <Actions onClose={onClose} label={t('staff.add')} testid="staff-form-submit" />
      </Stack>
    </form>
  );
}

function EditForm({ row, onClose }: { row: StaffRow; onClose(): void }) {
  const { t } = useTranslation();
  const update = useStaffCall('staff.update');
  const form = useForm({ initialValues: { name: row.name, role: row.role } });
  const submit = form.onSubmit(async (v) => {
    try {
      await update.run({ id: row.id, name: v.name, role: v.role, version: row.version });
      done(t('staff.saved'));
      onClose();
    } catch (err) {
      form.setErrors(fieldErrors(err));
    }
  });
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t('staff.name')}
          autoFocus
          {...form.getInputProps('name')}
          data-testid="staff-form-name"
        />
        <Select
          label={t('staff.role')}
          description={t('staff.roleHint')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          allowDeselect={false}
          {...form.getInputProps('role')}
          data-testid="staff-form-role"
        />
        <Actions onClose={onClose} label={t('staff.save')} testid="staff-form-submit" />
      </Stack>
    </form>
  );
}

function StatusForm({ row, onClose }: { row: StaffRow; onClose(): void }) {
  const { t } = useTranslation();
  const setActive = useStaffCall('staff.setActive');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<React.ReactNode>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await setActive.run({ id: row.id, active: !row.active, reason, version: row.version });
      done(t('staff.saved'));
      onClose();
    } catch (err) {
      setError(fieldErrors(err).reason ?? null);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack gap="sm">
        <Text size="sm">{row.active ? t('staff.deactivateHint') : t('staff.reactivateHint')}</Text>
        <Textarea
          label={t('staff.reason')}
          autoFocus
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          data-testid="staff-form-reason"
        />
        <Actions
          onClose={onClose}
          label={row.active ? t('staff.deactivate') : t('staff.reactivate')}
          color={row.active ? 'red' : undefined}
          testid="staff-form-submit"
        />
      </Stack>
    </form>
  );
}

function ResetForm({ row, onClose }: { row: StaffRow; onClose(): void }) {
  const { t } = useTranslation();
  const reset = useStaffCall('staff.resetPin');
  const form = useForm({ initialValues: { pin: '' } });
  const submit = form.onSubmit(async (v) => {
    try {
      await reset.run({ id: row.id, pin: v.pin });
      done(t('staff.resetDone', { name: row.name }));
      onClose();
    } catch (err) {
      form.setErrors(fieldErrors(err));
    }
  });
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('staff.resetHint')}</Text>
        <PasswordInput
          label={t('staff.oneTimePin')}
          description={t('staff.oneTimeHint')}
          autoFocus
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps('pin')}
          onChange={(e) => form.setFieldValue('pin', digits(e.currentTarget.value))}
          data-testid="staff-form-pin"
        />
        <Actions onClose={onClose} label={t('staff.resetPin')} testid="staff-form-submit" />
      </Stack>
    </form>
  );
}

/** One modal for every staff change; its title names the person and the change. */
export function StaffModal({ dialog, onClose }: { dialog: StaffDialog | null; onClose(): void }) {
  const { t } = useTranslation();
  const title = !dialog
    ? ''
    : dialog.kind === 'add'
      ? t('staff.addTitle')
      : dialog.kind === 'edit'
        ? t('staff.editTitle', { name: dialog.row.name })
        : dialog.kind === 'reset'
          ? t('staff.resetTitle', { name: dialog.row.name })
          : dialog.row.active
            ? t('staff.deactivateTitle', { name: dialog.row.name })
            : t('staff.reactivateTitle', { name: dialog.row.name });
  return (
    <Modal opened={!!dialog} onClose={onClose} title={title} size={420} data-testid="staff-modal">
      {dialog?.kind === 'add' && <AddForm onClose={onClose} />}
      {dialog?.kind === 'edit' && <EditForm row={dialog.row} onClose={onClose} />}
      {dialog?.kind === 'status' && <StatusForm row={dialog.row} onClose={onClose} />}
      {dialog?.kind === 'reset' && <ResetForm row={dialog.row} onClose={onClose} />}
    </Modal>
  );
}
