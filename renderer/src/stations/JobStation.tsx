import { useState } from 'react';
import { Badge, Button, Group, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PrintJobDto } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';

/** In a print-queue row: the station that prints the job (every station sees every station's
 * jobs), and for a manager, sending a waiting job to another printer (audited). */
export function JobStation({ job }: { job: PrintJobDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const waiting = job.status === 'queued' || job.status === 'failed';
  const canRoute = can('print.route') && waiting;
  const printers = useQuery({
    queryKey: ['stations', 'printers'],
    queryFn: () => call('stations.printers', {}),
    enabled: open,
  });
  if (job.stationName === undefined) return null;
  const label = !job.stationName
    ? t('stations.job.unknown')
    : job.stationOnline
      ? t('stations.job.station', { name: job.stationName })
      : t('stations.job.stationOffline', { name: job.stationName });
  const reroute = async (value: string | null) => {
    const target = printers.data?.find((p) => String(p.id) === value);
    if (!target) return;
    try {
      await call('printJobs.reroute', { id: job.id, deviceId: target.id });
      notifications.show({
        color: 'teal',
        message: t('stations.job.rerouted', {
          id: job.id,
          printer: target.name,
          station: target.stationName,
        }),
      });
      setOpen(false);
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(t, err) });
    } finally {
      await qc.invalidateQueries({ queryKey: ['printJobs'] });
    }
  };
  return (
    <Group gap={6} wrap="wrap" data-testid={`job-station-${job.id}`}>
      <Badge
        size="xs"
        variant="outline"
        color={job.stationOnline ? 'gray' : 'orange'}
        style={{ textTransform: 'none' }}
      >
        {label}
      </Badge>
      {canRoute && !open && (
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => setOpen(true)}
          data-testid={`job-reroute-${job.id}`}
        >
          {t('stations.job.reroute')}
        </Button>
      )}
      {canRoute && open && (
        <Select
          size="xs"
          w={260}
          aria-label={t('stations.job.rerouteLabel')}
          placeholder={t('stations.job.rerouteLabel')}
          data={(printers.data ?? [])
            .filter((p) => p.id !== job.deviceId)
            .map((p) => ({
              value: String(p.id),
              label: t(p.stationOnline ? 'stations.job.option' : 'stations.job.optionOffline', {
                printer: p.name,
                station: p.stationName,
              }),
            }))}
          onChange={(v) => void reroute(v)}
          // type a few letters of the printer or station, arrows, Enter; Esc gives up
          onDropdownClose={() => !printers.isError && setOpen(false)}
          nothingFoundMessage={
            printers.isPending ? t('stations.job.loading') : t('stations.job.noOtherPrinter')
          }
          error={printers.isError ? errorText(t, printers.error) : undefined}
          defaultDropdownOpened
          searchable
          selectFirstOptionOnChange
          autoFocus
          comboboxProps={{ withinPortal: false }}
          data-testid={`job-reroute-select-${job.id}`}
        />
      )}
    </Group>
  );
}
