import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { SupplierDto } from '../../../main/api/contract';
import { supplierSaveSchema } from '../../../main/api/schemas/inventory';
import { useSession } from '../auth/session';
import { ErrorText } from '../common/ErrorText';
import { FormActions } from './FormActions';
import { schemaErrors, serverErrors } from './formErrors';
import { useInvCall } from './inventoryApi';
import { useSuppliers } from './PartForm';
import { tableEmptyText } from '../common/QueryState';

interface Values {
  name: string;
  phone: string;
  email: string;
  leadDays: number | string;
  active: boolean;
}

/** Add or edit one supplier (name unique; a stale edit is refused by version). */
function SupplierForm({ supplier, onClose }: { supplier: SupplierDto | null; onClose(): void }) {
  const { t } = useTranslation();
  const save = useInvCall('suppliers.save', { notifyErrors: false });
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: {
      name: supplier?.name ?? '',
      phone: supplier?.phone ?? '',
      email: supplier?.email ?? '',
      leadDays: supplier?.leadDays ?? 3,
      active: supplier?.active ?? true,
    },
  });
  const submit = form.onSubmit((v) => {
    const payload = {
      id: supplier?.id,
      version: supplier?.version,
      name: v.name,
      phone: v.phone || undefined,
      email: v.email || undefined,
      leadDays: v.leadDays === '' ? Number.NaN : Number(v.leadDays),
      active: v.active,
    };
    setFailure(null);
    const local = schemaErrors(supplierSaveSchema, payload);
    form.setErrors(local);
    if (Object.keys(local).length > 0) return;
    save.run(payload).then(
      (s) => {
        notifications.show({
          color: 'teal',
          message: t('inventory.suppliers.saved', { name: s.name }),
        });
        onClose();
      },
      (err: unknown) => {
        const fields = serverErrors(err);
        // "Name taken" comes as a top-level key: show it on the name field.
        if (Object.keys(fields).length === 0) setFailure(err);
        form.setErrors(fields);
      },
    );
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={supplier ? t('inventory.suppliers.edit') : t('inventory.suppliers.add')}
    >
      <form noValidate onSubmit={submit} data-testid="supplier-form">
        <Stack gap="sm">
          <TextInput
            label={t('inventory.suppliers.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
            error={form.errors.name ?? (failure ? <ErrorText err={failure} /> : undefined)}
            data-testid="supplier-form-name"
          />
          <Group grow>
            <TextInput label={t('inventory.suppliers.phone')} {...form.getInputProps('phone')} />
            <TextInput label={t('inventory.suppliers.email')} {...form.getInputProps('email')} />
          </Group>
          <Group grow align="flex-end">
            <NumberInput
              label={t('inventory.suppliers.leadDays')}
              min={0}
              max={365}
              allowDecimal={false}
              {...form.getInputProps('leadDays')}
            />
            <Switch
              label={t('inventory.suppliers.active')}
              mb={8}
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          </Group>
          <FormActions
            onCancel={onClose}
            label={t('inventory.save')}
            loading={save.isPending}
            testId="supplier-form-save"
          />
        </Stack>
      </form>
    </Modal>
  );
}

/** The suppliers the shop buys from: list, add, edit (purchasing staff). */
export function SuppliersTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const list = useSuppliers();
  const [editing, setEditing] = useState<SupplierDto | 'new' | null>(null);
  const buying = can('purchasing');
  return (
    <Stack gap="xs">
      {buying && (
        <Group>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing('new')}
            data-testid="supplier-add"
          >
            {t('inventory.suppliers.add')}
          </Button>
        </Group>
      )}
      <DataTable
        withTableBorder
        striped
        highlightOnHover={buying}
        minHeight={160}
        records={list.data ?? []}
        fetching={list.isFetching}
        idAccessor="id"
        noRecordsText={tableEmptyText(t, list, t('inventory.suppliers.none'))}
        onRowClick={buying ? ({ record }) => setEditing(record) : undefined}
        data-testid="supplier-list"
        columns={[
          {
            accessor: 'name',
            title: t('inventory.suppliers.name'),
            render: (s) => (
              <Text size="sm" fw={600} data-testid={`supplier-row-${s.id}`}>
                {s.name}
              </Text>
            ),
          },
          { accessor: 'phone', title: t('inventory.suppliers.phone'), width: 160 },
          { accessor: 'email', title: t('inventory.suppliers.email'), width: 240, ellipsis: true },
          {
            accessor: 'leadDays',
            title: t('inventory.suppliers.leadDays'),
            width: 180,
            noWrap: true,
            textAlign: 'right',
          },
          {
            accessor: 'active',
            title: t('inventory.suppliers.active'),
            width: 100,
            render: (s) =>
              s.active ? (
                <Badge size="sm" variant="light" color="teal">
                  {t('app.yes')}
                </Badge>
              ) : (
                <Badge size="sm" variant="light" color="gray">
                  {t('inventory.inactive')}
                </Badge>
              ),
          },
        ]}
      />
      {editing !== null && (
        <SupplierForm
          key={editing === 'new' ? 'new' : editing.id}
          supplier={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
