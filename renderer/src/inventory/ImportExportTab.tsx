import { useState } from 'react';
import { Alert, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../main/api/contract';
import { IMPORT_SLICE_BYTES } from '../../../main/api/schemas/inventory';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { Tr } from '../common/Tr';
import { useInvCall } from './inventoryApi';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/vnd.ms-excel'];

/** Pulls a finished export down slice by slice (the backend streamed it to disk) and saves it. */
async function download(path: string): Promise<void> {
  const file = path.split(/[\\/]/).pop()!;
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset = 0; ;) {
    const chunk = await call('parts.exportRead', { file, offset });
    parts.push(Uint8Array.from(atob(chunk.base64), (c) => c.charCodeAt(0)));
    offset = chunk.nextOffset;
    if (chunk.done) break;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportButtons() {
  const { t } = useTranslation();
  const exp = useInvCall('parts.export');
  const [busy, setBusy] = useState<string | null>(null);
  const run = (what: 'parts' | 'movements') => {
    setBusy(what);
    exp
      .run({ what })
      .then(async (out) => {
        await download(out.path);
        notifications.show({
          color: 'teal',
          message: t('inventory.io.exported', {
            rows: out.rows,
            file: out.path.split(/[\\/]/).pop(),
          }),
        });
      })
      .catch(() => undefined)
      .finally(() => setBusy(null));
  };
  return (
    <Group gap="sm">
      <Button
        variant="light"
        leftSection={<IconDownload size={16} />}
        loading={busy === 'parts'}
        onClick={() => run('parts')}
        data-testid="export-parts"
      >
        {t('inventory.io.exportParts')}
      </Button>
      <Button
        variant="light"
        leftSection={<IconDownload size={16} />}
        loading={busy === 'movements'}
        onClick={() => run('movements')}
        data-testid="export-movements"
      >
        {t('inventory.io.exportMovements')}
      </Button>
    </Group>
  );
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Sends a file to the backend in 1 MiB slices (a 50 MB price list is one JSON body too many);
 * returns the upload's id, which `parts.import` then reads from disk. */
async function uploadFile(f: File, onProgress: (percent: number) => void): Promise<string> {
  let upload: string | undefined;
  let offset = 0;
  do {
    const bytes = new Uint8Array(await f.slice(offset, offset + IMPORT_SLICE_BYTES).arrayBuffer());
    const r = await call('parts.importUpload', { upload, offset, base64: toBase64(bytes) });
    upload = r.upload;
    offset = r.size;
    onProgress(f.size ? Math.round((offset / f.size) * 100) : 100);
  } while (offset < f.size);
  return upload;
}

type Phase = { step: 'upload'; percent: number } | { step: 'check' | 'import' } | null;

/** What is happening to the chosen file: a bar while it is sent, a moving bar while the
 * backend checks or imports it (it says nothing until done; other screens keep working). */
function ImportProgress({ phase, name }: { phase: Phase; name: string }) {
  const { t } = useTranslation();
  if (!phase) return null;
  const text =
    phase.step === 'upload'
      ? t('partsImport.uploading', { name, percent: phase.percent })
      : t(phase.step === 'check' ? 'partsImport.checking' : 'partsImport.importing', { name });
  return (
    <Stack gap={4} data-testid="import-progress">
      <Text size="sm" data-testid="import-progress-text">
        {text}
      </Text>
      <Progress
        value={phase.step === 'upload' ? phase.percent : 100}
        striped={phase.step !== 'upload'}
        animated={phase.step !== 'upload'}
        size="sm"
      />
    </Stack>
  );
}

/**
 * CSV import in two steps: the file is sent in slices and checked first (nothing written) and
 * the report names every bad row by its line; then "Import" when all rows are good, or the
 * explicit choice to import only the good rows. Rows already in the catalogue are skipped, so
 * an import that stopped part-way finishes by importing the same file again.
 */
export function ImportExportTab() {
  const { t } = useTranslation();
  const imp = useInvCall('parts.import');
  const [file, setFile] = useState<{ name: string; upload: string } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [phase, setPhase] = useState<Phase>(null);
  const [name, setName] = useState('');

  const choose = async (f: File | undefined) => {
    if (!f) return;
    setFile(null);
    setReport(null);
    setDone(null);
    setName(f.name);
    setPhase({ step: 'upload', percent: 0 });
    try {
      const upload = await uploadFile(f, (percent) => setPhase({ step: 'upload', percent }));
      setPhase({ step: 'check' });
      // useInvCall shows its own errors.
      const r = await imp.run({ upload, mode: 'check' }).catch(() => null);
      if (r) {
        setFile({ name: f.name, upload });
        setReport(r);
      }
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(t, err), withBorder: true });
    } finally {
      setPhase(null);
    }
  };
  const commit = (mode: 'all' | 'good') => {
    if (!file) return;
    setPhase({ step: 'import' });
    imp
      .run({ upload: file.upload, mode })
      .then(
        (r) => {
          setDone(r.imported);
          setReport(null);
          setFile(null);
          notifications.show({
            color: 'teal',
            message: t('inventory.io.imported', { count: r.imported }),
          });
        },
        () => undefined,
      )
      .finally(() => setPhase(null));
  };

  return (
    <Stack gap="md" maw={1100}>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={5}>{t('inventory.io.importTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('inventory.io.importHint')}
          </Text>
          <Dropzone
            onDrop={(files) => void choose(files[0])}
            accept={CSV_TYPES}
            maxFiles={1}
            multiple={false}
            loading={phase !== null}
            p="md"
            data-testid="import-dropzone"
          >
            <Group gap="sm" justify="center" mih={60} style={{ pointerEvents: 'none' }}>
              <IconFileImport size={28} stroke={1.5} />
              <Text size="sm">{t('inventory.io.drop')}</Text>
            </Group>
          </Dropzone>
          <ImportProgress phase={phase} name={name} />
          {done !== null && (
            <Alert color="teal" data-testid="import-done">
              {t('inventory.io.imported', { count: done })}
            </Alert>
          )}
          {file && report && (
            <Stack gap="xs" data-testid="import-report">
              <Text size="sm" fw={600} data-testid="import-summary">
                {t('inventory.io.summary', {
                  name: file.name,
                  rows: report.rows,
                  good: report.good,
                  bad: report.bad,
                })}
              </Text>
              {report.already > 0 && (
                <Text size="sm" c="dimmed" data-testid="import-already">
                  {t('partsImport.already', { count: report.already })}
                </Text>
              )}
              {report.bad === 0 ? (
                report.good > 0 && (
                  <Text size="sm" c="teal">
                    {t('inventory.io.allGood')}
                  </Text>
                )
              ) : (
                <DataTable
                  withTableBorder
                  striped
                  maxHeight={320}
                  records={report.issues}
                  idAccessor={(i) => `${i.line}-${i.field}`}
                  data-testid="import-issues"
                  columns={[
                    {
                      accessor: 'line',
                      title: t('inventory.io.line'),
                      width: 80,
                      textAlign: 'right',
                      render: (i) => (
                        <span data-testid={`import-issue-line-${i.line}`}>{i.line}</span>
                      ),
                    },
                    {
                      accessor: 'field',
                      title: t('inventory.io.field'),
                      width: 150,
                      render: (i) => (
                        <Text size="sm" ff="monospace">
                          {i.field}
                        </Text>
                      ),
                    },
                    {
                      accessor: 'reason',
                      title: t('inventory.io.problem'),
                      render: (i) => (
                        <span data-testid={`import-issue-${i.line}`}>
                          <Tr k={i.key} params={i.params} fallback={i.reason} />
                        </span>
                      ),
                    },
                  ]}
                />
              )}
              {report.truncated && (
                <Text size="xs" c="dimmed">
                  {t('inventory.io.truncated', { count: report.issues.length })}
                </Text>
              )}
              <Group gap="sm">
                {report.bad === 0 ? (
                  <Button
                    loading={phase !== null}
                    onClick={() => commit('all')}
                    disabled={report.good === 0}
                    data-testid="import-all"
                  >
                    {t('inventory.io.importAll', { count: report.good })}
                  </Button>
                ) : (
                  <Button
                    color="orange"
                    loading={phase !== null}
                    disabled={report.good === 0}
                    onClick={() => commit('good')}
                    data-testid="import-good"
                  >
                    {t('inventory.io.importGood', { count: report.good })}
                  </Button>
                )}
                <Button
                  variant="default"
                  onClick={() => {
                    setFile(null);
                    setReport(null);
                  }}
                >
                  {t('app.cancel')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={5}>{t('inventory.io.exportTitle')}</Title>
          <ExportButtons />
        </Stack>
      </Paper>
    </Stack>
  );
}
