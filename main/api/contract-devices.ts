import type { z } from 'zod';
import type * as d from './schemas/devices';

export type PeripheralKind = 'scanner' | 'label_printer' | 'receipt_printer';
export type PrintJobStatus =
  | 'queued'
  | 'printing'
  | 'done'
  | 'failed'
  | 'uncertain'
  /** Taken back by a person before it printed (audited). */
  | 'cancelled';

export interface LabelPrinterOptions {
  dpi: 203 | 300;
  labelWidthMm: number;
  labelHeightMm: number;
  /** Ask `~HS` after an interrupted job instead of asking the operator. */
  hostStatus: boolean;
}
export interface ReceiptPrinterOptions {
  paperMm: 58 | 80;
  codePage: 'gbk' | 'cp437';
}
export interface ScannerOptions {
  /** A code ends at CR/LF, or after this many ms without a byte. */
  silenceMs: number;
}

export interface PeripheralDto {
  id: number;
  kind: PeripheralKind;
  name: string;
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: 1 | 1.5 | 2;
  options: Partial<LabelPrinterOptions & ReceiptPrinterOptions & ScannerOptions>;
  enabled: boolean;
  updatedAt: number;
}

export type PeripheralState = 'online' | 'offline' | 'connecting' | 'disabled';
export interface PeripheralStatus {
  deviceId: number;
  state: PeripheralState;
  /** What the printer itself reports while online. */
  condition: 'paper_out' | 'head_open' | 'paused' | null;
  /** Why it is offline, in plain words. */
  detail: string | null;
  at: number;
}

export interface SerialPortInfo {
  path: string;
  manufacturer: string | null;
}

export interface DevicesContract {
  'hardware.list': {
    input: z.input<typeof d.emptyInput>;
    output: {
      devices: PeripheralDto[];
      status: PeripheralStatus[];
      defaults: Record<string, number>;
    };
  };
  'hardware.save': { input: z.input<typeof d.peripheralSaveSchema>; output: PeripheralDto };
  'hardware.remove': { input: z.input<typeof d.peripheralIdSchema>; output: { ok: true } };
  'hardware.ports': {
    input: z.input<typeof d.emptyInput>;
    output: { ports: SerialPortInfo[]; error: string | null };
  };
  'hardware.testPrint': { input: z.input<typeof d.peripheralIdSchema>; output: { jobId: number } };
  'hardware.setDefault': {
    input: z.input<typeof d.defaultPrinterSchema>;
    output: Record<string, number>;
  };
  'printJobs.reprint': { input: z.input<typeof d.printJobIdSchema>; output: { jobId: number } };
  'printJobs.cancel': {
    input: z.input<typeof d.printJobIdSchema>;
    output: { status: 'cancelled' };
  };
  /** The job's receipt or label as a PDF of its own paper size (print it on any printer). */
  'printJobs.pdf': {
    input: z.input<typeof d.printJobIdSchema>;
    output: { fileName: string; base64: string };
  };
  'printJobs.resolve': {
    input: z.input<typeof d.printJobResolveSchema>;
    output: { status: PrintJobStatus };
  };
}
