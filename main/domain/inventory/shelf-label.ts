import type { PrintDocument } from '../../api/contract';
import { formatCents as money } from '../../api/schemas/money';

export interface ShelfLabelData {
  sku: string;
  name: string;
  bin: string;
  priceCents: number;
  /** What the scanner reads: the first barcode, else the SKU. */
  code: string;
}


/** The label on the shelf edge: scan it to find the part, read name, bin and price at a glance. */
export function shelfLabel(d: ShelfLabelData, widthMm: number, heightMm: number): PrintDocument {
  const name = d.name.length > 48 ? `${d.name.slice(0, 47)}…` : d.name;
  return {
    kind: 'label',
    widthMm,
    heightMm,
    lines: [
      { type: 'text', text: name, bold: true },
      { type: 'barcode', symbology: 'code128', data: d.code },
      { type: 'pair', left: d.sku, right: money(d.priceCents) },
      { type: 'pair', left: 'BIN', right: d.bin },
    ],
  };
}
