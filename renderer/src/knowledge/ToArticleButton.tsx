import { useState } from 'react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBook2 } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { ArticleEditor, type EditorSeed } from './ArticleEditor';

/** "Turn this ticket's resolution into an article": a draft from the diagnosis and the work
 * done, opened in the editor for the technician to tidy up. */
export function ToArticleButton({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const [seed, setSeed] = useState<EditorSeed>(null);
  const draft = useMutation({
    mutationFn: () => call('kb.fromTicket', { ticketId }),
    onSuccess: (d) => setSeed({ draft: d }),
    onError: (err) => notifications.show({ color: 'red', message: err.message }),
  });
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconBook2 size={14} />}
        loading={draft.isPending}
        onClick={() => draft.mutate()}
        data-testid="kb-to-article"
      >
        {t('reports.kb.toArticle')}
      </Button>
      {seed && <ArticleEditor seed={seed} onClose={() => setSeed(null)} />}
    </>
  );
}
