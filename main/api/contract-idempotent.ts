/**
 * The writes a station may send again with the same idempotency key (issue 15, network blips):
 * pickups and payments, stock moves, and ticket changes. The dispatcher stores key → answer
 * for these (main/api/idempotency.ts); the renderer makes one key per user action and retries
 * only these while the shop's database is away. Pure module: the renderer imports it too.
 * `intake.commit` and `pickup.complete` carry their own key in their input (older, per-table
 * keys) and are retried the same way.
 */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  // ticket changes
  'bench.transition',
  'bench.assign',
  'bench.diagnose',
  'bench.estimateAdd',
  'bench.estimateRemove',
  'bench.approval',
  'bench.note',
  'bench.workStart',
  'bench.workStop',
  'bench.workAdd',
  'qc.record',
  // stock moves
  'po.receive',
  'stock.adjust',
  'stock.returnToSupplier',
  'ticketParts.reserve',
  'ticketParts.consume',
  'ticketParts.release',
  'ticketParts.returnToStock',
  'counts.approve',
  // pickups, payments and what follows them
  'invoices.correct',
  'rma.receive',
  'rma.resolve',
  'complaints.create',
  'callbacks.record',
]);

/** Methods whose own input carries the key (the form makes it once). */
export const OWN_KEY_METHODS: ReadonlySet<string> = new Set(['intake.commit', 'pickup.complete']);
