import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Drawer, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BenchDetail, MoveDto } from '../../../../main/api/contract';
import type { TicketStatus } from '../../../../main/api/schemas/common';
import { call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorText } from '../../common/ErrorText';
import { useBenchCall, useBenchDetail } from '../benchApi';
import { ReassignModal, type AssignTarget } from '../ReassignModal';
import { ApprovalPanel } from './ApprovalPanel';
import { DetailHeader } from './DetailHeader';
import { DiagnosisPanel } from './DiagnosisPanel';
import { EstimatePanel } from './EstimatePanel';
import { blockedBy, moveLabelKey, needsReason } from './moves';
import { MovesBar } from './MovesBar';
import { NotesPanel } from './NotesPanel';
import { PhotosPanel } from '../../photos/PhotosPanel';
import { PartsPanel } from './PartsPanel';
import { QcHistory } from './QcHistory';
import { QcSheet } from './QcSheet';
import { ReasonModal } from './ReasonModal';
import { TimelinePanel } from './TimelinePanel';
import { useMoveKeys } from './useMoveKeys';
import { WorkLogPanel } from './WorkLogPanel';
import { KbSuggestions } from '../../knowledge/KbSuggestions';
import { ToArticleButton } from '../../knowledge/ToArticleButton';

function Body({ detail, open }: { detail: BenchDetail; open: boolean }) {
  const { t } = useTranslation();
  const { can, staff } = useSession();
  const rootRef = useRef<HTMLDivElement>(null);
  const tk = detail.ticket;
  const info = useQuery({
    queryKey: ['tickets', 'detail', tk.id],
    queryFn: () => call('tickets.get', { id: tk.id }),
  });
  const transition = useBenchCall('bench.transition');
  const take = useBenchCall('bench.assign');
  const [reasonFor, setReasonFor] = useState<MoveDto | null>(null);
  const [reassign, setReassign] = useState<AssignTarget | null>(null);

  // preventScroll: focusing the tall detail scrolled the drawer past the status badges.
  const focusDetail = () =>
    requestAnimationFrame(() => rootRef.current?.focus({ preventScroll: true }));
  // The drawer opens before the detail loads: put focus on the detail so its keys work at once,
  // and show it from the top (status, SLA, assignee first).
  useEffect(() => {
    rootRef.current?.focus({ preventScroll: true });
    rootRef.current?.closest('.mantine-Drawer-content')?.scrollTo({ top: 0 });
  }, []);
  const move = async (m: MoveDto, reason?: string) => {
    try {
      const r = await transition.run({
        id: tk.id,
        version: tk.version,
        to: m.to as TicketStatus,
        reason,
      });
      setReasonFor(null);
      if (m.to === 'quality_check' && r.status === 'ready')
        notifications.show({
          color: 'teal',
          message: t('qc.skippedNotice', { number: tk.number }),
        });
      focusDetail();
    } catch {
      /* notified by useBenchCall */
    }
  };
  const request = (m: MoveDto) => {
    const blocked = blockedBy(m, detail);
    if (blocked) {
      notifications.show({
        color: 'orange',
        title: t(moveLabelKey(tk.status, m.to), { status: t(`status.${m.to}`) }),
        message: t(blocked),
      });
      return;
    }
    if (needsReason(m)) setReasonFor(m);
    else void move(m);
  };
  const takeIt = () => {
    if (!staff || tk.assignedTo !== null || !can('bench.work')) return;
    void take
      .run({ id: tk.id, version: tk.version, staffId: staff.id })
      .then(focusDetail, () => undefined);
  };

  const keys: Record<string, () => void> = { t: takeIt };
  for (const m of detail.moves) if (m.key) keys[m.key] = () => request(m);
  const busy = transition.isPending || take.isPending;
  useMoveKeys(open && !reasonFor && !reassign && !busy, rootRef, keys);

  const showQc = tk.status === 'quality_check' && can('qc.record');
  return (
    <Box
      ref={rootRef}
      tabIndex={-1}
      data-testid="bench-detail"
      data-status={tk.status}
      data-version={tk.version}
      style={{ outline: 'none' }}
    >
      <Stack gap="sm">
        <DetailHeader
          detail={detail}
          info={info.data}
          onTake={takeIt}
          taking={take.isPending}
          onReassign={() => setReassign(tk)}
        />
        <MovesBar detail={detail} busy={busy} onMove={request} />
        {showQc && <QcSheet key={`qc-${tk.version}`} detail={detail} />}
        <QcHistory detail={detail} />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <DiagnosisPanel key={`dx-${tk.id}`} detail={detail} />
              <EstimatePanel detail={detail} />
              {can('parts.read') && <PartsPanel ticketId={tk.id} model={info.data?.device.model} />}
              <ApprovalPanel detail={detail} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <KbSuggestions ticketId={tk.id} />
              {detail.cause && <ToArticleButton ticketId={tk.id} />}
              <WorkLogPanel detail={detail} />
              <NotesPanel ticketId={tk.id} timeline={info.data?.timeline ?? []} />
              <PhotosPanel ticketId={tk.id} />
              {info.data && <TimelinePanel events={info.data.timeline} ticketId={tk.id} />}
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      <ReasonModal
        opened={reasonFor !== null}
        busy={transition.isPending}
        title={
          reasonFor
            ? t(moveLabelKey(tk.status, reasonFor.to), { status: t(`status.${reasonFor.to}`) })
            : ''
        }
        onConfirm={(reason) => reasonFor && void move(reasonFor, reason)}
        onClose={() => {
          setReasonFor(null);
          focusDetail();
        }}
      />
      <ReassignModal
        target={reassign}
        onClose={() => {
          setReassign(null);
          focusDetail();
        }}
      />
    </Box>
  );
}

/** The bench view of one ticket, opened from the board, a scan, or the ticket drawer. Keyboard-first. */
export function BenchDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const { t } = useTranslation();
  const q = useBenchDetail(id);
  const d = q.data && q.data.ticket.id === id ? q.data : undefined;
  // Mantine's drawer and a modal opened on top of it both close on the same Escape; here
  // Escape closes only the top layer (a photo, a reason), and the ticket on the next press.
  useWindowEvent('keydown', (e) => {
    if (e.key !== 'Escape' || id === null || e.isComposing) return;
    const modals = document.querySelectorAll('.mantine-Modal-content');
    if ([...modals].some((m) => m.checkVisibility())) return;
    onClose();
  });
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      closeOnEscape={false}
      position="right"
      size={1080}
      title={
        <Group gap="sm">
          <Title order={4} data-testid="bench-detail-number">
            {d ? d.ticket.number : t('app.loading')}
          </Title>
          {d && (
            <Text size="sm" c="dimmed">
              {d.ticket.deviceLabel} · {d.ticket.customerName}
            </Text>
          )}
        </Group>
      }
      data-testid="bench-drawer"
    >
      {q.isLoading && <Loader size="sm" />}
      {q.isError && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          <ErrorText err={q.error} />
        </Alert>
      )}
      {d && <Body key={d.ticket.id} detail={d} open={id !== null} />}
    </Drawer>
  );
}
