import { useState, type ReactNode } from 'react';
import { Modal, NumberInput, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { PartDetail } from '../../../main/api/contract';
import { FormActions } from './FormActions';
import { serverErrors } from './formErrors';
import { useInvCall } from './inventoryApi';

/** Reason field, error banner and submit button: what both returns ask for. */
function ReturnForm({
  title,
  onClose,
  onSubmit,
  busy,
  failure,
  errors,
  reason,
  setReason,
  disabled,
  testId,
  children,
}: {
  title: string;
  onClose(): void;
  onSubmit(): void;
  busy: boolean;
  failure: unknown;
  errors: Record<string, ReactNode>;
  reason: string;
  setReason(v: string): void;
  disabled: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title}>
      <form
        noValidate
        data-testid={testId}
        onSubmit={(e) => {
          e.preventDefault();
          if (!disabled) onSubmit();
        }}
      >
        <Stack gap="sm">
          {children}
          <TextInput
            label={t('inventory.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            data-testid={`${testId}-reason`}
          />
          <FormActions
            onCancel={onClose}
            label={title}
            loading={busy}
            disabled={disabled || !reason.trim()}
            failure={Object.keys(errors).length === 0 ? failure : null}
            testId={`${testId}-submit`}
          />
        </Stack>
      </form>
    </Modal>
  );
}

/** A part fitted on a ticket comes back: sound → on the shelf, faulty → set aside for the supplier. */
export function ReturnToStockModal({ d, onClose }: { d: PartDetail; onClose(): void }) {
  const { t } = useTranslation();
  const back = useInvCall('ticketParts.returnToStock', { notifyErrors: false });
  const [lineId, setLineId] = useState<string | null>(
    d.fitted.length === 1 ? String(d.fitted[0].id) : null,
  );
  const [sound, setSound] = useState('sound');
  const [reason, setReason] = useState('');
  const line = d.fitted.find((f) => String(f.id) === lineId);
  return (
    <ReturnForm
      title={t('inventory.returns.toStock')}
      testId="return-stock"
      onClose={onClose}
      busy={back.isPending}
      failure={back.error}
      errors={back.error ? serverErrors(back.error) : {}}
      reason={reason}
      setReason={setReason}
      disabled={!line}
      onSubmit={() =>
        line &&
        back
          .run({ id: line.id, version: line.version, sound: sound === 'sound', reason })
          .then(() => {
            notifications.show({ color: 'teal', message: t('inventory.returns.doneStock') });
            onClose();
          })
          .catch(() => undefined)
      }
    >
      {d.fitted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('inventory.returns.noneFitted')}
        </Text>
      ) : (
        <Select
          label={t('inventory.returns.line')}
          data-autofocus
          data={d.fitted.map((f) => ({
            value: String(f.id),
            label: [
              t('inventory.returns.lineLabel', { ticket: f.ticketNumber, qty: f.qty }),
              f.serial,
            ]
              .filter(Boolean)
              .join(' · '),
          }))}
          value={lineId}
          onChange={setLineId}
          data-testid="return-stock-line"
        />
      )}
      {/* Radios, not a segmented control: both choices are sentences and must stay readable. */}
      <Radio.Group value={sound} onChange={setSound} data-testid="return-stock-sound">
        <Stack gap={6}>
          <Radio value="sound" label={t('inventory.returns.sound')} />
          <Radio value="faulty" label={t('inventory.returns.faulty')} />
        </Stack>
      </Radio.Group>
    </ReturnForm>
  );
}

/** Goods go back to the supplier: a number of a plain part, or the chosen serial units. */
export function ReturnToSupplierModal({ d, onClose }: { d: PartDetail; onClose(): void }) {
  const { t } = useTranslation();
  const send = useInvCall('stock.returnToSupplier', { notifyErrors: false });
  const tracked = d.part.serialTracked;
  const units = d.units.filter((u) => u.state === 'in_stock' || u.state === 'returned');
  const [serials, setSerials] = useState<string[]>([]);
  const [qty, setQty] = useState<number | string>(1);
  const [reason, setReason] = useState('');
  const count = tracked ? serials.length : Number(qty) || 0;
  const errors = send.error ? serverErrors(send.error) : {};
  return (
    <ReturnForm
      title={t('inventory.returns.toSupplier')}
      testId="return-supplier"
      onClose={onClose}
      busy={send.isPending}
      failure={send.error}
      errors={errors}
      reason={reason}
      setReason={setReason}
      disabled={count < 1}
      onSubmit={() =>
        send
          .run({
            partId: d.part.id,
            qty: count,
            reason,
            serials: tracked ? serials : undefined,
          })
          .then(() => {
            notifications.show({ color: 'teal', message: t('inventory.returns.doneSupplier') });
            onClose();
          })
          .catch(() => undefined)
      }
    >
      {tracked ? (
        units.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('inventory.returns.noUnits')}
          </Text>
        ) : (
          <Select
            label={t('inventory.returns.unit')}
            data-autofocus
            searchable
            data={units.map((u) => ({
              value: u.serial,
              label: `${u.serial} · ${t(`inventory.unitState.${u.state}`)}`,
            }))}
            value={serials[0] ?? null}
            onChange={(v) => setSerials(v ? [v] : [])}
            error={errors.serials}
            data-testid="return-supplier-unit"
          />
        )
      ) : (
        <NumberInput
          label={t('inventory.returns.qty')}
          data-autofocus
          min={1}
          allowDecimal={false}
          value={qty}
          onChange={setQty}
          error={errors.qty}
          data-testid="return-supplier-qty"
        />
      )}
    </ReturnForm>
  );
}
