import { useState } from 'react';
import {
  Alert,
  Avatar,
  Button,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconLock, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { staffBadge } from '../../../main/api/schemas/staff';
import { errorText } from '../api/errors';
import { useScanClaim } from '../scan/scanBus';
import { useSession } from './session';

/**
 * Drawn over the work, never instead of it: the screens under it stay mounted, so a
 * half-typed form is there after the unlock. The backdrop hides it from the next person, and
 * the modal keeps keyboard focus out of it. "Switch user" signs out (a draft kept per person
 * stays with its owner).
 */
export function LockScreen() {
  const { t } = useTranslation();
  const { staff, unlock, signOut } = useSession();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // While locked, a scan (serial or keyboard wedge) must not act on the screen underneath.
  useScanClaim(() => true);
  if (!staff) return null;
  const badge = staffBadge(staff.name);

  const submit = async () => {
    if (busy || pin.length < 4) return;
    setBusy(true);
    setError(null);
    try {
      await unlock(pin);
    } catch (err) {
      setError(errorText(t, err));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      centered
      size={380}
      overlayProps={{ backgroundOpacity: 0.75, blur: 14 }}
      zIndex={1000}
      data-testid="lock-screen"
    >
      <Stack gap="md" align="center" py="sm">
        <Group gap="xs">
          <IconLock size={22} color="var(--mantine-color-orange-6)" />
          <Title order={3}>{t('staff.lock.title')}</Title>
        </Group>
        <Group gap="sm">
          <Avatar color={badge.colour} radius="xl">
            {badge.initials}
          </Avatar>
          <div>
            <Text fw={600}>{staff.name}</Text>
            <Text size="xs" c="dimmed">
              {t(`roles.${staff.role}`)}
            </Text>
          </div>
        </Group>
        <Text size="sm" c="dimmed" ta="center">
          {t('staff.lock.hint', { name: staff.name })}
        </Text>
        <PasswordInput
          w={216}
          size="lg"
          autoFocus
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 8))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void submit();
          }}
          error={!!error}
          disabled={busy}
          visibilityToggleButtonProps={{ tabIndex: -1 }}
          styles={{ input: { textAlign: 'center', letterSpacing: 6, fontWeight: 700 } }}
          aria-label={t('staff.lock.pinFor', { name: staff.name })}
          data-testid="lock-pin"
        />
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={16} />} py="xs" data-testid="lock-error">
            {error}
          </Alert>
        )}
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconUsers size={16} />}
            onClick={() => void signOut()}
            data-testid="lock-switch-user"
          >
            {t('staff.lock.switchUser')}
          </Button>
          <Button
            onClick={() => void submit()}
            loading={busy}
            disabled={pin.length < 4}
            data-testid="lock-unlock"
          >
            {t('staff.lock.unlock')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
