import { useState, type ReactNode } from 'react';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrors } from '../../api/errors';

/**
 * The save of a Settings → Messages panel: one write, then the panel's queries re-read and a
 * "saved" note; a refusal lands on its fields (or the form's alert) and the draft stays as typed.
 * `formProps` makes the panel a form, so Enter saves.
 */
export function useSettingsSave(opts: {
  write: () => Promise<unknown>;
  invalidate: ReadonlyArray<readonly unknown[]>;
  savedText: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, ReactNode>>({});
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      await opts.write();
      for (const queryKey of opts.invalidate) await qc.invalidateQueries({ queryKey });
      notifications.show({ color: 'teal', message: opts.savedText });
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(Object.keys(fe).length ? fe : { form: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  };
  const formProps = {
    component: 'form' as const,
    onSubmit: (e: { preventDefault(): void }) => {
      e.preventDefault();
      void save();
    },
    'data-testid': opts.testId,
  };
  return { errors, busy, formProps };
}
