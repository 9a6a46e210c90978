import { useEffect, useRef } from 'react';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LiveStatusDto, PeripheralStatus } from '../../../main/api/contract';
import { subscribeEvents, type EventHandler } from '../api/client';
import { applyHardwareStatus } from '../devices/hardwareQuery';
import { simulateWedgeScan } from '../scan/serialScan';
import { useSession } from '../auth/session';
import { applyLiveState } from '../live/liveState';

/** Backend events refresh what is on screen; emergencies raise a persistent red notice. */
export function useBackendEvents(
  onOpenTicket: (id: number) => void,
  onNavigate: (to: string) => void,
) {
  const qc = useQueryClient();
  const { t } = useTranslation();
  const { ended } = useSession();
  // One event socket for the page's life: re-subscribing when the language (or a callback)
  // changed closed it and opened another, and what was sent in between was never heard.
  const handler = useRef<EventHandler>(() => undefined);
  useEffect(() => {
    handler.current = (name, payload) => {
      if (name === 'session.ended') {
        // Deactivated, new role, PIN reset or expired: back to sign-in, saying why.
        ended((payload as { reason: 'deactivated' }).reason);
      } else if (name === 'live.state') {
        applyLiveState(qc, payload as LiveStatusDto);
      } else if (name === 'settings.changed') {
        void qc.invalidateQueries({ queryKey: ['settings'] });
      } else if (name === 'staff.changed') {
        void qc.invalidateQueries({ queryKey: ['staff'] });
      } else if (name === 'ticket.created' || name === 'ticket.updated') {
        void qc.invalidateQueries({ queryKey: ['tickets'] });
        void qc.invalidateQueries({ queryKey: ['customer'] });
        void qc.invalidateQueries({ queryKey: ['progress'] });
      } else if (name === 'message.changed') {
        // The Messages screen and every open timeline re-read their outbox rows.
        void qc.invalidateQueries({ queryKey: ['outbox'] });
      } else if (name === 'stock.changed') {
        void qc.invalidateQueries({ queryKey: ['inventory'] });
      } else if (name === 'stock.low') {
        const p = payload as { partId: number; sku: string; available: number };
        notifications.show({
          id: `low-${p.partId}`,
          color: 'orange',
          message: t('inventory.low.alert', { sku: p.sku, available: p.available }),
        });
      } else if (name === 'printJob.queued') {
        // A new job changes what waits, not what was printed: the printed pages stay.
        void qc.invalidateQueries({
          queryKey: ['printJobs'],
          predicate: (q) => q.queryKey[2] !== 'done',
        });
      } else if (name === 'printJob.updated') {
        void qc.invalidateQueries({ queryKey: ['printJobs'] });
      } else if (name === 'hardware.status') {
        applyHardwareStatus(qc, payload as PeripheralStatus);
      } else if (name === 'scan') {
        // A serial scanner's code goes down the keyboard wedge's path: the screen decides.
        simulateWedgeScan((payload as { code: string }).code);
      } else if (name === 'app.navigate') {
        onNavigate((payload as { to: string }).to);
      } else if (name === 'emergency') {
        const p = payload as {
          ticketId: number;
          number: string;
          customerName: string;
          problem: string;
        };
        notifications.show({
          id: `emergency-${p.ticketId}`,
          color: 'red',
          autoClose: false,
          withBorder: true,
          title: t('emergency.title', { number: p.number }),
          message: t('emergency.body', { customer: p.customerName, problem: p.problem }),
          onClick: () => onOpenTicket(p.ticketId),
          style: { cursor: 'pointer' },
        });
      }
    };
  }, [qc, t, onOpenTicket, onNavigate, ended]);
  useEffect(
    () =>
      subscribeEvents(
        (name, payload) => handler.current(name, payload),
        // Back after a drop: whatever happened meanwhile was announced to nobody here.
        () => void qc.invalidateQueries(),
      ),
    [qc],
  );
}
