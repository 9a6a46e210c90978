import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Avatar,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconBackspace, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PickerStaff } from '../../../main/api/contract';
import { ApiCallError, call } from '../api/client';
import { errorText } from '../api/errors';
import { SignedOutHeader } from './SignedOutHeader';
import { useSession } from './session';

/** PINs are 4 to 8 digits (the shared schema); Enter submits. */
const PIN_MAX = 8;
/** Pad buttons leave focus in the PIN field, so Enter still submits. */
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

function PinPad({ staff, onBack }: { staff: PickerStaff; onBack(): void }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  const submit = async (value = pin) => {
    if (busy || value.length < 4) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(staff.name, value);
    } catch (err) {
      let text = errorText(t, err);
      const left = err instanceof ApiCallError ? err.body.details?.params?.attemptsLeft : undefined;
      if (typeof left === 'number') text += ` ${t('signin.attemptsLeft', { count: left })}`;
      setError(text);
      setPin('');
      setBusy(false);
      // Back in the (cleared) PIN field, so the person just types again and presses Enter.
      requestAnimationFrame(() => pinRef.current?.focus());
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  const press = (d: string) => setPin((p) => (p.length < PIN_MAX ? p + d : p));

  return (
    <Stack gap="md" align="center" data-testid="pin-pad">
      <Group gap="sm">
        <Avatar color={staff.colour} radius="xl">
          {staff.initials}
        </Avatar>
        <div>
          <Text fw={600}>{t('signin.pinFor', { name: staff.name })}</Text>
          <Text size="xs" c="dimmed">
            {t(`roles.${staff.role}`)}
          </Text>
        </div>
      </Group>
      <PasswordInput
        w={216}
        size="lg"
        autoFocus
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_MAX}
        value={pin}
        onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, PIN_MAX))}
        ref={pinRef}
        error={!!error}
        // readOnly, not disabled: a disabled field drops focus, and the retype went nowhere.
        readOnly={busy}
        visibilityToggleButtonProps={{ tabIndex: -1 }}
        styles={{ input: { textAlign: 'center', letterSpacing: 6, fontWeight: 700 } }}
        data-testid="pin-input"
        aria-label={t('signin.pinFor', { name: staff.name })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void submit();
        }}
      />
      {error && (
        <Alert color="red" icon={<IconAlertCircle size={16} />} py="xs" data-testid="signin-error">
          {error}
        </Alert>
      )}
      <SimpleGrid cols={3} spacing="xs" w={216}>
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <Button
            key={d}
            variant="default"
            size="md"
            onClick={() => press(d)}
            tabIndex={-1}
            onMouseDown={keepFocus}
          >
            {d}
          </Button>
        ))}
        <Button
          variant="subtle"
          size="md"
          onClick={() => setPin('')}
          tabIndex={-1}
          onMouseDown={keepFocus}
          aria-label={t('signin.clear')}
          title={t('signin.clear')}
        >
          <IconX size={18} />
        </Button>
        <Button
          variant="default"
          size="md"
          onClick={() => press('0')}
          tabIndex={-1}
          onMouseDown={keepFocus}
        >
          0
        </Button>
        <Button
          variant="subtle"
          size="md"
          onClick={() => setPin((p) => p.slice(0, -1))}
          tabIndex={-1}
          onMouseDown={keepFocus}
          aria-label="Backspace"
        >
          <IconBackspace size={18} />
        </Button>
      </SimpleGrid>
      <Group gap="xs">
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          {t('signin.back')}
        </Button>
        <Button
          onClick={() => void submit()}
          loading={busy}
          disabled={pin.length < 4}
          data-testid="signin-submit"
        >
          {t('signin.submit')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" ta="center" maw={300}>
        {t('signin.pinHint')}
      </Text>
    </Stack>
  );
}

export function SignIn() {
  const { t } = useTranslation();
  const { endedReason } = useSession();
  const [chosen, setChosen] = useState<PickerStaff | null>(null);
  // Asked afresh on every visit: people deactivated meanwhile must not be offered.
  const staffQ = useQuery({
    queryKey: ['auth.staff'],
    queryFn: () => call('auth.staff', {}),
    refetchOnMount: 'always',
  });

  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <SignedOutHeader />
      <Center mt={40} px="md">
        <Paper withBorder shadow="sm" p="xl" radius="md" w={520} data-testid="signin-ready">
          {endedReason && (
            <Alert
              color="orange"
              icon={<IconAlertCircle size={16} />}
              mb="md"
              data-testid="signin-ended"
            >
              {t(`staff.ended.${endedReason}`)}
            </Alert>
          )}
          {chosen ? (
            <PinPad staff={chosen} onBack={() => setChosen(null)} />
          ) : (
            <Stack gap="md">
              <div>
                <Title order={3}>{t('signin.title')}</Title>
                <Text size="sm" c="dimmed">
                  {t('signin.subtitle')}
                </Text>
              </div>
              {staffQ.isError && (
                <Alert color="red" icon={<IconAlertCircle size={16} />}>
                  {errorText(t, staffQ.error)}
                </Alert>
              )}
              {staffQ.data && staffQ.data.length === 0 && (
                <Text c="dimmed">{t('signin.noStaff')}</Text>
              )}
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
                {(staffQ.data ?? []).map((s, i) => (
                  <UnstyledButton
                    key={s.name}
                    onClick={() => setChosen(s)}
                    data-testid={`staff-${s.name}`}
                    autoFocus={i === 0}
                    style={{ borderRadius: 'var(--mantine-radius-md)' }}
                  >
                    <Paper withBorder p="sm" radius="md" className="staff-card">
                      <Group gap="sm" wrap="nowrap">
                        <Avatar color={s.colour} radius="xl" size="md">
                          {s.initials}
                        </Avatar>
                        <div style={{ minWidth: 0 }}>
                          {/* Long names wrap (two lines at most, whole name on hover). */}
                          <Text
                            size="sm"
                            fw={600}
                            lineClamp={2}
                            title={s.name}
                            style={{ wordBreak: 'break-word' }}
                          >
                            {s.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t(`roles.${s.role}`)}
                          </Text>
                        </div>
                      </Group>
                    </Paper>
                  </UnstyledButton>
                ))}
              </SimpleGrid>
            </Stack>
          )}
        </Paper>
      </Center>
    </Box>
  );
}
