import { Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHourglassLow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** An honest placeholder for screens a later issue builds. */
export function LaterRelease({ screen }: { screen: string }) {
  const { t } = useTranslation();
  return (
    <Center h="60vh" data-testid={`later-${screen}`}>
      <Paper withBorder p="xl" radius="md" maw={480}>
        <Stack align="center" gap="sm" ta="center">
          <ThemeIcon size={48} radius="xl" variant="light" color="gray">
            <IconHourglassLow size={26} />
          </ThemeIcon>
          <Title order={4}>{t('later.title', { screen: t(`nav.${screen}`) })}</Title>
          <Text size="sm" c="dimmed">
            {t('later.body')}
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
