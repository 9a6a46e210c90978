/** Print queue actions (cancel, PDF, system print) and paged lists (English). */
export const printqEn = {
  printActions: {
    cancel: 'Cancel',
    cancelled: 'Print job cancelled.',
    pdf: 'PDF',
    pdfHint: 'Save as a PDF at its paper size (receipt roll or label) to print on any printer',
    systemPrint: 'Print…',
    systemPrintHint: 'Print with this computer’s printer (system print dialog)',
    noPrinterHint:
      'No receipt or label printer is set up: use PDF or Print… to give the customer a copy.',
    status: { cancelled: 'Cancelled' },
    errors: { notCancellable: 'Only a waiting or failed job can be cancelled.' },
  },
  paging: {
    loadMore: 'Load more',
    shown_one: '{{count}} shown',
    shown_other: '{{count}} shown',
  },
};
