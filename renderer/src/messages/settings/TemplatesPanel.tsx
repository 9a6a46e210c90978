import { useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MessageTemplatesDto, OutboxTemplate } from '../../../../main/api/contract-messages';
import {
  MESSAGE_CHANNELS,
  OUTBOX_TEMPLATES,
  TEMPLATE_VARIABLES,
} from '../../../../main/api/schemas/messages';
import { call } from '../../api/client';
import { QueryError, QueryState } from '../../common/QueryState';
import { useSettingsSave } from './useSettingsSave';
import { templateName } from '../messageText';

const TEMPLATES_KEY = ['messageTemplates'];
type Lang = 'en' | 'zh';
type Field = `${Lang}.${'subject' | 'body'}`;

/** The shop's message texts in English and Chinese, with a preview on a real ticket. */
export function TemplatesPanel({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: TEMPLATES_KEY, queryFn: () => call('messageTemplates.get', {}) });
  return (
    <QueryState query={q} empty={t('msg.empty')}>
      {(all) => <TemplatesForm key={JSON.stringify(all)} saved={all} editable={editable} />}
    </QueryState>
  );
}

function TemplatesForm({ saved, editable }: { saved: MessageTemplatesDto; editable: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState<OutboxTemplate>('ready_for_pickup');
  const [draft, setDraft] = useState(saved);
  const { errors, busy, formProps } = useSettingsSave({
    write: () => call('messageTemplates.update', draft),
    invalidate: [TEMPLATES_KEY, ['messagePreview']],
    savedText: t('msgSettings.templates.saved'),
    testId: 'message-templates',
  });
  // Where a variable chip inserts: the last text field the person was in.
  const focused = useRef<{ field: Field; el: HTMLInputElement | HTMLTextAreaElement } | null>(null);
  const tpl = draft[name];
  const set = (field: Field, value: string) => {
    const [lang, part] = field.split('.') as [Lang, 'subject' | 'body'];
    setDraft((d) => ({
      ...d,
      [name]: { ...d[name], [lang]: { ...d[name][lang], [part]: value } },
    }));
  };
  const insert = (v: string) => {
    const f = focused.current;
    if (!f) return;
    const start = f.el.selectionStart ?? f.el.value.length;
    const end = f.el.selectionEnd ?? start;
    const next = `${f.el.value.slice(0, start)}{${v}}${f.el.value.slice(end)}`;
    set(f.field, next);
    const caret = start + v.length + 2;
    requestAnimationFrame(() => {
      f.el.focus();
      f.el.setSelectionRange(caret, caret);
    });
  };
  const fieldProps = (field: Field) => ({
    disabled: !editable,
    error: errors[`${name}.${field}`],
    onFocus: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      focused.current = { field, el: e.currentTarget };
    },
  });
  return (
    <Stack gap="sm" {...formProps}>
      <Group gap="sm" align="flex-end">
        <Select
          w={260}
          label={t('msgSettings.templates.pick')}
          allowDeselect={false}
          value={name}
          onChange={(v) => v && setName(v as OutboxTemplate)}
          data={OUTBOX_TEMPLATES.map((x) => ({ value: x, label: templateName(t, x) }))}
          data-testid="template-pick"
        />
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t('msgSettings.templates.variables')}
          </Text>
          <Group gap={4}>
            {TEMPLATE_VARIABLES.map((v) => (
              <Badge
                key={v}
                variant="outline"
                style={{ cursor: 'pointer', textTransform: 'none' }}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(v)}
                data-testid={`template-var-${v}`}
              >
                {`{${v}}`}
              </Badge>
            ))}
          </Group>
        </Stack>
      </Group>
      <Grid gap="sm">
        {(['en', 'zh'] as const).map((lang) => (
          <Grid.Col span={6} key={lang}>
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t(`msgSettings.templates.${lang}`)}
              </Text>
              <TextInput
                label={t('msgSettings.templates.subject')}
                value={tpl[lang].subject}
                onChange={(e) => set(`${lang}.subject`, e.currentTarget.value)}
                {...fieldProps(`${lang}.subject`)}
                data-testid={`template-${lang}-subject`}
              />
              <Textarea
                label={t('msgSettings.templates.body')}
                autosize
                minRows={3}
                maxRows={6}
                value={tpl[lang].body}
                onChange={(e) => set(`${lang}.body`, e.currentTarget.value)}
                {...fieldProps(`${lang}.body`)}
                data-testid={`template-${lang}-body`}
              />
            </Stack>
          </Grid.Col>
        ))}
      </Grid>
      {errors.form && <Alert color="red">{errors.form}</Alert>}
      {editable && (
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="template-save">
            {t('msgSettings.templates.save')}
          </Button>
        </Group>
      )}
      <Preview template={name} />
    </Stack>
  );
}

/** The saved template rendered for a real ticket, as its customer would read it. */
function Preview({ template }: { template: OutboxTemplate }) {
  const { t, i18n } = useTranslation();
  const [number, setNumber] = useState('');
  const [lang, setLang] = useState<Lang>(i18n.language === 'zh' ? 'zh' : 'en');
  const [channel, setChannel] = useState<(typeof MESSAGE_CHANNELS)[number]>('sms');
  const [q] = useDebouncedValue(number.trim(), 250);
  // A number is what people know; the preview needs the ticket's id.
  const ticket = useQuery({
    queryKey: ['messagePreview', 'ticket', q],
    queryFn: async () => {
      const r = await call('search.global', { q });
      return r.tickets.find((x) => x.number === q) ?? null;
    },
    enabled: q.length >= 3,
  });
  const id = ticket.data?.id;
  const preview = useQuery({
    queryKey: ['messagePreview', id, template, lang, channel],
    queryFn: () => call('messages.preview', { ticketId: id!, template, language: lang, channel }),
    enabled: id !== undefined,
  });
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="template-preview">
      <Stack gap="xs">
        <Group gap="sm" align="flex-end">
          <Text size="sm" fw={600} mr="auto">
            {t('msgSettings.templates.previewTitle')}
          </Text>
          <TextInput
            w={170}
            size="xs"
            label={t('msgSettings.templates.ticketNumber')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            data-testid="preview-ticket"
          />
          <SegmentedControl
            size="xs"
            value={lang}
            onChange={(v) => setLang(v as Lang)}
            data={[
              { value: 'en', label: 'EN' },
              { value: 'zh', label: '中文' },
            ]}
          />
          <SegmentedControl
            size="xs"
            value={channel}
            onChange={(v) => setChannel(v as typeof channel)}
            data={MESSAGE_CHANNELS.map((c) => ({ value: c, label: t(`msg.channel.${c}`) }))}
            data-testid="preview-channel"
          />
        </Group>
        {ticket.isError && <QueryError error={ticket.error} />}
        {preview.isError && <QueryError error={preview.error} />}
        {!id && (
          <Text size="sm" c="dimmed">
            {q.length >= 3 && ticket.data === null
              ? t('msgSettings.templates.noTicket')
              : t('msgSettings.templates.previewHint')}
          </Text>
        )}
        {id && preview.data && (
          <Stack gap={4}>
            {channel === 'email' && preview.data.subject && (
              <Text size="sm" fw={600} data-testid="preview-subject">
                {preview.data.subject}
              </Text>
            )}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-body">
              {preview.data.body}
            </Text>
            {channel === 'sms' && (
              <Text size="xs" c="dimmed" data-testid="preview-sms-length">
                {t('msgSettings.templates.smsLength', {
                  length: preview.data.length,
                  segments: preview.data.smsSegments,
                  encoding: t(`msgSettings.templates.${preview.data.smsEncoding}`),
                  per:
                    preview.data.smsEncoding === 'gsm7'
                      ? preview.data.smsSegments > 1
                        ? 153
                        : 160
                      : preview.data.smsSegments > 1
                        ? 67
                        : 70,
                })}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
