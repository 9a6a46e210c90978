import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRestore, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** "Draft restored": the form came back from this person's draft; discard starts over. */
export function DraftNote({ when, onDiscard }: { when: string; onDiscard(): void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="blue"
      variant="light"
      py={6}
      mb="sm"
      icon={<IconRestore size={16} />}
      title={t('draft.restored')}
      data-testid="draft-restored"
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{t('draft.restoredNote', { when })}</Text>
        <Button
          size="xs"
          variant="default"
          color="red"
          style={{ flexShrink: 0 }}
          leftSection={<IconTrash size={14} />}
          onClick={onDiscard}
          data-testid="draft-discard"
        >
          {t('draft.discard')}
        </Button>
      </Group>
    </Alert>
  );
}

/** The device is already in the shop on an open ticket: open that one, or save a second on purpose. */
export function DuplicateWarning({
  ticket,
  onOpen,
  onContinue,
}: {
  ticket: { id: number; number: string; status: string };
  onOpen(): void;
  onContinue(): void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle size={16} />}
      title={t('intakeMore.dupTitle')}
      data-testid="duplicate-warning"
    >
      <Text size="sm" mb={6}>
        {t('intakeMore.dupBody', { number: ticket.number, status: t(`status.${ticket.status}`) })}
      </Text>
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={onOpen} data-testid="duplicate-open">
          {t('intakeMore.dupOpen', { number: ticket.number })}
        </Button>
        <Button size="xs" color="orange" onClick={onContinue} data-testid="duplicate-continue">
          {t('intakeMore.dupContinue')}
        </Button>
      </Group>
    </Alert>
  );
}
