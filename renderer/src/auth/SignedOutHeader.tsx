import { Group, Text } from '@mantine/core';
import { IconTool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch, ThemeToggle } from '../common/Toggles';

/** The bar above the screens before work starts (sign-in, set your PIN): the app's name, and
 * language and theme, which a person may want before they sign in. */
export function SignedOutHeader() {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" p="md">
      <Group gap="xs">
        <IconTool size={22} color="var(--mantine-color-teal-6)" />
        <Text fw={700}>{t('app.title')}</Text>
      </Group>
      <Group gap="xs">
        <LanguageSwitch />
        <ThemeToggle />
      </Group>
    </Group>
  );
}
