import type { RefObject } from 'react';
import {
  Checkbox,
  Chip,
  Group,
  Input,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ACCESSORIES, CATEGORIES, EXCLUSIONS, PRIORITIES, SERVICE_MODES } from '../../../main/api/schemas/common';
import { PROBLEM_MAX } from '../../../main/api/schemas/intake';
import { FIELD } from './enterAdvance';
import type { IntakeValues } from './intakeForm';
import { MoneyInput } from '../common/MoneyInput';

type Ticket = IntakeValues['ticket'];

export function TicketSection({
  form,
  problemRef,
}: {
  form: UseFormReturnType<IntakeValues>;
  problemRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslation();
  const tk = form.values.ticket;
  return (
    <Stack gap="sm">
      <Textarea
        ref={problemRef}
        label={t('intake.problem')}
        placeholder={t('intake.problemPlaceholder')}
        withAsterisk
        autosize
        minRows={2}
        maxRows={6}
        maxLength={PROBLEM_MAX}
        {...FIELD}
        data-testid="ticket-problem"
        {...form.getInputProps('ticket.problem')}
        description={
          <Text span size="xs" c={tk.problem.length >= PROBLEM_MAX ? 'red' : 'dimmed'} data-testid="problem-count">
            {t('intakeMore.problemCount', { count: tk.problem.length, max: PROBLEM_MAX })}
          </Text>
        }
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        styles={{ description: { textAlign: 'right' } }}
      />
      <Checkbox
        label={t('intake.backupAck')}
        {...FIELD}
        data-testid="ticket-backup-ack"
        {...form.getInputProps('ticket.backupAck', { type: 'checkbox' })}
      />
      <Group gap="lg" align="flex-end" wrap="wrap">
        <Input.Wrapper label={t('intake.category')}>
          <SegmentedControl
            size="xs"
            display="flex"
            {...FIELD}
            data-testid="ticket-category"
            value={tk.category}
            onChange={(v) => form.setFieldValue('ticket.category', v as Ticket['category'])}
            data={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          />
        </Input.Wrapper>
        <Input.Wrapper label={t('intake.priority')}>
          <SegmentedControl
            size="xs"
            display="flex"
            {...FIELD}
            data-testid="ticket-priority"
            color={tk.priority === 'emergency' ? 'red' : tk.priority === 'urgent' ? 'orange' : undefined}
            value={tk.priority}
            onChange={(v) => form.setFieldValue('ticket.priority', v as Ticket['priority'])}
            data={PRIORITIES.map((p) => ({
              value: p,
              label:
                p === 'emergency' ? (
                  <Text size="xs" fw={700} c={tk.priority === 'emergency' ? undefined : 'red'} span>
                    {t('priority.emergency')}
                  </Text>
                ) : (
                  t(`priority.${p}`)
                ),
            }))}
          />
        </Input.Wrapper>
        <Select
          label={t('intake.serviceMode')}
          allowDeselect={false}
          w={180}
          data={SERVICE_MODES.map((m) => ({ value: m, label: t(`serviceMode.${m}`) }))}
          {...FIELD}
          data-testid="ticket-service-mode"
          {...form.getInputProps('ticket.serviceMode')}
        />
      </Group>
      {tk.priority === 'emergency' && (
        <Group gap={6} c="red">
          <IconAlertTriangle size={16} />
          <Text size="sm" fw={600}>
            {t('intake.emergencyNote')}
          </Text>
        </Group>
      )}
      <Input.Wrapper label={t('intake.accessories')}>
        <Chip.Group multiple value={tk.accessories} onChange={(v) => form.setFieldValue('ticket.accessories', v as Ticket['accessories'])}>
          <Group gap={6} mt={4}>
            {ACCESSORIES.map((a) => (
              <Chip key={a} value={a} size="xs" variant="outline" data-testid={`accessory-${a}`}>
                {t(`accessory.${a}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('intake.conditionNotes')}
          {...FIELD}
          data-testid="ticket-condition"
          {...form.getInputProps('ticket.conditionNotes')}
        />
        <PasswordInput
          label={t('intake.passcode')}
          description={t('intake.passcodeHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          autoComplete="off"
          {...FIELD}
          data-testid="ticket-passcode"
          {...form.getInputProps('ticket.passcode')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('intake.exclusion')}
          allowDeselect={false}
          data={EXCLUSIONS.map((x) => ({ value: x, label: t(`exclusion.${x}`) }))}
          {...FIELD}
          data-testid="ticket-exclusion"
          {...form.getInputProps('ticket.exclusion')}
        />
        <MoneyInput
          label={t('intake.estimate')}
          fixedDecimalScale
          {...FIELD}
          data-testid="ticket-estimate"
          {...form.getInputProps('ticket.estimate')}
        />
        <MoneyInput
          label={t('intake.deposit')}
          fixedDecimalScale
          {...FIELD}
          data-testid="ticket-deposit"
          {...form.getInputProps('ticket.deposit')}
        />
      </SimpleGrid>
    </Stack>
  );
}
