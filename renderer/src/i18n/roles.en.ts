/** Query states and the first-run shop setup (English). */
export const rolesEn = {
  queryState: {
    forbiddenTitle: 'Not for your role',
    failedTitle: 'Could not load',
  },
  table: {
    previousPage: 'Previous page',
    nextPage: 'Next page',
    selectAll: 'Select all rows',
    selectRow: 'Select row {{n}}',
  },
  listShownOf:
    'The list shows the first {{shown}} of {{total}}, earliest promise first; the bench has them all.',
  timelineMinutes_one: '{{count}} min',
  timelineMinutes_other: '{{count}} min',
  npsNotGiven: 'not given',
  npsClear: 'Clear',
  passwordToggle: 'Show or hide',
  setup: {
    title: 'Set up your shop',
    subtitle:
      "Your shop's name, address and phone go on every receipt and device tag. You can change all of this later under Settings.",
    name: 'Shop name',
    address: 'Address',
    phone: 'Phone',
    tax: 'Tax rate',
    taxInclusive: 'Prices include tax',
    screenLanguage: 'Screen language',
    printLanguage: 'Receipt and tag language',
    printers: 'Set up printers and scanners',
    later: 'Later',
    save: 'Save and start',
    required: 'Required.',
    taxRange: 'Between 0 and 100 %.',
  },
};
