import { useState } from 'react';
import {
  Autocomplete,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PartDto } from '../../../main/api/contract';
import { partSaveSchema } from '../../../main/api/schemas/inventory';
import { call } from '../api/client';
import { toCents } from '../common/format';
import { FormActions } from './FormActions';
import { invKeys, useInvCall } from './inventoryApi';
import { schemaErrors, serverErrors } from './formErrors';
import { MoneyInput } from '../common/MoneyInput';

interface Values {
  sku: string;
  barcodes: string[];
  name: string;
  category: string;
  models: string[];
  bin: string;
  cost: number | string;
  price: number | string;
  reorderPoint: number | string;
  reorderQty: number | string;
  supplierId: string | null;
  serialTracked: boolean;
  active: boolean;
}

const RENAME = { costCents: 'cost', priceCents: 'price' };
const int = (v: number | string) => (v === '' ? Number.NaN : Number(v));

function initial(p: PartDto | null): Values {
  return {
    sku: p?.sku ?? '',
    barcodes: p?.barcodes ?? [],
    name: p?.name ?? '',
    category: p?.category ?? '',
    models: p?.modelList ?? [],
    bin: p?.bin ?? '',
    cost: p ? p.costCents / 100 : '',
    price: p ? p.priceCents / 100 : '',
    reorderPoint: p?.reorderPoint ?? 0,
    reorderQty: p?.reorderQty ?? 0,
    supplierId: p?.supplierId ? String(p.supplierId) : null,
    serialTracked: p?.serialTracked ?? false,
    active: p?.active ?? true,
  };
}

export const useSuppliers = () =>
  useQuery({ queryKey: invKeys.suppliers, queryFn: () => call('suppliers.list', {}) });

/**
 * Create or edit a catalogue part. Checked in the browser with the server's own schema, then
 * by the server (unique SKU and barcodes); every error lands on its field, translated.
 * The caller keys it per part so each opening starts from that part.
 */
export function PartForm({
  part,
  onClose,
  onSaved,
}: {
  part: PartDto | null;
  onClose(): void;
  onSaved?(p: PartDto): void;
}) {
  const { t } = useTranslation();
  const save = useInvCall('parts.save', { notifyErrors: false });
  const facets = useQuery({ queryKey: invKeys.facets, queryFn: () => call('parts.facets', {}) });
  const suppliers = useSuppliers();
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<Values>({ initialValues: initial(part) });

  const submit = () => {
    const v = form.getValues();
    const payload = {
      id: part?.id,
      version: part?.version,
      sku: v.sku,
      barcodes: v.barcodes,
      name: v.name,
      category: v.category,
      models: v.models,
      bin: v.bin,
      costCents: v.cost === '' ? Number.NaN : toCents(v.cost),
      priceCents: v.price === '' ? Number.NaN : toCents(v.price),
      reorderPoint: int(v.reorderPoint),
      reorderQty: int(v.reorderQty),
      supplierId: v.supplierId ? Number(v.supplierId) : null,
      serialTracked: v.serialTracked,
      active: v.active,
    };
    setFailure(null);
    const local = schemaErrors(partSaveSchema, payload, RENAME);
    form.setErrors(local);
    if (Object.keys(local).length > 0) return;
    save.run(payload).then(
      (saved) => {
        notifications.show({
          color: 'teal',
          message: t(part ? 'inventory.form.saved' : 'inventory.form.created', { sku: saved.sku }),
        });
        onSaved?.(saved);
        onClose();
      },
      (err: unknown) => {
        const fields = serverErrors(err, RENAME);
        form.setErrors(fields);
        if (Object.keys(fields).length === 0) setFailure(err);
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size={820}
      title={part ? t('inventory.form.editPart') : t('inventory.form.newPart')}
    >
      {/* noValidate: our translated messages, not the browser's own bubbles. */}
      <form
        noValidate
        data-testid="part-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={getHotkeyHandler([['mod+Enter', submit]])}
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t('inventory.sku')}
              required
              data-autofocus
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...form.getInputProps('sku')}
              data-testid="part-form-sku"
            />
            <TextInput
              label={t('inventory.name')}
              required
              {...form.getInputProps('name')}
              data-testid="part-form-name"
            />
          </Group>
          <TagsInput
            label={t('inventory.barcodes')}
            description={t('inventory.form.barcodesHint')}
            clearable
            {...form.getInputProps('barcodes')}
            data-testid="part-form-barcodes"
          />
          <SimpleGrid cols={3}>
            <Autocomplete
              label={t('inventory.category')}
              required
              data={facets.data?.categories ?? []}
              {...form.getInputProps('category')}
              data-testid="part-form-category"
            />
            <Autocomplete
              label={t('inventory.bin')}
              required
              data={facets.data?.bins ?? []}
              {...form.getInputProps('bin')}
              data-testid="part-form-bin"
            />
            <Select
              label={t('inventory.supplier')}
              placeholder={t('inventory.form.noSupplier')}
              clearable
              searchable
              data={(suppliers.data ?? [])
                .filter((s) => s.active || String(s.id) === form.getValues().supplierId)
                .map((s) => ({ value: String(s.id), label: s.name }))}
              {...form.getInputProps('supplierId')}
              data-testid="part-form-supplier"
            />
          </SimpleGrid>
          <TagsInput
            label={t('inventory.models')}
            description={t('inventory.form.modelsHint')}
            clearable
            {...form.getInputProps('models')}
            data-testid="part-form-models"
          />
          <SimpleGrid cols={4}>
            <MoneyInput
              label={t('inventory.cost')}
              required
              {...form.getInputProps('cost')}
              data-testid="part-form-cost"
            />
            <MoneyInput
              label={t('inventory.price')}
              required
              {...form.getInputProps('price')}
              data-testid="part-form-price"
            />
            <NumberInput
              label={t('inventory.reorderPoint')}
              min={0}
              allowDecimal={false}
              {...form.getInputProps('reorderPoint')}
              data-testid="part-form-reorder-point"
            />
            <NumberInput
              label={t('inventory.reorderQty')}
              min={0}
              allowDecimal={false}
              {...form.getInputProps('reorderQty')}
              data-testid="part-form-reorder-qty"
            />
          </SimpleGrid>
          <Group gap="xl">
            <Switch
              label={t('inventory.serialTracked')}
              description={part ? t('inventory.form.serialLocked') : undefined}
              {...form.getInputProps('serialTracked', { type: 'checkbox' })}
              data-testid="part-form-serial"
            />
            <Switch
              label={t('inventory.form.active')}
              {...form.getInputProps('active', { type: 'checkbox' })}
              data-testid="part-form-active"
            />
          </Group>
          <FormActions
            onCancel={onClose}
            label={t('inventory.save')}
            loading={save.isPending}
            failure={failure}
            testId="part-form-save"
          />
        </Stack>
      </form>
    </Modal>
  );
}
