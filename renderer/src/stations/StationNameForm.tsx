import { useState, type ReactNode } from 'react';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../api/errors';

/**
 * This station's name, typed and saved with Enter: the first-start prompt and the rename from
 * Settings → Stations. A refused name (taken, too long) stays in the field with its reason.
 * Other PCs show the name beside this station's printers and print jobs, so both refresh.
 */
export function StationNameForm(props: {
  current: string;
  label: string;
  confirm: string;
  /** `station-name` → station-name-input / station-name-save */
  testId: string;
  intro?: ReactNode;
  onCancel?: () => void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(props.current);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const res = await call('stations.rename', { name: name.trim() });
      notifications.show({ color: 'teal', message: t('stations.renamed', { name: res.name }) });
      await qc.invalidateQueries({ queryKey: ['stations'] });
      await qc.invalidateQueries({ queryKey: ['printJobs'] });
      props.onSaved();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        {props.intro}
        <TextInput
          label={props.label}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onFocus={(e) => e.currentTarget.select()}
          error={error}
          maxLength={80}
          data-autofocus
          data-testid={`${props.testId}-input`}
        />
        <Group justify="flex-end">
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              {t('stations.cancel')}
            </Button>
          )}
          <Button
            type="submit"
            loading={busy}
            disabled={!name.trim()}
            data-testid={`${props.testId}-save`}
          >
            {props.confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
