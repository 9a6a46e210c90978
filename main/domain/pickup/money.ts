import type { InvoiceAmountsDto } from '../../api/contract';

/**
 * Invoice arithmetic in integer cents. One rounding rule everywhere: **half up (away from
 * zero), once per invoice** — tax is computed on the invoice's taxable total, never per line,
 * so the printed lines always add up to the printed total.
 *
 * - Tax exclusive: tax = round(base × rate); total = base + tax.
 * - Tax inclusive: net = round(base ÷ (1 + rate)); tax = base − net; total = base.
 * Rates are basis points (1300 = 13 %), so every step is integer arithmetic.
 */

/** a ÷ b rounded half away from zero; b > 0. */
export function divRound(a: number, b: number): number {
  if (a < 0) return 0 - divRound(-a, b); // never -0
  return Math.floor((2 * a + b) / (2 * b));
}

export interface ChargeLine {
  kind: string;
  totalCents: number;
}

export interface InvoiceInput {
  lines: readonly ChargeLine[];
  discountCents: number;
  /** Work covered by warranty or a free repeat repair: the customer owes none of it. */
  free: boolean;
  rateBp: number;
  inclusive: boolean;
  depositCents: number;
}

/** The invoice's amounts, exactly as the API returns them. */
export type InvoiceAmounts = InvoiceAmountsDto;

export class MoneyError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export function computeInvoice(i: InvoiceInput): InvoiceAmounts {
  const sum = (pred: (k: string) => boolean) =>
    i.lines.filter((l) => pred(l.kind)).reduce((s, l) => s + l.totalCents, 0);
  const labourCents = sum((k) => k === 'labour');
  const partsCents = sum((k) => k === 'part');
  const otherCents = sum((k) => k !== 'labour' && k !== 'part');
  const grossCents = labourCents + partsCents + otherCents;
  const coveredCents = i.free ? grossCents : 0;
  if (i.discountCents < 0 || i.discountCents > grossCents - coveredCents) {
    throw new MoneyError('errors.discountTooLarge');
  }
  const base = grossCents - coveredCents - i.discountCents;
  let netCents: number;
  let taxCents: number;
  let totalCents: number;
  if (i.inclusive) {
    netCents = divRound(base * 10_000, 10_000 + i.rateBp);
    taxCents = base - netCents;
    totalCents = base;
  } else {
    netCents = base;
    taxCents = divRound(base * i.rateBp, 10_000);
    totalCents = base + taxCents;
  }
  return {
    labourCents,
    partsCents,
    otherCents,
    grossCents,
    coveredCents,
    discountCents: i.discountCents,
    netCents,
    taxCents,
    totalCents,
    depositCents: i.depositCents,
    dueCents: totalCents - i.depositCents,
  };
}

export const PAYMENT_METHODS = ['cash', 'card', 'wechat', 'alipay', 'bank_transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface PaymentIn {
  method: PaymentMethod;
  amountCents: number;
}

export interface Settlement {
  paidCents: number;
  /** Cash handed back: only ever out of the cash tendered. */
  changeCents: number;
  /** Overpayment kept for the customer's next visit. */
  creditCents: number;
  /** Deposit handed back when it exceeded the total. */
  returnCents: number;
}

/**
 * Checks a split payment against what is owed. Paying less is refused; paying more is only
 * allowed as change (out of cash) or as a recorded credit.
 */
export function settle(
  dueCents: number,
  payments: readonly PaymentIn[],
  overpayment: 'change' | 'credit',
): Settlement {
  const paidCents = payments.reduce((s, p) => s + p.amountCents, 0);
  if (dueCents <= 0) {
    if (paidCents > 0) throw new MoneyError('errors.nothingOwed');
    return { paidCents: 0, changeCents: 0, creditCents: 0, returnCents: 0 - dueCents };
  }
  if (paidCents < dueCents) throw new MoneyError('errors.underpaid');
  const excess = paidCents - dueCents;
  if (excess === 0) return { paidCents, changeCents: 0, creditCents: 0, returnCents: 0 };
  if (overpayment === 'credit')
    return { paidCents, changeCents: 0, creditCents: excess, returnCents: 0 };
  const cash = payments.filter((p) => p.method === 'cash').reduce((s, p) => s + p.amountCents, 0);
  // Change comes out of the till: a card overpayment cannot be "changed" into cash.
  if (excess > cash) throw new MoneyError('errors.overpaid');
  // Every non-cash payment must be needed, or the customer was charged too much on a card.
  const nonCash = paidCents - cash;
  if (nonCash > dueCents) throw new MoneyError('errors.overpaid');
  return { paidCents, changeCents: excess, creditCents: 0, returnCents: 0 };
}
