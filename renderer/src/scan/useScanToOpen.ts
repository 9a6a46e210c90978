import { useEffect, useRef } from 'react';
import onScan from 'onscan.js';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { looksLikeTicketNumber, scanKeyMapper } from './ticketCode';
import { routeScan } from './scanBus';

/** Fields where a keyboard burst is typing, never a scan (their own Enter keeps working). */
const TYPING_FIELDS = ['input', 'textarea', 'select', '[contenteditable="true"]'];

async function resolveTicketId(code: string): Promise<{ id: number; number: string } | null> {
  const { number } = await call('tickets.progress', { number: code });
  const { tickets } = await call('search.global', { q: number });
  const hit = tickets.find((tk) => tk.number === number);
  return hit ? { id: hit.id, number } : null;
}

/**
 * Keyboard-wedge scanners type a label fast and press Enter. Anywhere in the app (outside a
 * text field), such a burst that looks like a ticket number opens that ticket on the bench.
 * Slow typing fails onscan's timing test (avgTimeByChar) and is left alone.
 */
export function useScanToOpen(open: (id: number) => void) {
  const { t } = useTranslation();
  const openRef = useRef(open);
  const tRef = useRef(t);
  openRef.current = open;
  tRef.current = t;

  useEffect(() => {
    const root = document.documentElement;
    const handle = (code: string) => {
      // A marker for tests and support: what the last accepted scan was.
      root.dataset.lastScan = code;
      if (routeScan(code) || !looksLikeTicketNumber(code)) return;
      resolveTicketId(code)
        .then((hit) => {
          if (hit) openRef.current(hit.id);
          else
            notifications.show({
              color: 'orange',
              message: tRef.current('scan.notFound', { code }),
            });
        })
        .catch((err: unknown) =>
          notifications.show({
            color: 'orange',
            title: tRef.current('scan.failed', { code }),
            message: errorText(tRef.current, err),
          }),
        );
    };
    onScan.attachTo(document, {
      suffixKeyCodes: [13],
      minLength: 6,
      avgTimeByChar: 30,
      timeBeforeScanTest: 100,
      keyCodeMapper: scanKeyMapper,
      ignoreIfFocusOn: TYPING_FIELDS,
      onScan: handle,
    });
    return () => onScan.detachFrom(document);
  }, []);
}
