import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MessageRulesDto } from '../../../../main/api/contract-messages';
import { OUTBOX_TEMPLATES, RULE_CHANNELS } from '../../../../main/api/schemas/messages';
import { call } from '../../api/client';
import { QueryState } from '../../common/QueryState';
import { useSettingsSave } from './useSettingsSave';
import { templateName } from '../messageText';

const RULES_KEY = ['messageRules'];

/** Which event sends which template on which channel, quiet hours and the not-collected delay. */
export function RulesPanel({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: RULES_KEY, queryFn: () => call('messageRules.get', {}) });
  return (
    <QueryState query={q} empty={t('msg.empty')}>
      {(rules) => <RulesForm key={JSON.stringify(rules)} saved={rules} editable={editable} />}
    </QueryState>
  );
}

type Rule = MessageRulesDto['rules'][number];

function RulesForm({ saved, editable }: { saved: MessageRulesDto; editable: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(saved);
  const { errors, busy, formProps } = useSettingsSave({
    write: () => call('messageRules.update', draft),
    invalidate: [RULES_KEY],
    savedText: t('msgSettings.rules.saved'),
    testId: 'message-rules',
  });
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call('settings.get', {}) });
  const zone = (settings.data as Record<string, unknown> | undefined)?.['shop.timeZone'];
  const setRule = (i: number, patch: Partial<Rule>) =>
    setDraft((d) => ({ ...d, rules: d.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  return (
    <Stack gap="sm" {...formProps}>
      <Table verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>{t('msgSettings.rules.enabled')}</Table.Th>
            <Table.Th>{t('msgSettings.rules.event')}</Table.Th>
            <Table.Th>{t('msgSettings.rules.template')}</Table.Th>
            <Table.Th>{t('msgSettings.rules.channel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.rules.map((r, i) => (
            <Table.Tr key={r.event} data-testid={`rule-${r.event}`}>
              <Table.Td>
                <Switch
                  checked={r.enabled}
                  disabled={!editable}
                  onChange={(e) => setRule(i, { enabled: e.currentTarget.checked })}
                  aria-label={t(`msgSettings.rules.events.${r.event}`)}
                  data-testid={`rule-enabled-${r.event}`}
                />
              </Table.Td>
              <Table.Td>{t(`msgSettings.rules.events.${r.event}`)}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  allowDeselect={false}
                  disabled={!editable}
                  value={r.template}
                  onChange={(v) => v && setRule(i, { template: v as Rule['template'] })}
                  data={OUTBOX_TEMPLATES.map((x) => ({ value: x, label: templateName(t, x) }))}
                  aria-label={t('msgSettings.rules.template')}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  allowDeselect={false}
                  disabled={!editable}
                  value={r.channel}
                  onChange={(v) => v && setRule(i, { channel: v as Rule['channel'] })}
                  data={RULE_CHANNELS.map((c) => ({
                    value: c,
                    label:
                      c === 'preferred' ? t('msgSettings.rules.preferred') : t(`msg.channel.${c}`),
                  }))}
                  aria-label={t('msgSettings.rules.channel')}
                  data-testid={`rule-channel-${r.event}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <TextInput
          w={110}
          label={t('msgSettings.rules.quietFrom')}
          value={draft.quietFrom}
          disabled={!editable}
          onChange={(e) => setDraft({ ...draft, quietFrom: e.currentTarget.value })}
          error={errors.quietFrom}
          placeholder="21:00"
          data-testid="rules-quiet-from"
        />
        <TextInput
          w={110}
          label={t('msgSettings.rules.quietTo')}
          value={draft.quietTo}
          disabled={!editable}
          onChange={(e) => setDraft({ ...draft, quietTo: e.currentTarget.value })}
          error={errors.quietTo}
          placeholder="08:00"
          data-testid="rules-quiet-to"
        />
        <Stack gap={0} pt={24} style={{ flex: 1 }}>
          <Text size="sm" fw={500}>
            {t('msgSettings.rules.quietTitle')}
          </Text>
          <Text size="xs" c="dimmed" data-testid="rules-quiet-zone">
            {t('msgSettings.rules.quietHint', {
              // Empty: the shop keeps this computer's zone (Settings → shop time zone).
              zone: typeof zone === 'string' && zone ? zone : t('msgSettings.rules.zoneComputer'),
            })}
          </Text>
        </Stack>
      </Group>
      <SimpleGrid cols={3} spacing="sm">
        <NumberInput
          label={t('msgSettings.rules.notCollectedDays')}
          value={draft.notCollectedDays}
          disabled={!editable}
          min={1}
          max={365}
          allowDecimal={false}
          onChange={(v) => setDraft({ ...draft, notCollectedDays: Number(v) })}
          error={errors.notCollectedDays}
          data-testid="rules-not-collected"
        />
        <NumberInput
          label={t('msgSettings.rules.afterPickupHours')}
          value={draft.afterPickupHours}
          disabled={!editable}
          min={0}
          max={168}
          allowDecimal={false}
          onChange={(v) => setDraft({ ...draft, afterPickupHours: Number(v) })}
          error={errors.afterPickupHours}
          data-testid="rules-after-pickup"
        />
        <Select
          label={t('msgSettings.rules.defaultLanguage')}
          allowDeselect={false}
          disabled={!editable}
          value={draft.defaultLanguage}
          onChange={(v) => v && setDraft({ ...draft, defaultLanguage: v as 'en' | 'zh' })}
          data={[
            { value: 'en', label: 'English' },
            { value: 'zh', label: '简体中文' },
          ]}
          data-testid="rules-default-language"
        />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label={`${t('msgSettings.rules.hours')} · English`}
          value={draft.hours.en}
          disabled={!editable}
          onChange={(e) =>
            setDraft({ ...draft, hours: { ...draft.hours, en: e.currentTarget.value } })
          }
          error={errors['hours.en']}
        />
        <TextInput
          label={`${t('msgSettings.rules.hours')} · 简体中文`}
          value={draft.hours.zh}
          disabled={!editable}
          onChange={(e) =>
            setDraft({ ...draft, hours: { ...draft.hours, zh: e.currentTarget.value } })
          }
          error={errors['hours.zh']}
        />
      </SimpleGrid>
      {(errors.form ?? errors.rules) && <Alert color="red">{errors.form ?? errors.rules}</Alert>}
      {editable && (
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="rules-save">
            {t('msgSettings.rules.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
