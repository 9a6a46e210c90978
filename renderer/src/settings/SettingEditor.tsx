import { useState, type ReactNode } from 'react';
import {
  Button,
  Chip,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  isIsoDate,
  numberUnit,
  sameValue,
  settingKind,
  type SettingKind,
} from './setting-kinds';

type Errors = Record<string, ReactNode>;

/** The label of one part of a map setting (a device type, a service mode, a priority…). */
export function partLabel(t: (k: string, o?: Record<string, unknown>) => string, k: string): string {
  return (
    ['deviceType', 'serviceMode', 'priority', 'qcPart', 'pickup.messages.templates']
      .map((ns) => t(`${ns}.${k}`, { defaultValue: '' }))
      .find(Boolean) || k
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];
const TEMPLATE_FIELDS = '{name} {device} {number} {shop} {due} {estimate} {promised}';

/**
 * One setting's editor, chosen by its kind, with a Save button that is live only when the
 * draft differs. A switch saves as it is flipped. Errors come back per part (`value.ready.zh`).
 */
export function SettingEditor({
  k,
  value,
  busy,
  errors,
  onSave,
}: {
  k: string;
  value: unknown;
  busy: boolean;
  errors: Errors;
  onSave: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  const kind: SettingKind = settingKind(k, value);
  const [draft, setDraft] = useState<unknown>(value);
  const [local, setLocal] = useState<string | null>(null);
  const err = (path = '') => errors[path ? `value.${path}` : 'value'] ?? null;
  const testId = `setting-${k}`;
  const save = () => {
    setLocal(null);
    if (kind.kind === 'number' && (draft === '' || draft === undefined)) {
      setLocal(t('errors.field.required'));
      return;
    }
    onSave(draft);
  };
  const saveButton = (
    <Button
      size="xs"
      disabled={sameValue(draft, value)}
      loading={busy}
      onClick={save}
      data-testid={`${testId}-save`}
    >
      {t('app.save')}
    </Button>
  );
  const row = (control: ReactNode) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <div style={{ flex: 1 }}>{control}</div>
      {saveButton}
    </Group>
  );

  switch (kind.kind) {
    case 'boolean':
      return (
        <Switch
          checked={value as boolean}
          disabled={busy}
          onChange={(e) => onSave(e.currentTarget.checked)}
          label={(value as boolean) ? t('app.yes') : t('app.no')}
          error={err()}
          data-testid={testId}
        />
      );
    case 'number': {
      // Typed in human units (money, %, MB), saved in the stored unit.
      const unit = numberUnit(k);
      const shown =
        unit && typeof draft === 'number'
          ? Number((draft / unit.scale).toFixed(unit.decimals))
          : (draft as number | string);
      return row(
        <NumberInput
          size="xs"
          value={shown}
          decimalScale={unit?.decimals}
          suffix={unit?.suffix || undefined}
          onChange={(v) =>
            setDraft(unit && typeof v === 'number' ? Math.round(v * unit.scale) : v)
          }
          error={local ?? err()}
          data-testid={testId}
        />,
      );
    }
    case 'text':
      return row(
        <TextInput
          size="xs"
          value={String(draft)}
          onChange={(e) => setDraft(e.currentTarget.value)}
          error={err()}
          data-testid={testId}
        />,
      );
    case 'longText':
      return row(
        <Textarea
          size="xs"
          autosize
          minRows={2}
          maxRows={8}
          value={String(draft)}
          onChange={(e) => setDraft(e.currentTarget.value)}
          error={err()}
          data-testid={testId}
        />,
      );
    case 'choice':
      return (
        <Stack gap={2}>
          <SegmentedControl
            size="xs"
            w="fit-content"
            value={String(value)}
            disabled={busy}
            onChange={(v) => onSave(typeof value === 'number' ? Number(v) : v)}
            data={kind.options.map((o) => ({
              value: String(o),
              label: t(`settings.editor.choices.${k}.${o}`, { defaultValue: String(o) }),
            }))}
            data-testid={testId}
          />
          {err() && (
            <Text size="xs" c="red">
              {err()}
            </Text>
          )}
        </Stack>
      );
    case 'weekdays':
      return row(
        <Stack gap={2}>
          <Chip.Group
            multiple
            value={(draft as number[]).map(String)}
            onChange={(v) => setDraft(WEEKDAYS.filter((d) => v.includes(String(d))))}
          >
            <Group gap={4} data-testid={testId}>
              {WEEKDAYS.map((d) => (
                <Chip key={d} value={String(d)} size="xs">
                  {t(`settings.editor.weekdays.${d}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {err() && (
            <Text size="xs" c="red">
              {err()}
            </Text>
          )}
        </Stack>,
      );
    case 'dates':
      return row(
        <TagsInput
          size="xs"
          value={draft as string[]}
          placeholder={t('settings.editor.datesHint')}
          onChange={(v) => {
            const bad = v.filter((d) => !isIsoDate(d));
            setLocal(bad.length ? t('settings.editor.badDate', { value: bad[0] }) : null);
            setDraft(v.filter(isIsoDate).sort());
          }}
          error={local ?? err()}
          clearable
          data-testid={testId}
        />,
      );
    case 'numberMap': {
      const map = draft as Record<string, number | null>;
      return row(
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing={6} verticalSpacing={4} data-testid={testId}>
          {kind.keys.map((part) => (
            <NumberInput
              key={part}
              size="xs"
              label={partLabel(t, part)}
              value={map[part] ?? ''}
              onChange={(v) => setDraft({ ...map, [part]: v === '' ? null : Number(v) })}
              error={err(part)}
              data-testid={`${testId}-${part}`}
            />
          ))}
          {err() && (
            <Text size="xs" c="red">
              {err()}
            </Text>
          )}
        </SimpleGrid>,
      );
    }
    case 'templates': {
      const map = draft as Record<string, { en: string; zh: string }>;
      const set = (part: string, lang: 'en' | 'zh', text: string) =>
        setDraft({ ...map, [part]: { ...map[part], [lang]: text } });
      return (
        <Stack gap="xs" data-testid={testId}>
          <Text size="xs" c="dimmed">
            {t('settings.editor.templateFields', { fields: TEMPLATE_FIELDS })}
          </Text>
          {kind.keys.map((part) => (
            <Stack key={part} gap={2}>
              <Text size="sm" fw={600}>
                {partLabel(t, part)}
              </Text>
              <SimpleGrid cols={2} spacing="xs">
                {(['en', 'zh'] as const).map((lang) => (
                  <Textarea
                    key={lang}
                    size="xs"
                    label={t(`settings.editor.lang.${lang}`)}
                    autosize
                    minRows={2}
                    maxRows={8}
                    maxLength={1000}
                    value={map[part][lang]}
                    onChange={(e) => set(part, lang, e.currentTarget.value)}
                    error={err(`${part}.${lang}`)}
                    data-testid={`${testId}-${part}-${lang}`}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          ))}
          <Group justify="flex-end">{saveButton}</Group>
        </Stack>
      );
    }
    case 'elsewhere':
      return (
        <Text size="sm" c="dimmed">
          {t('settings.editor.elsewhere')}
        </Text>
      );
    default:
      return (
        <Text size="sm" style={{ wordBreak: 'break-word' }}>
          {JSON.stringify(value)}
        </Text>
      );
  }
}
