import dayjs from 'dayjs';
import type { EstimateAmountsDto, PrintDocument, PrintLine } from '../../api/contract';
import { PRINT_STRINGS, type PrintLanguage } from './print-strings';
import { formatCents as money } from '../../api/schemas/money';

export interface IntakePrintData {
  shop: { name: string; address: string; phone: string; terms: string };
  number: string;
  receivedAt: number;
  promisedAt: number;
  customer: { name: string; phone: string };
  device: { label: string; serial: string | null; imei: string | null };
  accessories: string[];
  conditionNotes: string;
  problem: string;
  warranty: string;
  repeatOf: string | null;
  estimateCents: number;
  depositCents: number;
  /** The estimate with cover and tax, as pickup will charge it (charges.ts). */
  estimate: EstimateAmountsDto;
}

/** Estimate, cover, tax and the total the customer will pay, so the receipt holds no surprise. */
function estimateLines(d: IntakePrintData, s: (typeof PRINT_STRINGS)[PrintLanguage]): PrintLine[] {
  const a = d.estimate;
  const rate = `${a.taxRateBp / 100}%`;
  const out: PrintLine[] = [{ type: 'pair', left: s.estimate, right: money(d.estimateCents) }];
  if (d.estimateCents <= 0) return out;
  if (a.coveredCents > 0)
    out.push({ type: 'pair', left: s.covered, right: money(-a.coveredCents) });
  if (a.taxCents > 0 || a.taxRateBp > 0) {
    const label = a.taxInclusive ? `${s.tax} ${rate} (${s.taxIncl})` : `${s.tax} ${rate}`;
    out.push({ type: 'pair', left: label, right: money(a.taxCents) });
  }
  out.push({ type: 'pair', left: s.estimateTotal, right: money(a.totalCents) });
  return out;
}

const when = (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm');

/** DOMAIN step 1: what the customer takes home when leaving a device. */
export function intakeReceipt(
  d: IntakePrintData,
  lang: PrintLanguage,
  widthMm: number,
): PrintDocument {
  const s = PRINT_STRINGS[lang];
  const lines: PrintLine[] = [
    { type: 'logo' },
    { type: 'text', text: d.shop.name, align: 'center', bold: true, size: 2 },
    ...(d.shop.address
      ? [{ type: 'text' as const, text: d.shop.address, align: 'center' as const }]
      : []),
    ...(d.shop.phone
      ? [{ type: 'text' as const, text: d.shop.phone, align: 'center' as const }]
      : []),
    { type: 'rule' },
    { type: 'text', text: s.intakeReceipt, align: 'center', bold: true },
    { type: 'barcode', symbology: 'code128', data: d.number },
    { type: 'pair', left: s.ticket, right: d.number },
    { type: 'pair', left: s.received, right: when(d.receivedAt) },
    { type: 'pair', left: s.promised, right: when(d.promisedAt) },
    { type: 'rule' },
    { type: 'pair', left: s.customer, right: d.customer.name },
    { type: 'pair', left: s.phone, right: d.customer.phone },
    { type: 'pair', left: s.device, right: d.device.label },
  ];
  if (d.device.serial) lines.push({ type: 'pair', left: s.serial, right: d.device.serial });
  if (d.device.imei) lines.push({ type: 'pair', left: s.imei, right: d.device.imei });
  lines.push(
    { type: 'pair', left: s.accessories, right: d.accessories.join(', ') || s.none },
    { type: 'pair', left: s.warranty, right: s.warrantyStatus[d.warranty] ?? d.warranty },
  );
  if (d.repeatOf) lines.push({ type: 'pair', left: s.repeat, right: d.repeatOf });
  if (d.conditionNotes) lines.push({ type: 'text', text: `${s.condition}: ${d.conditionNotes}` });
  lines.push(
    { type: 'text', text: `${s.problem}: ${d.problem}` },
    { type: 'rule' },
    ...estimateLines(d, s),
    { type: 'pair', left: s.deposit, right: money(d.depositCents) },
    { type: 'rule' },
    { type: 'text', text: d.shop.terms },
    { type: 'text', text: `${s.signature}: ____________________` },
  );
  return { kind: 'receipt', widthMm, lines };
}

/** The tag that travels with the device: scanned at the bench and at pickup. */
export function deviceTag(
  d: Pick<IntakePrintData, 'number' | 'receivedAt' | 'customer' | 'device' | 'problem'>,
  widthMm: number,
  heightMm: number,
): PrintDocument {
  const shortFault = d.problem.length > 40 ? `${d.problem.slice(0, 39)}…` : d.problem;
  return {
    kind: 'label',
    widthMm,
    heightMm,
    lines: [
      { type: 'barcode', symbology: 'code128', data: d.number },
      { type: 'text', text: d.number, align: 'center', bold: true },
      { type: 'text', text: `${d.customer.name} · ${d.device.label}` },
      { type: 'text', text: `${dayjs(d.receivedAt).format('YYYY-MM-DD')} · ${shortFault}` },
    ],
  };
}
