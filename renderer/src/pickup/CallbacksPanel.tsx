import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Rating,
  SegmentedControl,
  Select,
  Slider,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallbackDto } from '../../../main/api/contract';
import { SATISFACTION } from '../../../main/api/schemas/pickup';
import { call } from '../api/client';
import { ErrorText } from '../common/ErrorText';
import { fmtDateTime } from '../common/format';
import { QueryState } from '../common/QueryState';
import { PanelHeader } from './PanelHeader';
import { pickupKeys, usePickupCall } from './pickupApi';
import { LoadMore, useKeysetList } from '../api/useKeysetList';

type View = 'due' | 'done' | 'all';
/** Done and all callbacks grow forever: a page at a time, newest first. */
const PAGE = 50;

function RecordModal({ cb, onClose }: { cb: CallbackDto; onClose: () => void }) {
  const { t } = useTranslation();
  const [satisfaction, setSatisfaction] = useState<string | null>(null);
  const [ratings, setRatings] = useState({ attitude: 0, speed: 0, competence: 0 });
  const [nps, setNps] = useState<number | null>(null);
  const [comments, setComments] = useState('');
  const [leftover, setLeftover] = useState('');
  const [action, setAction] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const record = usePickupCall('callbacks.record', { notifyErrors: false });
  const send = async (reached: boolean) => {
    setError(null);
    try {
      const r = await record.run(
        reached
          ? {
              id: cb.id,
              version: cb.version,
              reached,
              satisfaction: (satisfaction ?? undefined) as
                (typeof SATISFACTION)[number] | undefined,
              attitude: ratings.attitude || undefined,
              speed: ratings.speed || undefined,
              competence: ratings.competence || undefined,
              nps: nps ?? undefined,
              comments: comments || undefined,
              leftover: leftover || undefined,
              leftoverAction:
                leftover && action ? (action as 'follow_up' | 'new_ticket') : undefined,
            }
          : { id: cb.id, version: cb.version, reached: false },
      );
      if (r.managerTaskId)
        notifications.show({ color: 'orange', message: t('pickup.callbacks.escalated') });
      if (r.followUpTicket)
        notifications.show({
          color: 'teal',
          message: t('pickup.callbacks.followUpOpened', { number: r.followUpTicket.number }),
        });
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={`${t('pickup.callbacks.record')} · ${cb.ticketNumber} · ${cb.customerName} ${cb.customerPhone}`}
      size="lg"
    >
      <Stack gap="sm" data-testid="callback-form">
        <SegmentedControl
          value={satisfaction ?? ''}
          onChange={setSatisfaction}
          data={SATISFACTION.map((s) => ({ value: s, label: t(`pickup.satisfaction.${s}`) }))}
          data-testid="callback-satisfaction"
        />
        <Group gap="lg">
          {(['attitude', 'speed', 'competence'] as const).map((k) => (
            <Stack key={k} gap={2}>
              <Text size="xs" c="dimmed">
                {t(`pickup.callbacks.${k}`)}
              </Text>
              <Rating
                value={ratings[k]}
                onChange={(v) => setRatings((r) => ({ ...r, [k]: v }))}
                data-testid={`callback-${k}`}
              />
            </Stack>
          ))}
        </Group>
        <div>
          {/* No score until the customer gives one: the slider starts empty, not at a preset. */}
          <Group gap="xs" justify="space-between">
            <Text size="xs" c="dimmed">
              {t('pickup.callbacks.nps')}
            </Text>
            <Group gap={4}>
              <Text size="sm" fw={600} data-testid="callback-nps-value">
                {nps ?? t('npsNotGiven')}
              </Text>
              {nps !== null && (
                <Button size="compact-xs" variant="subtle" onClick={() => setNps(null)}>
                  {t('npsClear')}
                </Button>
              )}
            </Group>
          </Group>
          <Slider
            min={0}
            max={10}
            step={1}
            value={nps ?? 0}
            onChange={setNps}
            color={nps === null ? 'gray' : undefined}
            thumbProps={{ style: nps === null ? { opacity: 0.35 } : undefined }}
            label={(v) => (nps === null ? null : v)}
            marks={[0, 5, 10].map((v) => ({ value: v, label: String(v) }))}
            mb="md"
            data-testid="callback-nps"
          />
        </div>
        <Textarea
          label={t('pickup.callbacks.comments')}
          autosize
          minRows={2}
          value={comments}
          onChange={(e) => setComments(e.currentTarget.value)}
          data-testid="callback-comments"
        />
        <Group grow align="flex-start">
          <Textarea
            label={t('pickup.callbacks.leftover')}
            autosize
            minRows={1}
            value={leftover}
            onChange={(e) => setLeftover(e.currentTarget.value)}
          />
          <Select
            label={t('pickup.callbacks.leftoverAction')}
            disabled={!leftover}
            data={[
              { value: 'follow_up', label: t('pickup.callbacks.followUp') },
              { value: 'new_ticket', label: t('pickup.callbacks.newTicket') },
            ]}
            value={action}
            onChange={setAction}
          />
        </Group>
        {error !== null && (
          <Alert color="red" variant="light">
            <ErrorText err={error} />
          </Alert>
        )}
        <Group justify="space-between">
          <Button
            variant="default"
            onClick={() => void send(false)}
            loading={record.isPending}
            data-testid="callback-not-reached"
          >
            {t('pickup.callbacks.notReached')}
          </Button>
          <Button
            onClick={() => void send(true)}
            disabled={!satisfaction}
            loading={record.isPending}
            data-testid="callback-save"
          >
            {t('pickup.callbacks.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** DOMAIN step 11: every customer is called back within a business day of pickup. */
export function CallbacksPanel() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('due');
  const [open, setOpen] = useState<CallbackDto | null>(null);
  const paged = view !== 'due';
  const due = useQuery({
    queryKey: pickupKeys.callbacks('due'),
    queryFn: () => call('callbacks.queue', { view: 'due' }),
    refetchInterval: 60_000,
    enabled: !paged,
  });
  const history = useKeysetList({
    queryKey: [...pickupKeys.callbacks(view), 'pages'],
    page: (after: { at: number; id: number } | undefined) =>
      call('callbacks.queue', { view, after, limit: PAGE }),
    cursorOf: (cb) => ({ at: view === 'done' ? (cb.doneAt ?? 0) : cb.dueAt, id: cb.id }),
    pageSize: PAGE,
    enabled: paged,
  });
  // The pages read as one list; no answer yet stays "no data" so a refusal is still said.
  const q = paged ? { ...history, data: history.data ? history.rows : undefined } : due;
  return (
    <Stack gap="sm" data-testid="callbacks-panel">
      <PanelHeader title={t('pickup.callbacks.title')} subtitle={t('pickup.callbacks.subtitle')}>
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as View)}
          data={(['due', 'done', 'all'] as const).map((v) => ({
            value: v,
            label: t(`pickup.callbacks.views.${v}`),
          }))}
        />
      </PanelHeader>
      <QueryState query={q} empty={t('pickup.callbacks.empty')}>
        {(rows) =>
          rows.map((cb) => (
            <Paper
              key={cb.id}
              withBorder
              p="xs"
              radius="sm"
              data-testid="callback-row"
              data-overdue={cb.overdue ? 'true' : 'false'}
              style={
                cb.overdue ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined
              }
            >
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Group gap="xs">
                    <Text fw={600} ff="monospace" size="sm">
                      {cb.ticketNumber}
                    </Text>
                    <Text size="sm">
                      {cb.customerName} · {cb.customerPhone}
                    </Text>
                    {cb.overdue && (
                      <Badge color="red" size="sm">
                        {t('pickup.callbacks.overdue')}
                      </Badge>
                    )}
                    {cb.satisfaction && (
                      <Badge
                        color={
                          cb.satisfaction === 'dissatisfied' || cb.satisfaction === 'neutral'
                            ? 'orange'
                            : 'teal'
                        }
                        variant="light"
                        size="sm"
                      >
                        {t(`pickup.satisfaction.${cb.satisfaction}`)}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {cb.deviceLabel} · {t('pickup.callbacks.due')} {fmtDateTime(cb.dueAt)}
                    {cb.attempts > 0 &&
                      ` · ${t('pickup.callbacks.attempts', { count: cb.attempts })}`}
                    {cb.comments && ` · ${cb.comments}`}
                  </Text>
                </Stack>
                {cb.status === 'due' && (
                  <Button
                    size="xs"
                    leftSection={<IconPhone size={14} />}
                    onClick={() => setOpen(cb)}
                    data-testid="callback-open"
                  >
                    {t('pickup.callbacks.record')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))
        }
      </QueryState>
      {paged && <LoadMore list={history} testId="callbacks-more" />}
      {open && <RecordModal cb={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
