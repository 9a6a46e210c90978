import { useState } from 'react';
import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ArticleEditor, type EditorSeed } from './ArticleEditor';
import { ArticleView } from './ArticleView';
import { useKbSuggest } from './kbApi';

/**
 * Known fixes for what is on screen (intake: the model and problem being typed; bench: the
 * ticket): matching articles, and past repairs of the same model and symptom with their cause.
 */
export function KbSuggestions(props: {
  brand?: string;
  model?: string;
  problem?: string;
  ticketId?: number;
}) {
  const { t } = useTranslation();
  const q = useKbSuggest(props);
  const [openId, setOpenId] = useState<number | null>(null);
  const [seed, setSeed] = useState<EditorSeed>(null);
  const s = q.data;
  if (!s) return null;
  const empty = !s.articles.length && !s.tickets.length;
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="kb-suggestions">
      <Group gap={6} mb={4}>
        <IconBulb size={16} color="var(--mantine-color-yellow-7)" />
        <Text size="sm" fw={600}>
          {t('reports.kb.suggestions')}
        </Text>
      </Group>
      {empty && (
        <Text size="xs" c="dimmed">
          {t('reports.kb.noSuggestions')}
        </Text>
      )}
      <Stack gap={4}>
        {s.articles.map((a) => (
          <UnstyledButton
            key={a.id}
            onClick={() => setOpenId(a.id)}
            data-testid="kb-suggested-article"
          >
            <Group gap={6} wrap="nowrap">
              {a.modelMatch && (
                <Badge size="xs" color="teal" radius="sm">
                  {t('reports.kb.modelMatch')}
                </Badge>
              )}
              <Text size="sm" truncate c="blue.7">
                {a.title}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
        {s.tickets.length > 0 && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('reports.kb.similar')}
          </Text>
        )}
        {s.tickets.map((tk) => (
          <div key={tk.id} data-testid="kb-similar-ticket">
            <Text size="sm">
              <b>{tk.number}</b> · {tk.deviceLabel} · {tk.problem}
            </Text>
            <Text size="xs" c="dimmed">
              {t('reports.kb.resolvedBy', { cause: tk.cause })}
              {tk.plan.length ? ` · ${tk.plan.map((p) => t(`plan.${p}`)).join(', ')}` : ''}
            </Text>
          </div>
        ))}
      </Stack>
      <ArticleView
        id={openId}
        onClose={() => setOpenId(null)}
        onEdit={(a) => setSeed({ article: a })}
      />
      <ArticleEditor key={seed?.article?.id ?? 0} seed={seed} onClose={() => setSeed(null)} />
    </Paper>
  );
}
