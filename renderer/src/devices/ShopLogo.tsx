import { useState } from 'react';
import { Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhoto, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';
import { base64Of, redrawn } from '../photos/shrink';

/** The widest a receipt prints (80 mm paper, 576 dots): a bigger picture only costs bytes. */
const LOGO_EDGE = 576;

/** Settings → Devices: the logo printed at the top of receipts (setting `shop.logo`). */
export function ShopLogo() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  const q = useQuery({ queryKey: ['settings'], queryFn: () => call('settings.get', {}) });
  const logo = typeof q.data?.['shop.logo'] === 'string' ? q.data['shop.logo'] : '';

  const save = async (value: string, ok: string) => {
    setBusy(true);
    try {
      await call('settings.update', { key: 'shop.logo', value });
      notifications.show({ color: 'teal', message: ok });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(t, err) });
    } finally {
      setBusy(false);
      await qc.invalidateQueries({ queryKey: ['settings'] });
    }
  };

  const choose = async (file: File | null) => {
    if (!file) return;
    let png: string;
    try {
      png = `data:image/png;base64,${await base64Of(await redrawn(file, LOGO_EDGE, 'image/png'))}`;
    } catch {
      notifications.show({ color: 'red', message: t('hardware.logo.unreadable') });
      return;
    }
    await save(png, t('hardware.logo.saved'));
  };

  return (
    <Stack gap={4} mt="md" data-testid="shop-logo">
      <Text size="sm" fw={500}>
        {t('hardware.logo.title')}
      </Text>
      <Group gap="md" align="center">
        {logo ? (
          <Image
            src={logo}
            alt={t('hardware.logo.title')}
            h={48}
            w="auto"
            fit="contain"
            data-testid="shop-logo-image"
          />
        ) : (
          <Text size="xs" c="dimmed">
            {t('hardware.logo.none')}
          </Text>
        )}
        {can('settings.write') && (
          <Group gap={4}>
            <FileButton onChange={(f) => void choose(f)} accept="image/png,image/jpeg">
              {(props) => (
                <Button
                  {...props}
                  size="compact-xs"
                  variant="light"
                  loading={busy}
                  leftSection={<IconPhoto size={12} />}
                  data-testid="shop-logo-choose"
                >
                  {t('hardware.logo.choose')}
                </Button>
              )}
            </FileButton>
            {logo && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={12} />}
                onClick={() => void save('', t('hardware.logo.removed'))}
              >
                {t('hardware.logo.remove')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('hardware.logo.hint')}
      </Text>
    </Stack>
  );
}
