import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { fmtDate } from '../common/format';
import { ArticleEditor, type EditorSeed } from './ArticleEditor';
import { ArticleView } from './ArticleView';
import { useKbSearch } from './kbApi';
import { QueryState } from '../common/QueryState';

/** Known faults and their fixes, searchable in Chinese and English, by model and symptom. */
export function KnowledgeBase() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [q, setQ] = useState('');
  const [model, setModel] = useState('');
  const [openId, setOpenId] = useState<number | null>(null);
  const [seed, setSeed] = useState<EditorSeed>(null);
  const [editorKey, setEditorKey] = useState(0);
  const hits = useKbSearch(q, model);
  const edit = (s: EditorSeed) => {
    setEditorKey((k) => k + 1);
    setSeed(s);
  };
  return (
    <Stack gap="sm" data-testid="knowledge-base">
      <Group align="end">
        <TextInput
          label={t('reports.kb.search')}
          placeholder={t('reports.kb.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: 1 }}
          data-autofocus
          data-testid="kb-search"
        />
        <TextInput
          label={t('reports.kb.model')}
          value={model}
          onChange={(e) => setModel(e.currentTarget.value)}
          w={200}
          data-testid="kb-model"
        />
        {can('kb.write') && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => edit({})}
            data-testid="kb-new"
          >
            {t('reports.kb.newArticle')}
          </Button>
        )}
      </Group>
      <QueryState query={hits} empty={t('reports.kb.noResults')}>
        {(rows) => (
          <Stack gap={6} data-testid="kb-results">
            {rows.map((h) => (
              <UnstyledButton key={h.id} onClick={() => setOpenId(h.id)} data-testid="kb-hit">
                <Paper withBorder p="xs" radius="sm">
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={600} size="sm" truncate>
                      {h.title}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      {h.modelMatch && (
                        <Badge size="sm" color="teal" radius="sm">
                          {t('reports.kb.modelMatch')}
                        </Badge>
                      )}
                      {h.models.slice(0, 3).map((m) => (
                        <Badge key={m} size="sm" variant="light" radius="sm">
                          {m}
                        </Badge>
                      ))}
                      <Text size="xs" c="dimmed">
                        {fmtDate(h.updatedAt)}
                      </Text>
                    </Group>
                  </Group>
                  <Text size="sm" c="dimmed" lineClamp={2}>
                    {h.symptoms}
                  </Text>
                </Paper>
              </UnstyledButton>
            ))}
          </Stack>
        )}
      </QueryState>
      <ArticleView
        id={openId}
        onClose={() => setOpenId(null)}
        onEdit={(a) => edit({ article: a })}
      />
      <ArticleEditor
        key={editorKey}
        seed={seed}
        onClose={(saved) => {
          setSeed(null);
          if (saved) setOpenId(saved.id);
        }}
      />
    </Stack>
  );
}
