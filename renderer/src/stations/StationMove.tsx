import { useState } from 'react';
import {
  Alert,
  Button,
  Divider,
  Group,
  List,
  NumberInput,
  PasswordInput,
  Progress,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StationMoveStatusDto } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText, translateKey } from '../api/errors';

const MOVE_KEY = ['stations', 'move'] as const;

interface MoveValues {
  host: string;
  port: number | string;
  database: string;
  user: string;
  password: string;
}

function MoveProgress({ s }: { s: StationMoveStatusDto }) {
  const { t } = useTranslation();
  const pct = s.total > 0 ? Math.min(100, (s.done / s.total) * 100) : s.state === 'done' ? 100 : 0;
  return (
    <Stack gap={4} data-testid="station-move-progress" data-state={s.state}>
      {s.state === 'moving' && (
        <Text size="sm">{t('stationsMove.moving', { server: s.server })}</Text>
      )}
      <Progress
        value={pct}
        size="lg"
        color={s.state === 'failed' ? 'red' : s.state === 'done' ? 'teal' : 'blue'}
        animated={s.state === 'moving'}
        aria-label={t('stationsMove.progress', { done: s.done, total: s.total })}
      />
      <Group justify="space-between">
        <Text size="xs" data-testid="station-move-rows">
          {t('stationsMove.progress', { done: s.done, total: s.total })}
        </Text>
        {s.state === 'moving' && s.table && (
          <Text size="xs" c="dimmed" data-testid="station-move-table">
            {t('stationsMove.table', { table: s.table })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

function Verification({ v }: { v: NonNullable<StationMoveStatusDto['verification']> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="station-move-verification">
      <Text size="sm" fw={600}>
        {t('stationsMove.verification')}
      </Text>
      <Text size="xs" data-testid="station-move-verdict" c={v.ok && v.audit ? 'teal' : 'red'}>
        {t('stationsMove.checks', {
          n: v.checks.length + 1,
          bad: v.checks.filter((c) => !c.ok).length + (v.audit ? 0 : 1),
        })}
      </Text>
      <ScrollArea.Autosize mah={150} type="auto">
        <List size="xs" spacing={0} style={{ fontFamily: 'monospace' }}>
          {v.checks.map((c) => (
            <List.Item key={c.what} c={c.ok ? undefined : 'red'}>
              {c.ok ? 'ok' : '≠'} {c.what}: {c.source}
              {c.ok ? '' : ` ≠ ${c.target}`}
            </List.Item>
          ))}
          <List.Item c={v.audit ? undefined : 'red'}>
            {v.audit ? 'ok' : '≠'} {t('stationsMove.auditChain')}
          </List.Item>
        </List>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/**
 * Settings → Stations (admin, on this PC's own file): moves the shop's data into an empty
 * database on the shop's server, with Setup's fields; `stations.moveToServer` starts it and
 * `stations.moveStatus` is asked every 500 ms for the progress and, at the end, the checks.
 */
export function StationMove() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [tested, setTested] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const status = useQuery({
    queryKey: MOVE_KEY,
    queryFn: () => call('stations.moveStatus', {}),
    refetchInterval: (q) => (q.state.data?.state === 'moving' ? 500 : false),
  });
  const form = useForm<MoveValues>({
    initialValues: { host: '', port: 5432, database: 'shop', user: 'shop', password: '' },
  });
  const params = () => {
    const v = form.getValues();
    return { ...v, port: Number(v.port) };
  };

  const test = async () => {
    setBusy(true);
    setError(null);
    setTested(null);
    try {
      const r = await call('stations.moveTest', params());
      setTested(r.server);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const move = async () => {
    setBusy(true);
    setError(null);
    try {
      qc.setQueryData(MOVE_KEY, await call('stations.moveToServer', params()));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const ask = () => {
    const v = form.getValues();
    modals.openConfirmModal({
      title: t('stationsMove.confirmTitle', { server: `${v.host}:${v.port}/${v.database}` }),
      children: (
        <Text size="sm" data-testid="station-move-confirm-text">
          {t('stationsMove.confirmBody')}
        </Text>
      ),
      labels: { confirm: t('stationsMove.confirm'), cancel: t('stationsMove.cancel') },
      confirmProps: { color: 'orange', 'data-testid': 'station-move-confirm' } as never,
      onConfirm: () => void move(),
    });
  };

  const s = status.data;
  const running = s && s.state !== 'idle' && s.state !== 'failed';
  return (
    <Stack gap="xs" data-testid="station-move">
      <Divider my="xs" />
      <Text fw={600} size="sm">
        {t('stationsMove.title')}
      </Text>
      {!running && (
        <>
          <Text size="xs" c="dimmed">
            {t('stationsMove.intro')}
          </Text>
          <form
            onSubmit={form.onSubmit(() => ask())}
            onChange={() => {
              setError(null);
              setTested(null);
            }}
          >
            <Stack gap="xs" maw={560}>
              <Group grow align="flex-start">
                <TextInput
                  size="xs"
                  label={t('setupDb.host')}
                  required
                  data-autofocus
                  data-testid="station-move-host"
                  {...form.getInputProps('host')}
                />
                <NumberInput
                  size="xs"
                  label={t('setupDb.port')}
                  min={1}
                  max={65535}
                  maw={110}
                  data-testid="station-move-port"
                  {...form.getInputProps('port')}
                />
              </Group>
              <Group grow align="flex-start">
                <TextInput
                  size="xs"
                  label={t('setupDb.database')}
                  required
                  data-testid="station-move-database"
                  {...form.getInputProps('database')}
                />
                <TextInput
                  size="xs"
                  label={t('setupDb.user')}
                  required
                  data-testid="station-move-user"
                  {...form.getInputProps('user')}
                />
              </Group>
              <PasswordInput
                size="xs"
                label={t('setupDb.password')}
                autoComplete="new-password"
                data-testid="station-move-password"
                {...form.getInputProps('password')}
                // after the form's props: the server's refusal, translated, under the fields
                error={error ?? undefined}
              />
              {tested && (
                <Alert color="green" p="xs" data-testid="station-move-tested">
                  {t('stationsMove.testOk', { server: tested })}
                </Alert>
              )}
              <Group justify="flex-end">
                <Button
                  size="xs"
                  variant="default"
                  loading={busy}
                  onClick={() => void test()}
                  data-testid="station-move-test"
                >
                  {t('stationsMove.test')}
                </Button>
                <Button
                  size="xs"
                  type="submit"
                  color="orange"
                  loading={busy}
                  data-testid="station-move-start"
                >
                  {t('stationsMove.move')}
                </Button>
              </Group>
            </Stack>
          </form>
        </>
      )}
      {s && s.state !== 'idle' && <MoveProgress s={s} />}
      {s?.state === 'failed' && (
        <Alert color="red" data-testid="station-move-failed">
          {s.error
            ? translateKey(t, s.error.key, s.error.params, t('stationsMove.failed'))
            : t('stationsMove.failed')}
        </Alert>
      )}
      {s?.verification && <Verification v={s.verification} />}
      {s?.state === 'done' && (
        <Alert color="teal" data-testid="station-move-done">
          <Text size="sm">
            {t('stationsMove.done', {
              rows: s.rows ?? s.done,
              seconds: ((s.ms ?? 0) / 1000).toFixed(1),
            })}
          </Text>
          <Text size="sm" fw={700} data-testid="station-move-restart">
            {t('stationsMove.restart')}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
