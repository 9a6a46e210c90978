import type { Sql } from '../db/sql';
import type { PeripheralDto, PeripheralKind, PrintDocument } from '../api/contract';
import { documentToEscPos } from './escpos';
import { documentToZpl } from './zpl';

interface PeripheralRow {
  id: number;
  kind: string;
  name: string;
  path: string;
  baud_rate: number;
  data_bits: number;
  parity: string;
  stop_bits: number;
  options: string;
  enabled: number;
  updated_at: number;
}

export const rowToPeripheral = (r: PeripheralRow): PeripheralDto => ({
  id: r.id,
  kind: r.kind as PeripheralKind,
  name: r.name,
  path: r.path,
  baudRate: r.baud_rate,
  dataBits: r.data_bits as PeripheralDto['dataBits'],
  parity: r.parity as PeripheralDto['parity'],
  stopBits: r.stop_bits as PeripheralDto['stopBits'],
  options: JSON.parse(r.options) as PeripheralDto['options'],
  enabled: r.enabled === 1,
  updatedAt: r.updated_at,
});

/** The peripherals plugged into one station. */
export async function loadPeripherals(sql: Sql, station: string): Promise<PeripheralDto[]> {
  const rows = await sql.all<PeripheralRow>(
    'SELECT * FROM peripheral WHERE station_id = ? ORDER BY id',
    station,
  );
  return rows.map(rowToPeripheral);
}

/** Defaults a new printer gets for what the form leaves out. */
export function withDefaults(d: PeripheralDto): PeripheralDto {
  const o = d.options;
  if (d.kind === 'label_printer') {
    return {
      ...d,
      options: {
        dpi: o.dpi ?? 203,
        labelWidthMm: o.labelWidthMm ?? 50,
        labelHeightMm: o.labelHeightMm ?? 30,
        hostStatus: o.hostStatus ?? true,
      },
    };
  }
  if (d.kind === 'receipt_printer')
    return { ...d, options: { paperMm: o.paperMm ?? 80, codePage: o.codePage ?? 'gbk' } };
  return { ...d, options: { silenceMs: o.silenceMs ?? 100 } };
}

export interface Wire {
  /** Everything but the bytes that make the printer act (ZPL ^XZ, ESC/POS cut). */
  body: Buffer;
  tail: Buffer;
}

/** The bytes for one job on one printer. */
export function documentToWire(
  doc: PrintDocument,
  device: PeripheralDto,
  jobId?: number,
  logo: Buffer | null = null,
): Wire {
  const d = withDefaults(device);
  if (d.kind === 'receipt_printer') {
    return documentToEscPos(doc, {
      paperMm: d.options.paperMm ?? 80,
      codePage: d.options.codePage ?? 'gbk',
      logo,
    });
  }
  const zpl = documentToZpl(doc, {
    dpi: d.options.dpi ?? 203,
    widthMm: d.options.labelWidthMm,
    heightMm: d.options.labelHeightMm,
    jobId,
    logo,
  });
  const end = zpl.lastIndexOf('^XZ');
  return {
    body: Buffer.from(zpl.slice(0, end), 'utf8'),
    tail: Buffer.from(zpl.slice(end), 'utf8'),
  };
}

/** Which printer type prints a document, when the job kind has no default printer. */
export const printerKindFor = (doc: PrintDocument): PeripheralKind =>
  doc.kind === 'label' ? 'label_printer' : 'receipt_printer';
