/** Intake drafts, money on estimates and approvals, and intake form hints (English). */
export const intakeMoreEn = {
  draft: {
    restored: 'Draft restored',
    restoredNote:
      'Your unsaved intake from {{when}} is back. Save it, or discard it to start over.',
    discard: 'Discard draft',
  },
  money: {
    subtotal: 'Subtotal',
    covered: 'Covered by warranty',
    tax: 'Tax {{rate}} %',
    taxIncl: 'Tax {{rate}} % (included)',
    total: 'Total to pay',
    estimateToPay: 'Estimate, to pay: {{total}}',
    inclTax: 'incl. tax {{tax}}',
  },
  intakeMore: {
    problemCount: '{{count}} / {{max}}',
    dupTitle: 'This device already has an open ticket',
    dupBody: 'Ticket {{number}} ({{status}}) is still open for this serial number / IMEI.',
    dupOpen: 'Open {{number}}',
    dupContinue: 'Save a second ticket anyway',
    dupConfirmed: 'A second ticket will be saved on purpose.',
  },
};

export const intakeFieldErrorsEn = {
  moneyNegative: 'An amount cannot be negative',
  moneyPositive: 'Enter an amount above 0',
};
