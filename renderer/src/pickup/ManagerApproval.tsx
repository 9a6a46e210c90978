import type { ReactNode } from 'react';
import { PasswordInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useManagers } from './pickupApi';

/**
 * Who approves and their PIN, typed at the counter (discounts, refunds). A wrong PIN counts
 * toward that manager's sign-in lockout; the error comes back on `approval.pin`.
 */
export function ManagerApprovalFields({
  managerId,
  onManager,
  pin,
  onPin,
  error,
  labelled,
}: {
  managerId: string | null;
  onManager: (id: string | null) => void;
  pin: string;
  onPin: (pin: string) => void;
  error?: ReactNode;
  /** Small fields with labels above (a case card); else placeholders (the pickup desk). */
  labelled?: boolean;
}) {
  const { t } = useTranslation();
  const managers = useManagers();
  const text = (key: string) =>
    labelled ? { label: t(key) } : { placeholder: t(key), 'aria-label': t(key) };
  return (
    <>
      <Select
        w={labelled ? 150 : 180}
        size={labelled ? 'xs' : undefined}
        {...text('pickup.desk.manager')}
        data={(managers.data ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
        value={managerId}
        onChange={onManager}
        data-testid="manager-select"
      />
      <PasswordInput
        w={labelled ? 110 : 140}
        size={labelled ? 'xs' : undefined}
        {...text('pickup.desk.pin')}
        value={pin}
        onChange={(e) => onPin(e.currentTarget.value)}
        error={error}
        data-testid="manager-pin"
      />
    </>
  );
}
