import { useState } from 'react';
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** Asks why (hold, cancel) before a move that needs a reason. Ctrl+Enter confirms. */
export function ReasonModal({
  title,
  opened,
  busy,
  onConfirm,
  onClose,
}: {
  title: string;
  opened: boolean;
  busy: boolean;
  onConfirm(reason: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    if (!reason.trim()) {
      setError(t('errors.reasonRequired'));
      return;
    }
    onConfirm(reason.trim());
    setReason('');
    setError(null);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} data-testid="reason-modal">
      <Stack gap="sm">
        <Textarea
          label={t('bench.reason')}
          required
          autoFocus
          data-autofocus
          value={reason}
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
          onKeyDown={getHotkeyHandler([['mod+Enter', confirm]])}
          autosize
          minRows={2}
          data-testid="reason-input"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button onClick={confirm} loading={busy} data-testid="reason-confirm">
            {t('app.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
