import { Badge, Button, Drawer, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { KbArticleDto } from '../../../main/api/contract';
import { useSession } from '../auth/session';
import { fmtDateTime } from '../common/format';
import { useKbArticle } from './kbApi';

/** One article: symptoms, cause, the steps that fix it. */
export function ArticleView({
  id,
  onClose,
  onEdit,
}: {
  id: number | null;
  onClose: () => void;
  onEdit: (a: KbArticleDto) => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const q = useKbArticle(id);
  const a = q.data;
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={a?.title}
      data-testid="kb-article"
    >
      {q.isLoading && <Loader size="sm" />}
      {a && (
        <Stack gap="sm">
          <Group gap={4}>
            {a.models.map((m) => (
              <Badge key={m} variant="light" radius="sm">
                {m}
              </Badge>
            ))}
            {a.tags.map((tag) => (
              <Badge key={tag} variant="outline" color="gray" radius="sm">
                {tag}
              </Badge>
            ))}
          </Group>
          <div>
            <Text size="xs" c="dimmed">
              {t('reports.kb.symptoms')}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{a.symptoms}</Text>
          </div>
          {a.cause && (
            <div>
              <Text size="xs" c="dimmed">
                {t('reports.kb.cause')}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{a.cause}</Text>
            </div>
          )}
          <Title order={6}>{t('reports.kb.stepsHeading')}</Title>
          <List type="ordered" spacing={4}>
            {a.steps.map((s, i) => (
              <List.Item key={i}>{s}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            {t('reports.kb.author', { name: a.author, when: fmtDateTime(a.updatedAt) })}
            {a.sourceTicket
              ? ` · ${t('reports.kb.fromTicket', { number: a.sourceTicket.number })}`
              : ''}
          </Text>
          {can('kb.write') && (
            <Group>
              <Button
                variant="default"
                leftSection={<IconEdit size={16} />}
                onClick={() => onEdit(a)}
                data-testid="kb-edit"
              >
                {t('reports.kb.edit')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
