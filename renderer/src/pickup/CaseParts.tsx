import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Paper, SegmentedControl, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TELL_CHANNELS } from '../../../main/api/schemas/pickup';
import { ErrorText } from '../common/ErrorText';

/** The pieces complaints and returns (RMA) share: both are cases followed until the customer is told. */

export type TellChannel = (typeof TELL_CHANNELS)[number];

/** A case row: who and what on the left, its status badge on the right, the next step below. */
export function CaseCard({
  kind,
  head,
  status,
  children,
}: {
  /** Test ids: `<kind>-row` and `<kind>-status`. */
  kind: 'complaint' | 'rma';
  head: ReactNode;
  status: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={`${kind}-row`}>
      <Group justify="space-between" mb={4} wrap="nowrap" align="flex-start">
        <Group gap="xs">{head}</Group>
        <Badge variant="light" style={{ flexShrink: 0 }} data-testid={`${kind}-status`}>
          {status}
        </Badge>
      </Group>
      {children}
    </Paper>
  );
}

/** The list's header controls: which cases to show, and the toggle for a new one. */
export function CaseToolbar<V extends string>({
  views,
  view,
  onView,
  labelPrefix,
  adding,
  onToggle,
  newLabel,
  addTestId,
  children,
}: {
  views: readonly V[];
  view: V;
  onView: (v: V) => void;
  labelPrefix: string;
  adding: boolean;
  onToggle: () => void;
  newLabel: string;
  addTestId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      {children}
      <SegmentedControl
        value={view}
        onChange={(v) => onView(v as V)}
        data={views.map((v) => ({ value: v, label: t(`${labelPrefix}.${v}`) }))}
      />
      <Button variant={adding ? 'default' : 'filled'} onClick={onToggle} data-testid={addTestId}>
        {newLabel}
      </Button>
    </Group>
  );
}

/** A new case: its fields, the error the backend gave, and one submit button. */
export function NewCaseForm({
  testId,
  error,
  busy,
  disabled,
  submitLabel,
  submitTestId,
  onSubmit,
  children,
}: {
  testId?: string;
  error: unknown;
  busy: boolean;
  disabled: boolean;
  submitLabel: string;
  submitTestId?: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={testId}>
      <Stack gap="xs">
        {children}
        {error !== null && error !== undefined && (
          <Alert color="red" variant="light">
            {typeof error === 'string' ? error : <ErrorText err={error} />}
          </Alert>
        )}
        <Button
          style={{ alignSelf: 'flex-end' }}
          disabled={disabled}
          loading={busy}
          onClick={onSubmit}
          data-testid={submitTestId}
        >
          {submitLabel}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Records how the customer was told (or confirmed): a channel and one button. */
export function ToldStep({
  label,
  buttonLabel,
  busy,
  variant,
  onTold,
}: {
  label: string;
  buttonLabel: string;
  busy: boolean;
  variant?: 'filled' | 'light';
  onTold: (channel: TellChannel) => void;
}) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<TellChannel>('phone');
  return (
    <>
      <Select
        w={130}
        size="xs"
        label={label}
        data={TELL_CHANNELS.map((c) => ({ value: c, label: t(`pickup.messages.channels.${c}`) }))}
        value={channel}
        onChange={(v) => v && setChannel(v as TellChannel)}
        allowDeselect={false}
      />
      <Button size="xs" variant={variant} loading={busy} onClick={() => onTold(channel)}>
        {buttonLabel}
      </Button>
    </>
  );
}
