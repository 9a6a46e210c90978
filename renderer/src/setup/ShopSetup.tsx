import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys } from '@mantine/hooks';
import { IconPrinter } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../common/Toggles';
import { ErrorText } from '../common/ErrorText';

function useShopSettings(enabled: boolean) {
  return useQuery({
    queryKey: ['settings'],
    queryFn: () => call('settings.get', {}),
    enabled,
  });
}

/**
 * A shop that never entered its address or phone has not been set up: the admin who may change
 * settings is offered the first-run step (shop.name has a default, so it is never empty);
 * null while the settings are still on their way.
 */
export function useNeedsShopSetup(): boolean | null {
  const { can } = useSession();
  const allowed = can('settings.write');
  const q = useShopSettings(allowed);
  if (!allowed || q.isError) return false;
  // Not known yet: the shell waits rather than flash a screen the setup then replaces.
  if (!q.data) return null;
  return !q.data['shop.address'] && !q.data['shop.phone'];
}

interface Values {
  name: string;
  address: string;
  phone: string;
  taxPercent: number | string;
  taxInclusive: boolean;
  printLanguage: string;
}

/** The first-run step: the shop's name and contacts, tax, languages, and a way to the printers. */
export function ShopSetup({ onDone, onPrinters }: { onDone(): void; onPrinters(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useShopSettings(true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const s = q.data ?? {};
  const form = useForm<Values>({
    initialValues: {
      name: typeof s['shop.name'] === 'string' ? s['shop.name'] : '',
      address: '',
      phone: '',
      taxPercent: typeof s['tax.rateBp'] === 'number' ? s['tax.rateBp'] / 100 : 13,
      taxInclusive: s['tax.inclusive'] === true,
      printLanguage: s['print.language'] === 'zh' ? 'zh' : 'en',
    },
    validate: {
      name: (v) => (v.trim() ? null : t('setup.required')),
      phone: (v) => (v.trim() ? null : t('setup.required')),
      taxPercent: (v) => (typeof v === 'number' && v >= 0 && v <= 100 ? null : t('setup.taxRange')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const updates: Array<[string, unknown]> = [
        ['shop.name', v.name.trim()],
        ['shop.address', v.address.trim()],
        ['shop.phone', v.phone.trim()],
        ['tax.rateBp', Math.round(Number(v.taxPercent) * 100)],
        ['tax.inclusive', v.taxInclusive],
        ['print.language', v.printLanguage],
      ];
      for (const [key, value] of updates) await call('settings.update', { key, value });
      await qc.invalidateQueries({ queryKey: ['settings'] });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  useHotkeys([['mod+Enter', () => void submit()]], [], true);
  if (!q.data) return null;
  return (
    <Paper withBorder p="lg" radius="sm" maw={640} data-testid="shop-setup">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <div>
            <Title order={3}>{t('setup.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('setup.subtitle')}
            </Text>
          </div>
          <TextInput
            label={t('setup.name')}
            withAsterisk
            data-autofocus
            autoFocus
            {...form.getInputProps('name')}
            data-testid="setup-name"
          />
          <TextInput
            label={t('setup.address')}
            {...form.getInputProps('address')}
            data-testid="setup-address"
          />
          <TextInput
            label={t('setup.phone')}
            withAsterisk
            {...form.getInputProps('phone')}
            data-testid="setup-phone"
          />
          <Group align="flex-end" gap="lg">
            <NumberInput
              label={t('setup.tax')}
              suffix=" %"
              min={0}
              max={100}
              decimalScale={2}
              w={160}
              {...form.getInputProps('taxPercent')}
              data-testid="setup-tax"
            />
            <Switch
              label={t('setup.taxInclusive')}
              mb={8}
              {...form.getInputProps('taxInclusive', { type: 'checkbox' })}
              data-testid="setup-tax-inclusive"
            />
          </Group>
          <Group gap="lg" align="flex-end">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('setup.screenLanguage')}
              </Text>
              <LanguageSwitch />
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('setup.printLanguage')}
              </Text>
              <SegmentedControl
                size="xs"
                data={[
                  { value: 'en', label: 'English' },
                  { value: 'zh', label: '简体中文' },
                ]}
                {...form.getInputProps('printLanguage')}
                data-testid="setup-print-language"
              />
            </Stack>
          </Group>
          {error !== null && (
            <Alert color="red" variant="light">
              <ErrorText err={error} />
            </Alert>
          )}
          <Group justify="space-between">
            <Button
              variant="subtle"
              leftSection={<IconPrinter size={16} />}
              onClick={onPrinters}
              data-testid="setup-printers"
            >
              {t('setup.printers')}
            </Button>
            <Group gap="xs">
              <Button variant="default" onClick={onDone} data-testid="setup-later">
                {t('setup.later')}
              </Button>
              <Button type="submit" loading={busy} data-testid="setup-save">
                {t('setup.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
