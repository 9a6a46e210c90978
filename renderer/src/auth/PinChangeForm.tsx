import { useState } from 'react';
import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { pinProblem } from '../../../main/api/schemas/staff';
import { errorText, fieldErrors } from '../api/errors';
import { useSession } from './session';

const digits = (v: string) => v.replace(/\D/g, '').slice(0, 8);

/**
 * Old PIN, new PIN twice. The new one is checked here with the server's own rules (length,
 * 0000-style repeats, 1234-style runs) so the person hears why at once; the server checks
 * again and also refuses the previous PIN.
 */
export function PinChangeForm({
  oneTime,
  onDone,
  extra,
}: {
  oneTime: boolean;
  onDone?: () => void;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { changePin, pinRules } = useSession();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { oldPin: '', newPin: '', repeat: '' },
    validate: {
      oldPin: (v) => (v.length >= 4 ? null : t('errors.field.pin')),
      newPin: (v) => {
        const key = pinProblem(v, pinRules);
        return key ? t(key, { min: pinRules.minLength, max: pinRules.maxLength }) : null;
      },
      repeat: (v, all) => (v === all.newPin ? null : t('staff.pin.mismatch')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await changePin(v.oldPin, v.newPin);
      form.reset();
      onDone?.();
    } catch (err) {
      const fe = fieldErrors(err);
      if (Object.keys(fe).length) form.setErrors(fe);
      else setError(errorText(t, err));
      form.setFieldValue('oldPin', '');
    }
  });
  const pinInput = {
    inputMode: 'numeric' as const,
    autoComplete: 'off',
    maxLength: 8,
    visibilityToggleButtonProps: { tabIndex: -1 },
  };
  return (
    <form onSubmit={submit} data-testid="pin-change-form">
      <Stack gap="sm">
        <PasswordInput
          label={oneTime ? t('staff.pin.oneTimeCurrent') : t('staff.pin.current')}
          autoFocus
          {...pinInput}
          {...form.getInputProps('oldPin')}
          onChange={(e) => form.setFieldValue('oldPin', digits(e.currentTarget.value))}
          data-testid="pin-change-old"
        />
        <PasswordInput
          label={t('staff.pin.newPin')}
          {...pinInput}
          {...form.getInputProps('newPin')}
          onChange={(e) => form.setFieldValue('newPin', digits(e.currentTarget.value))}
          data-testid="pin-change-new"
        />
        <PasswordInput
          label={t('staff.pin.repeat')}
          {...pinInput}
          {...form.getInputProps('repeat')}
          onChange={(e) => form.setFieldValue('repeat', digits(e.currentTarget.value))}
          data-testid="pin-change-repeat"
        />
        <Text size="xs" c="dimmed">
          {t('staff.pin.rules', { min: pinRules.minLength, max: pinRules.maxLength })}
        </Text>
        {error && (
          <Alert
            color="red"
            icon={<IconAlertCircle size={16} />}
            py="xs"
            data-testid="pin-change-error"
          >
            {error}
          </Alert>
        )}
        <Group justify="space-between">
          {extra ?? <span />}
          <Button type="submit" loading={form.submitting} data-testid="pin-change-submit">
            {t('staff.pin.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
