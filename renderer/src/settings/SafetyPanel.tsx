import { useEffect, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconCheck,
  IconDatabase,
  IconDownload,
  IconRestore,
  IconShieldCheck,
  IconTrash,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  AuditVerifyDto,
  BackupDto,
  IntegrityDto,
  SafetyProgress,
} from '../../../main/api/contract';
import { call, subscribeEvents } from '../api/client';
import { errorText } from '../api/errors';
import { fmtDateTime } from '../common/format';
import { useSession } from '../auth/session';

// One date format in both languages (the PC's locale printed US dates on a Chinese screen).
const when = fmtDateTime;
const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function useProgress() {
  const [p, setP] = useState<SafetyProgress | null>(null);
  useEffect(
    () =>
      subscribeEvents((name, payload) => {
        if (name === 'safety.progress') setP(payload as SafetyProgress);
      }),
    [],
  );
  return p;
}

type Pending =
  | { kind: 'restore'; backup: BackupDto }
  | { kind: 'delete'; backup: BackupDto }
  | { kind: 'undo' }
  | null;

/** Where a backup or restore is, as the backend reports it (`safety.progress` events). */
function ProgressLine({ progress, busy }: { progress: SafetyProgress; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} mb="xs" data-testid="safety-progress" data-phase={progress.phase}>
      <Text size="xs">
        {t('safety.progress.line', {
          operation: t(`safety.progress.${progress.operation}`),
          phase: t(`safety.progress.${progress.phase}`),
          percent: progress.percent,
        })}
      </Text>
      <Progress value={progress.percent} size="sm" animated={busy && progress.phase !== 'done'} />
    </Stack>
  );
}

/** What a restore would drop, said before anyone confirms it; numbers are never reissued. */
function RestoreImpact({ file }: { file: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['safety.restorePreview', file],
    queryFn: () => call('safety.restorePreview', { file }),
    staleTime: 0,
  });
  if (q.isError) {
    return (
      <Alert color="red" mb="md" data-testid="restore-impact-error">
        {errorText(t, q.error)}
      </Alert>
    );
  }
  if (!q.data) return <Skeleton h={48} mb="md" />;
  const p = q.data;
  return (
    <Alert
      color={p.ticketsDropped ? 'orange' : 'gray'}
      mb="md"
      data-testid="restore-impact"
      data-dropped={p.ticketsDropped}
    >
      <Text size="sm" fw={p.ticketsDropped ? 600 : undefined}>
        {p.ticketsDropped
          ? t('safety.restoreDrops', { count: p.ticketsDropped })
          : t('safety.restoreDropsNone')}
        {p.invoicesDropped > 0 && ` ${t('safety.invoicesDrop', { count: p.invoicesDropped })}`}
      </Text>
      {p.lastTicket && (
        <Text size="sm" mt={4} data-testid="restore-next-ticket">
          {t('safety.numbersKept', { last: p.lastTicket, next: p.nextTicket })}
        </Text>
      )}
    </Alert>
  );
}

function Backups() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const progress = useProgress();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['safety.status'], queryFn: () => call('safety.status', {}) });

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      const message = await fn();
      notifications.show({ color: 'teal', icon: <IconCheck size={16} />, message });
      // after a restore every screen shows other data
      await qc.invalidateQueries();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  const backupNow = () =>
    run(async () => t('safety.backedUp', { file: (await call('safety.backupNow', {})).file }));
  const verify = (file: string) =>
    run(async () => {
      const v = await call('safety.verifyBackup', { file });
      if (!v.ok) throw new Error(v.problem ?? '');
      return t('safety.verified');
    });
  const confirm = () =>
    run(async () => {
      if (pending?.kind === 'delete') {
        await call('safety.deleteBackup', { file: pending.backup.file });
        return t('safety.deleted', { file: pending.backup.file });
      }
      if (pending?.kind === 'restore') await call('safety.restore', { file: pending.backup.file });
      else await call('safety.undoRestore', {});
      return t('safety.restored');
    });
  const reasonText = (b: BackupDto) => t(`safety.reasons.${b.reason}`, { defaultValue: b.reason });

  const status = q.data;
  return (
    <Paper withBorder p="md" radius="sm" data-testid="safety-backups">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('safety.backups')}</Title>
        <Group gap="xs">
          {status?.undoFile && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={() => setPending({ kind: 'undo' })}
              disabled={busy}
            >
              {t('safety.undo')}
            </Button>
          )}
          <Button
            size="xs"
            leftSection={<IconDatabase size={14} />}
            loading={busy && !pending}
            onClick={() => void backupNow()}
            data-testid="backup-now"
          >
            {t('safety.backupNow')}
          </Button>
        </Group>
      </Group>
      {status && (
        <Text size="xs" c="dimmed" mb="xs">
          {t('safety.folder')}: <span style={{ fontFamily: 'monospace' }}>{status.folder}</span> ·{' '}
          {status.changesSinceBackup
            ? t('safety.changes', { count: status.changesSinceBackup })
            : t('safety.noChanges')}
        </Text>
      )}
      {progress && !pending && <ProgressLine progress={progress} busy={busy} />}
      {(error || q.isError) && (
        <Alert color="red" mb="xs" data-testid="safety-error">
          {error ?? errorText(t, q.error)}
        </Alert>
      )}
      {status && !status.backups.length && (
        <Text size="sm" c="dimmed">
          {t('safety.none')}
        </Text>
      )}
      {status && status.backups.length > 0 && (
        <Table verticalSpacing={4} striped data-testid="backup-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('safety.when')}</Table.Th>
              <Table.Th>{t('safety.reason')}</Table.Th>
              <Table.Th>{t('safety.size')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.backups.map((b) => (
              <Table.Tr key={b.file}>
                <Table.Td>
                  <Text size="sm">{when(b.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{reasonText(b)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{size(b.bytes)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => void verify(b.file)}
                      disabled={busy}
                    >
                      {t('safety.verify')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="orange"
                      leftSection={<IconRestore size={12} />}
                      onClick={() => setPending({ kind: 'restore', backup: b })}
                      disabled={busy}
                    >
                      {t('safety.restore')}
                    </Button>
                    <Tooltip label={t('safety.delete')}>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="red"
                        aria-label={t('safety.delete')}
                        onClick={() => setPending({ kind: 'delete', backup: b })}
                        disabled={busy}
                        data-testid="backup-delete"
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={!!pending}
        onClose={() => !busy && setPending(null)}
        title={
          pending?.kind === 'undo'
            ? t('safety.undoTitle')
            : pending?.kind === 'delete'
              ? t('safety.deleteTitle')
              : t('safety.restoreTitle')
        }
      >
        <Text size="sm" mb="md">
          {pending?.kind === 'restore'
            ? t('safety.restoreBody', { when: when(pending.backup.createdAt) })
            : pending?.kind === 'delete'
              ? t('safety.deleteBody', {
                  when: when(pending.backup.createdAt),
                  reason: reasonText(pending.backup),
                })
              : t('safety.undoBody')}
        </Text>
        {pending?.kind === 'restore' && <RestoreImpact file={pending.backup.file} />}
        {busy && progress && progress.operation !== 'backup' && (
          <ProgressLine progress={progress} busy={busy} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setPending(null)} disabled={busy}>
            {t('app.cancel')}
          </Button>
          <Button
            color={pending?.kind === 'delete' ? 'red' : 'orange'}
            loading={busy}
            onClick={() => void confirm()}
            data-testid={pending?.kind === 'delete' ? 'delete-confirm' : 'restore-confirm'}
          >
            {pending?.kind === 'delete' ? t('safety.deleteConfirm') : t('safety.confirm')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}

function Checks({ backups, audit }: { backups: boolean; audit: boolean }) {
  const { t } = useTranslation();
  const [integrity, setIntegrity] = useState<IntegrityDto | null>(null);
  const [chain, setChain] = useState<AuditVerifyDto | null>(null);
  // Which run the shown result belongs to: a fresh verification never shows the last verdict.
  const [runs, setRuns] = useState(0);
  const [busy, setBusy] = useState<'integrity' | 'audit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (which: 'integrity' | 'audit') => {
    setBusy(which);
    setError(null);
    if (which === 'integrity') setIntegrity(null);
    else setChain(null);
    try {
      if (which === 'integrity') {
        setIntegrity(await call('safety.integrityCheck', { mode: 'full' }));
      } else {
        setChain(await call('audit.verify', {}));
        setRuns((n) => n + 1);
      }
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };
  const broken = chain?.firstBroken;
  return (
    <Paper withBorder p="md" radius="sm" data-testid="safety-checks">
      <Group gap="xs" mb="xs">
        {backups && (
          <Button
            size="xs"
            variant="default"
            loading={busy === 'integrity'}
            onClick={() => void run('integrity')}
          >
            {t('safety.integrityRun')}
          </Button>
        )}
        {audit && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconShieldCheck size={14} />}
            loading={busy === 'audit'}
            onClick={() => void run('audit')}
            data-testid="audit-verify"
          >
            {t('safety.auditRun')}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        {error && <Alert color="red">{error}</Alert>}
        {integrity && (
          <Alert color={integrity.ok ? 'teal' : 'red'} title={t('safety.integrity')}>
            {integrity.ok
              ? t('safety.integrityOk')
              : t('safety.integrityBad', { result: integrity.result })}
          </Alert>
        )}
        {chain && (
          <Alert
            color={chain.ok ? 'teal' : 'red'}
            title={t('safety.audit')}
            data-testid="audit-result"
            data-run={runs}
          >
            {broken
              ? t('safety.auditBroken', {
                  id: broken.id,
                  when: broken.at ? ` (${when(broken.at)}, ${broken.action})` : '',
                  problem: broken.problem,
                  count: chain.checked,
                })
              : t('safety.auditOk', { count: chain.checked })}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function download(fileName: string, mime: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

function PersonalData({ canErase }: { canErase: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [id, setId] = useState<string | number>('');
  const [erasing, setErasing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const customerId = Number(id);
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      notifications.show({ color: 'teal', icon: <IconCheck size={16} />, message: await fn() });
      setErasing(false);
      setReason('');
      await qc.invalidateQueries({ queryKey: ['customer'] });
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const exportAs = (format: 'json' | 'csv') =>
    run(async () => {
      const out = await call('customers.exportData', { customerId, format });
      download(out.fileName, out.mime, out.content);
      return t('safety.exported', { file: out.fileName });
    });
  const erase = () =>
    run(async () =>
      t('safety.erased', {
        count: (await call('customers.erase', { customerId, reason })).tickets,
      }),
    );
  return (
    <Paper withBorder p="md" radius="sm" data-testid="safety-personal">
      <Title order={5} mb="xs">
        {t('safety.personal')}
      </Title>
      <Group align="flex-end" gap="xs">
        <NumberInput
          size="xs"
          label={t('safety.customerId')}
          value={id}
          onChange={setId}
          min={1}
          allowDecimal={false}
          w={160}
          data-testid="personal-customer"
        />
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} />}
          disabled={!customerId || busy}
          onClick={() => void exportAs('json')}
        >
          {t('safety.exportJson')}
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} />}
          disabled={!customerId || busy}
          onClick={() => void exportAs('csv')}
        >
          {t('safety.exportCsv')}
        </Button>
        {canErase && (
          <Button
            size="xs"
            color="red"
            variant="light"
            disabled={!customerId || busy}
            onClick={() => setErasing(true)}
          >
            {t('safety.erase')}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" mt="xs">
          {error}
        </Alert>
      )}
      <Modal opened={erasing} onClose={() => setErasing(false)} title={t('safety.eraseTitle')}>
        <Text size="sm" mb="sm">
          {t('safety.eraseBody')}
        </Text>
        <TextInput
          label={t('safety.eraseReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          mb="md"
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setErasing(false)}>
            {t('app.cancel')}
          </Button>
          <Button
            color="red"
            loading={busy}
            disabled={reason.trim().length < 3}
            onClick={() => void erase()}
          >
            {t('safety.erase').replace('…', '')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}

/** Settings → Data safety: backups and restore, integrity and audit checks, personal data. */
export function SafetyPanel() {
  const { t } = useTranslation();
  const { can } = useSession();
  const backups = can('backup.manage');
  const audit = can('audit.read');
  if (!backups && !audit && !can('customer.export')) return null;
  return (
    <Stack gap="sm" data-testid="safety-panel">
      <Title order={4}>{t('safety.title')}</Title>
      {backups && <Backups />}
      {(backups || audit) && <Checks backups={backups} audit={audit} />}
      {can('customer.export') && <PersonalData canErase={can('customer.erase')} />}
    </Stack>
  );
}
