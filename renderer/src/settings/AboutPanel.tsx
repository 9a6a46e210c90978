import { Alert, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconDatabase } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../api/errors';

/** Settings → About: which database this station works on (never a password), so whoever
 * supports the shop knows where its data is. */
export function AboutPanel() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['system.database'],
    queryFn: () => call('system.database', {}),
    staleTime: Infinity,
  });
  return (
    <Paper withBorder p="md" radius="sm" data-testid="about-panel">
      <Title order={5} mb="xs">
        {t('engine.title')}
      </Title>
      <Stack gap={4}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconDatabase size={16} style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm" fw={500} style={{ flexShrink: 0 }}>
            {t('engine.database')}
          </Text>
          {q.isError ? (
            <Alert color="red" py={4} data-testid="about-database-error">
              {errorText(t, q.error)}
            </Alert>
          ) : q.data ? (
            <Text
              size="sm"
              data-testid="about-database"
              data-engine={q.data.engine}
              style={{ wordBreak: 'break-all' }}
            >
              {t(`engine.${q.data.engine}`, { where: q.data.where })}
            </Text>
          ) : (
            <Skeleton height={16} width={320} />
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('engine.dataFolderHint')}
        </Text>
      </Stack>
    </Paper>
  );
}
