import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { PrintDocument } from '../../../main/api/contract';
import { DocumentPreview } from './PrintPreview';
import classes from './SystemPrint.module.css';

/**
 * Prints a receipt or label on this computer's printer through the system print dialog, from
 * the same layout as the on-screen preview: for a shop without a serial printer. The document
 * is rendered into a print-only area of this page (Electron denies new windows, and a PDF in an
 * iframe needs the viewer plugin), so `window.print()` sends only it.
 */
export function SystemPrint({ doc, onDone }: { doc: PrintDocument; onDone: () => void }) {
  const area = useRef<HTMLDivElement>(null);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    let cancelled = false;
    const body = document.body;
    body.classList.add('ws-system-print');
    const run = async () => {
      await new Promise((r) => requestAnimationFrame(r));
      // Barcodes and the logo are images: print once they are decoded, not blank boxes.
      const images = [...(area.current?.querySelectorAll('img') ?? [])];
      await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
      if (cancelled) return;
      window.print();
      body.classList.remove('ws-system-print');
      done.current();
    };
    void run();
    return () => {
      cancelled = true;
      body.classList.remove('ws-system-print');
    };
  }, []);
  return createPortal(
    <div ref={area} className={classes.area} data-testid="system-print-area">
      <DocumentPreview doc={doc} />
    </div>,
    document.body,
  );
}
