import { Alert, Badge, Button, Group, Kbd, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconRepeat } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { IntakeResult } from '../../../main/api/contract';
import { PRIORITY_COLORS, fmtDateTime } from '../common/format';
import { PrintJobCard } from '../print/PrintPreview';
import { WarrantyBadge } from '../tickets/badges';
import classes from './Intake.module.css';

export function SuccessPanel({ result, onNext, onOpen }: { result: IntakeResult; onNext(): void; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const tk = result.ticket;
  return (
    <Stack gap="md" data-testid="intake-success">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="xs" c="teal">
              <IconCircleCheck size={22} />
              <Title order={4}>{t('intake.savedTitle')}</Title>
            </Group>
            <Text size="xs" c="dimmed">
              {t('intake.ticketNumber')}
            </Text>
            <Text className={classes.ticketNumber} data-testid="ticket-number" onClick={() => onOpen(tk.id)} style={{ cursor: 'pointer' }}>
              {tk.number}
            </Text>
            <Text size="sm">
              {tk.customerName} · {tk.customerPhone} · {tk.deviceLabel}
            </Text>
            <Group gap={6}>
              <WarrantyBadge warranty={tk.warranty} until={null} />
              <Badge variant="light" color={PRIORITY_COLORS[tk.priority]}>
                {t(`priority.${tk.priority}`)}
              </Badge>
              {tk.isRepeat && (
                <Badge color="red" leftSection={<IconRepeat size={12} />}>
                  {t('warranty.repeatShort')}
                </Badge>
              )}
              <Text size="sm" c="dimmed">
                {t('warranty.promised', { when: fmtDateTime(tk.promisedAt) })}
              </Text>
            </Group>
          </Stack>
          <Button size="md" onClick={onNext} data-testid="next-walk-in" autoFocus rightSection={<Kbd size="xs">Esc</Kbd>}>
            {t('intake.nextWalkIn')}
          </Button>
        </Group>
        {result.replayed && (
          <Alert color="yellow" mt="sm" py="xs">
            {t('intake.replayed')}
          </Alert>
        )}
      </Paper>
      <Title order={5}>{t('intake.printJobs')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="print-previews">
        {result.printJobs.map((j) => (
          <PrintJobCard key={j.id} job={j} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
