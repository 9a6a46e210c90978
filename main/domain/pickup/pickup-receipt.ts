import dayjs from 'dayjs';
import type {
  ChargeLineDto,
  InvoiceDto,
  PartReplacedDto,
  PrintDocument,
  PrintLine,
} from '../../api/contract';
import type { PrintLanguage } from '../printing/print-strings';
import { formatCents as money } from '../../api/schemas/money';

/** Printed in the shop's language (print.language), like the intake receipt. */
const STRINGS = {
  en: {
    title: 'Pickup receipt',
    titleUnrepaired: 'Device returned unrepaired',
    invoice: 'Invoice',
    ticket: 'Ticket',
    date: 'Date',
    customer: 'Customer',
    device: 'Device',
    labour: 'Labour',
    parts: 'Parts',
    other: 'Other',
    covered: 'Covered by warranty',
    discount: 'Discount',
    net: 'Net',
    taxIncl: 'incl. tax',
    tax: 'Tax',
    total: 'Total',
    deposit: 'Deposit paid',
    due: 'Amount due',
    paid: 'Paid',
    change: 'Change',
    credit: 'Kept as credit',
    returned: 'Deposit returned',
    partsReplaced: 'Parts replaced',
    serial: 'New part S/N',
    oldSerial: 'Removed part S/N',
    warrantyUntil: 'Repair warranty until',
    signed: 'Signed by the customer on screen',
    signature: 'Customer signature',
    methods: {
      cash: 'Cash',
      card: 'Card',
      wechat: 'WeChat Pay',
      alipay: 'Alipay',
      bank_transfer: 'Bank transfer',
    } as Record<string, string>,
    thanks: 'Thank you. We will call you within a day to ask how it went.',
  },
  zh: {
    title: '取机收据',
    titleUnrepaired: '未维修退机单',
    invoice: '发票号',
    ticket: '工单',
    date: '日期',
    customer: '客户',
    device: '设备',
    labour: '工时费',
    parts: '配件费',
    other: '其他',
    covered: '保修抵扣',
    discount: '折扣',
    net: '不含税金额',
    taxIncl: '含税',
    tax: '税额',
    total: '合计',
    deposit: '已付定金',
    due: '应付金额',
    paid: '实付',
    change: '找零',
    credit: '转为余额',
    returned: '退还定金',
    partsReplaced: '更换配件',
    serial: '新件序列号',
    oldSerial: '拆下旧件序列号',
    warrantyUntil: '维修保修至',
    signed: '客户已在屏幕上签名',
    signature: '客户签名',
    methods: {
      cash: '现金',
      card: '银行卡',
      wechat: '微信支付',
      alipay: '支付宝',
      bank_transfer: '银行转账',
    } as Record<string, string>,
    thanks: '感谢惠顾，我们将在一天内回访。',
  },
} as const;

export interface PickupReceiptData {
  shop: { name: string; address: string; phone: string };
  ticketNumber: string;
  unrepaired: boolean;
  at: number;
  customer: { name: string; phone: string };
  deviceLabel: string;
  invoice: InvoiceDto;
  partsReplaced: PartReplacedDto[];
  repairWarrantyUntil: string | null;
  signed: boolean;
}

const lineText = (l: ChargeLineDto) => (l.qty > 1 ? `${l.description} ×${l.qty}` : l.description);

export function pickupReceipt(
  d: PickupReceiptData,
  lang: PrintLanguage,
  widthMm: number,
): PrintDocument {
  const s = STRINGS[lang];
  const inv = d.invoice;
  const pair = (left: string, cents: number): PrintLine => ({
    type: 'pair',
    left,
    right: money(cents),
  });
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
    { type: 'text', text: d.unrepaired ? s.titleUnrepaired : s.title, align: 'center', bold: true },
    { type: 'barcode', symbology: 'code128', data: inv.number },
    { type: 'pair', left: s.invoice, right: inv.number },
    { type: 'pair', left: s.ticket, right: d.ticketNumber },
    { type: 'pair', left: s.date, right: dayjs(d.at).format('YYYY-MM-DD HH:mm') },
    { type: 'pair', left: s.customer, right: d.customer.name },
    { type: 'pair', left: s.device, right: d.deviceLabel },
    { type: 'rule' },
    ...inv.lines.map((l) => pair(lineText(l), l.totalCents)),
    { type: 'rule' },
  ];
  if (inv.labourCents) lines.push(pair(s.labour, inv.labourCents));
  if (inv.partsCents) lines.push(pair(s.parts, inv.partsCents));
  if (inv.otherCents) lines.push(pair(s.other, inv.otherCents));
  if (inv.coveredCents) lines.push(pair(s.covered, -inv.coveredCents));
  if (inv.discountCents) lines.push(pair(s.discount, -inv.discountCents));
  const rate = `${inv.taxRateBp / 100}%`;
  if (inv.taxInclusive) {
    lines.push(
      pair(s.total, inv.totalCents),
      pair(`${s.tax} ${rate} (${s.taxIncl})`, inv.taxCents),
    );
  } else {
    lines.push(
      pair(s.net, inv.netCents),
      pair(`${s.tax} ${rate}`, inv.taxCents),
      pair(s.total, inv.totalCents),
    );
  }
  if (inv.depositCents) lines.push(pair(s.deposit, -inv.depositCents));
  lines.push({ type: 'text', text: `${s.due}: ${money(Math.max(0, inv.dueCents))}`, bold: true });
  for (const p of inv.payments.filter((x) => x.amountCents > 0)) {
    lines.push(pair(`${s.paid} · ${s.methods[p.method] ?? p.method}`, p.amountCents));
  }
  if (inv.changeCents) lines.push(pair(s.change, inv.changeCents));
  if (inv.creditCents) lines.push(pair(s.credit, inv.creditCents));
  if (inv.returnCents) lines.push(pair(s.returned, inv.returnCents));
  if (d.partsReplaced.length) {
    lines.push({ type: 'rule' }, { type: 'text', text: s.partsReplaced, bold: true });
    for (const p of d.partsReplaced) {
      lines.push({ type: 'text', text: p.qty > 1 ? `${p.description} ×${p.qty}` : p.description });
      // Both serials on their own lines: a warranty claim later quotes them exactly.
      if (p.serial) lines.push({ type: 'pair', left: s.serial, right: p.serial });
      if (p.oldSerial) lines.push({ type: 'pair', left: s.oldSerial, right: p.oldSerial });
    }
  }
  lines.push({ type: 'rule' });
  if (d.repairWarrantyUntil)
    lines.push({ type: 'pair', left: s.warrantyUntil, right: d.repairWarrantyUntil });
  lines.push(
    { type: 'text', text: d.signed ? s.signed : `${s.signature}: ____________________` },
    { type: 'text', text: s.thanks, align: 'center' },
  );
  return { kind: 'receipt', widthMm, lines };
}
