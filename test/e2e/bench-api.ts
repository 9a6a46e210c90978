import type { Harness } from './harness';

/**
 * A ticket worked through the bench by API (what the bench screens would send), for e2e files
 * that start where the bench ends: diagnose, estimate, approval, repair, quality check → ready.
 * `beforeApproval` and `inRepair` let a test add its own steps (parts reserved, parts fitted).
 */
export async function workToReady(
  harness: Harness,
  tokens: { counter: string; tech: string; qc: string },
  id: number,
  steps: {
    cause: string;
    estimate: Array<{ kind: 'labour' | 'part'; description: string; unitCents: number }>;
    beforeApproval?: () => Promise<unknown>;
    inRepair?: () => Promise<unknown>;
    /** Leave it in quality check for the test's own inspector (the shop samples every repair). */
    stopAtQc?: boolean;
  },
): Promise<void> {
  const { counter, tech, qc } = tokens;
  const version = async () =>
    (await harness.api<{ ticket: { version: number } }>('bench.detail', { id }, tech)).ticket
      .version;
  const move = async (to: string) =>
    harness.api<{ status: string }>('bench.transition', { id, version: await version(), to }, tech);
  // a technician may have taken it into diagnosis on the bench screen already
  const { ticket } = await harness.api<{ ticket: { status: string } }>('bench.detail', { id }, tech);
  if (ticket.status === 'received') await move('diagnosing');
  await harness.api(
    'bench.diagnose',
    {
      id,
      version: await version(),
      cause: steps.cause,
      responsible: 'customer_use',
      plan: ['replace_part'],
    },
    tech,
  );
  for (const line of steps.estimate)
    await harness.api('bench.estimateAdd', { ticketId: id, qty: 1, ...line }, tech);
  await steps.beforeApproval?.();
  await move('awaiting_approval');
  await harness.api(
    'bench.approval',
    { ticketId: id, decision: 'approved', channel: 'phone' },
    counter,
  );
  await move('in_repair');
  await steps.inRepair?.();
  if ((await move('quality_check')).status === 'quality_check' && !steps.stopAtQc) {
    await harness.api(
      'qc.record',
      {
        ticketId: id,
        version: await version(),
        procedure: 95,
        effectiveness: 95,
        communication: 95,
      },
      qc,
    );
  }
}
