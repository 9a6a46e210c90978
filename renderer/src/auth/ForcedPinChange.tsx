import { Alert, Box, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PinChangeForm } from './PinChangeForm';
import { SignedOutHeader } from './SignedOutHeader';
import { useSession } from './session';

/** After signing in with a one-time PIN (the bootstrap Admin/0000, a new person, a reset):
 * nothing else is shown, because the backend answers nothing else until the PIN is set. */
export function ForcedPinChange() {
  const { t } = useTranslation();
  const { staff, signOut, firstRun } = useSession();
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <SignedOutHeader />
      <Center mt={24} px="md">
        <Paper withBorder shadow="sm" p="xl" radius="md" w={440} data-testid="pin-change-ready">
          <Stack gap="md">
            <Group gap="sm">
              <IconKey size={24} color="var(--mantine-color-orange-6)" />
              <div>
                <Title order={3}>{t('staff.pin.title')}</Title>
                <Text size="sm" c="dimmed">
                  {staff?.name} · {staff ? t(`roles.${staff.role}`) : ''}
                </Text>
              </div>
            </Group>
            <Alert color="orange" data-testid="pin-change-why">
              {firstRun ? t('staff.pin.firstRun') : t('staff.pin.oneTime')}
            </Alert>
            <PinChangeForm
              oneTime
              extra={
                <Button
                  variant="subtle"
                  color="gray"
                  leftSection={<IconLogout size={16} />}
                  onClick={() => void signOut()}
                  data-testid="pin-change-sign-out"
                >
                  {t('staff.pin.signOut')}
                </Button>
              }
            />
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
