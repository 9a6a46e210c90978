import { Button, Group, Modal, Stack, TagsInput, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { KbArticleDto, KbDraft } from '../../../main/api/contract';
import { ErrorText } from '../common/ErrorText';
import { useKbSave } from './kbApi';

export type EditorSeed = { article?: KbArticleDto; draft?: KbDraft } | null;

interface Values {
  title: string;
  symptoms: string;
  cause: string;
  steps: string;
  models: string[];
  tags: string[];
}

function initial(seed: EditorSeed): Values {
  const a = seed?.article ?? seed?.draft;
  return {
    title: a?.title ?? '',
    symptoms: a?.symptoms ?? '',
    cause: a?.cause ?? '',
    steps: (a?.steps ?? []).join('\n'),
    models: a?.models ?? [],
    tags: a?.tags ?? [],
  };
}

/** New article, an edit, or a draft from a ticket's resolution. Keyed by the caller so each
 * opening starts from its seed. */
export function ArticleEditor({
  seed,
  onClose,
}: {
  seed: EditorSeed;
  onClose: (saved?: KbArticleDto) => void;
}) {
  const { t } = useTranslation();
  const save = useKbSave();
  const form = useForm<Values>({
    initialValues: initial(seed),
    validate: {
      title: (v) => (v.trim() ? null : t('errors.field.required')),
      symptoms: (v) => (v.trim() ? null : t('errors.field.required')),
      steps: (v) => (v.trim() ? null : t('errors.field.required')),
    },
  });
  const submit = form.onSubmit((v) =>
    save.mutate(
      {
        id: seed?.article?.id,
        version: seed?.article?.version,
        sourceTicketId: seed?.draft?.sourceTicketId,
        title: v.title,
        symptoms: v.symptoms,
        cause: v.cause,
        steps: v.steps
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        models: v.models,
        tags: v.tags,
      },
      {
        onSuccess: (a) => {
          notifications.show({ color: 'teal', message: t('reports.kb.saved') });
          onClose(a);
        },
      },
    ),
  );
  return (
    <Modal
      opened={seed !== null}
      onClose={() => onClose()}
      title={seed?.article ? t('reports.kb.edit') : t('reports.kb.newArticle')}
      size="lg"
    >
      <form onSubmit={submit} data-testid="kb-editor">
        <Stack gap="sm">
          <TextInput
            label={t('reports.kb.title')}
            data-autofocus
            {...form.getInputProps('title')}
            data-testid="kb-title"
          />
          <Textarea
            label={t('reports.kb.symptoms')}
            autosize
            minRows={2}
            {...form.getInputProps('symptoms')}
            data-testid="kb-symptoms"
          />
          <Textarea
            label={t('reports.kb.cause')}
            autosize
            minRows={1}
            {...form.getInputProps('cause')}
          />
          <Textarea
            label={t('reports.kb.steps')}
            autosize
            minRows={3}
            {...form.getInputProps('steps')}
            data-testid="kb-steps"
          />
          <TagsInput label={t('reports.kb.models')} {...form.getInputProps('models')} />
          <TagsInput label={t('reports.kb.tags')} {...form.getInputProps('tags')} />
          {save.error && <ErrorText err={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="kb-save">
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
