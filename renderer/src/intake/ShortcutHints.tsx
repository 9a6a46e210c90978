import { Group, Kbd, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ShortcutHints() {
  const { t } = useTranslation();
  const rows: Array<[string[], string]> = [
    [['Enter'], t('intake.kbNext')],
    [['Ctrl', 'Enter'], t('intake.kbSave')],
    [['Alt', 'N'], t('intake.kbNewCustomer')],
    [['Ctrl', 'K'], t('intake.kbSearch')],
    [['Esc'], t('intake.kbReset')],
  ];
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="shortcut-hints">
      <Title order={6} mb={6}>
        {t('intake.shortcuts')}
      </Title>
      <Stack gap={4}>
        {rows.map(([keys, label]) => (
          <Group key={label} justify="space-between" wrap="nowrap">
            <Text size="xs">{label}</Text>
            <Group gap={2} wrap="nowrap">
              {keys.map((k) => (
                <Kbd key={k} size="xs">
                  {k}
                </Kbd>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
