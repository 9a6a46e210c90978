import { useState } from 'react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../main/api/contract';
import { ErrorText } from '../../common/ErrorText';
import { fmtDateTime } from '../../common/format';
import { useBenchCall } from '../benchApi';
import { Panel } from './Panel';

/** Free notes on the ticket (they also appear on the timeline). */
export function NotesPanel({
  ticketId,
  timeline,
}: {
  ticketId: number;
  timeline: TimelineEvent[];
}) {
  const { t } = useTranslation();
  const add = useBenchCall('bench.note', { notifyErrors: false });
  const [note, setNote] = useState('');
  const notes = timeline.filter((e) => e.kind === 'note');
  const submit = () => {
    if (!note.trim()) return;
    void add
      .run({ ticketId, note: note.trim() })
      .then(() => setNote(''))
      .catch(() => undefined);
  };
  return (
    <Panel title={t('notes.title')} testId="notes-panel">
      <Stack gap={6}>
        {notes.map((n) => (
          <div key={n.id}>
            <Text size="sm">{n.note}</Text>
            <Text size="xs" c="dimmed">
              {n.staffName} · {fmtDateTime(n.at)}
            </Text>
          </div>
        ))}
        <Textarea
          size="xs"
          placeholder={t('notes.placeholder')}
          aria-label={t('notes.title')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          onKeyDown={getHotkeyHandler([['mod+Enter', submit]])}
          autosize
          minRows={1}
          data-testid="note-input"
        />
        {add.error && (
          <Text size="sm" c="red">
            <ErrorText err={add.error} />
          </Text>
        )}
        <Group justify="flex-end">
          <Button
            size="xs"
            variant="default"
            onClick={submit}
            loading={add.isPending}
            disabled={!note.trim()}
            data-testid="note-add"
          >
            {t('notes.add')}
          </Button>
        </Group>
      </Stack>
    </Panel>
  );
}
