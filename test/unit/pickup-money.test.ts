import { describe, expect, it } from 'vitest';
import { computeInvoice, divRound, settle, type PaymentIn } from '../../main/domain/pickup/money';

const inv = (
  base: number,
  rateBp: number,
  inclusive: boolean,
  extra: Partial<Parameters<typeof computeInvoice>[0]> = {},
) =>
  computeInvoice({
    lines: [{ kind: 'labour', totalCents: base }],
    discountCents: 0,
    free: false,
    rateBp,
    inclusive,
    depositCents: 0,
    ...extra,
  });

describe('rounding: half up (away from zero), once per invoice', () => {
  it.each([
    [5, 10, 1],
    [4, 10, 0],
    [15, 10, 2],
    [-5, 10, -1],
    [-4, 10, 0],
    [1, 3, 0],
    [2, 3, 1],
  ])('divRound(%i, %i) = %i', (a, b, want) => expect(divRound(a, b)).toBe(want));

  // [base cents, rate bp, tax, total]
  it.each([
    [100, 1300, 13, 113],
    [1, 1300, 0, 1],
    [4, 1300, 1, 5], // 0.52 → 1
    [50, 1300, 7, 57], // 6.5 exactly → 7
    [150, 1300, 20, 170], // 19.5 exactly → 20
    [12345, 1300, 1605, 13950], // 1604.85 → 1605
    [25, 600, 2, 27], // 1.5 exactly → 2
    [24, 600, 1, 25], // 1.44 → 1
    [99_999_999, 1300, 13_000_000, 112_999_999], // the largest amount the API accepts stays exact
    [0, 1300, 0, 0],
    [1000, 0, 0, 1000],
  ])('tax exclusive: %i cents at %i bp → tax %i, total %i', (base, rate, tax, total) => {
    const r = inv(base, rate, false);
    expect({ tax: r.taxCents, total: r.totalCents, net: r.netCents }).toEqual({
      tax,
      total,
      net: base,
    });
  });

  // [gross cents, rate bp, net, tax]
  it.each([
    [113, 1300, 100, 13],
    [100, 1300, 88, 12], // 88.496 → 88
    [1, 1300, 1, 0], // 0.885 → 1
    [17, 1300, 15, 2], // 15.04 → 15
    [11300, 1300, 10000, 1300],
    [45000, 1300, 39823, 5177], // 39823.009 → 39823
    [106, 600, 100, 6],
    [3, 5000, 2, 1], // 2.0 exactly
    [5, 2500, 4, 1],
  ])(
    'tax inclusive: %i cents at %i bp → net %i, tax %i, total unchanged',
    (gross, rate, net, tax) => {
      const r = inv(gross, rate, true);
      expect({ net: r.netCents, tax: r.taxCents, total: r.totalCents }).toEqual({
        net,
        tax,
        total: gross,
      });
      expect(r.netCents + r.taxCents).toBe(gross);
    },
  );

  it('rounds on the invoice total, not per line (three lines of 50 at 13 %: 20, not 3 × 7 = 21)', () => {
    const r = computeInvoice({
      lines: [
        { kind: 'labour', totalCents: 50 },
        { kind: 'part', totalCents: 50 },
        { kind: 'other', totalCents: 50 },
      ],
      discountCents: 0,
      free: false,
      rateBp: 1300,
      inclusive: false,
      depositCents: 0,
    });
    expect(r).toMatchObject({
      labourCents: 50,
      partsCents: 50,
      otherCents: 50,
      taxCents: 20,
      totalCents: 170,
    });
  });
});

describe('invoice: labour + parts + tax − deposit', () => {
  const lines = [
    { kind: 'labour', totalCents: 12000 },
    { kind: 'part', totalCents: 33000 },
  ];
  it('discount comes off before tax', () => {
    const r = computeInvoice({
      lines,
      discountCents: 5000,
      free: false,
      rateBp: 1300,
      inclusive: false,
      depositCents: 10000,
    });
    expect(r).toMatchObject({
      grossCents: 45000,
      netCents: 40000,
      taxCents: 5200,
      totalCents: 45200,
      dueCents: 35200,
    });
  });

  it('a deposit larger than the total leaves money to hand back (negative due)', () => {
    const r = computeInvoice({
      lines: [{ kind: 'diagnostic', totalCents: 5000 }],
      discountCents: 0,
      free: false,
      rateBp: 1300,
      inclusive: true,
      depositCents: 10000,
    });
    expect(r.dueCents).toBe(-5000);
    expect(settle(r.dueCents, [], 'change')).toEqual({
      paidCents: 0,
      changeCents: 0,
      creditCents: 0,
      returnCents: 5000,
    });
  });

  it('warranty work is covered: nothing to pay, the deposit goes back', () => {
    const r = computeInvoice({
      lines,
      discountCents: 0,
      free: true,
      rateBp: 1300,
      inclusive: false,
      depositCents: 2000,
    });
    expect(r).toMatchObject({ coveredCents: 45000, taxCents: 0, totalCents: 0, dueCents: -2000 });
  });

  it('refuses a discount larger than the bill', () => {
    expect(() =>
      computeInvoice({
        lines,
        discountCents: 45001,
        free: false,
        rateBp: 0,
        inclusive: false,
        depositCents: 0,
      }),
    ).toThrow('errors.discountTooLarge');
  });
});

describe('settling a split payment', () => {
  const p = (method: PaymentIn['method'], amountCents: number): PaymentIn => ({
    method,
    amountCents,
  });
  it('exact split across card and WeChat Pay', () => {
    expect(settle(11300, [p('card', 5000), p('wechat', 6300)], 'change')).toEqual({
      paidCents: 11300,
      changeCents: 0,
      creditCents: 0,
      returnCents: 0,
    });
  });
  it('cash over the rest gives change', () => {
    expect(settle(11300, [p('alipay', 5000), p('cash', 10000)], 'change').changeCents).toBe(3700);
  });
  it('refuses paying less than owed', () => {
    expect(() => settle(11300, [p('cash', 11299)], 'change')).toThrow('errors.underpaid');
  });
  it('a card overpayment cannot become cash change', () => {
    expect(() => settle(11300, [p('card', 12000)], 'change')).toThrow('errors.overpaid');
    expect(() => settle(11300, [p('card', 12000), p('cash', 1000)], 'change')).toThrow(
      'errors.overpaid',
    );
  });
  it('…but can be kept as the customer’s credit', () => {
    expect(settle(11300, [p('card', 12000)], 'credit')).toMatchObject({
      creditCents: 700,
      changeCents: 0,
    });
  });
  it('nothing owed means nothing to take', () => {
    expect(() => settle(0, [p('cash', 100)], 'change')).toThrow('errors.nothingOwed');
    expect(settle(0, [], 'change')).toEqual({
      paidCents: 0,
      changeCents: 0,
      creditCents: 0,
      returnCents: 0,
    });
  });
});
