import { SIGNATURE } from '../helpers/pickup';
import type { Harness } from './harness';

/**
 * A repair worked through the bench by API, collected with a split payment (300.00 WeChat +
 * 200.00 cash for 408.50 due: 91.50 change) and given a 50.00 cash refund by the manager:
 * the till should then hold 200.00 − 91.50 − 50.00 = 58.50.
 */
export async function paidPickup(
  harness: Harness,
  t: { counter: string; tech: string; qc: string; manager: string },
  manager: { name: string; pin: string },
) {
  const r = await harness.api<{ ticket: { id: number } }>(
    'intake.commit',
    {
      idempotencyKey: 'reports-e2e-paid',
      customer: { name: '付款客户', phone: '13800009999', channel: 'our_store' },
      device: {
        type: 'phone',
        brand: 'Huawei',
        model: 'P60',
        serial: 'E2E-PAID-1',
        purchaseDate: '2019-03-01',
        proof: 'invoice',
      },
      ticket: {
        category: 'fault',
        priority: 'normal',
        serviceMode: 'carry_in',
        problem: 'Screen cracked',
        accessories: [],
        conditionNotes: '',
        backupAck: true,
        exclusion: 'none',
        estimateCents: 45000,
        depositCents: 10000,
      },
    },
    t.counter,
  );
  const id = r.ticket.id;
  const version = async () =>
    (await harness.api<{ ticket: { version: number } }>('bench.detail', { id }, t.tech)).ticket
      .version;
  const move = async (to: string) =>
    harness.api<{ status: string }>(
      'bench.transition',
      { id, version: await version(), to },
      t.tech,
    );
  await move('diagnosing');
  await harness.api(
    'bench.diagnose',
    {
      id,
      version: await version(),
      cause: 'Display cracked',
      responsible: 'customer_use',
      plan: ['replace_part'],
    },
    t.tech,
  );
  for (const [kind, description, unitCents] of [
    ['labour', 'Replace screen', 12000],
    ['part', 'OLED screen assembly', 33000],
  ] as const) {
    await harness.api(
      'bench.estimateAdd',
      { ticketId: id, kind, description, qty: 1, unitCents },
      t.tech,
    );
  }
  await move('awaiting_approval');
  await harness.api(
    'bench.approval',
    { ticketId: id, decision: 'approved', channel: 'phone' },
    t.counter,
  );
  await move('in_repair');
  if ((await move('quality_check')).status === 'quality_check') {
    await harness.api(
      'qc.record',
      {
        ticketId: id,
        version: await version(),
        procedure: 95,
        effectiveness: 95,
        communication: 95,
      },
      t.qc,
    );
  }
  const view = await harness
    .api<{ ticket: { version: number } }>('pickup.lookup', { number: String(id) }, t.counter)
    .catch(async () => {
      const d = await harness.api<{ ticket: { number: string } }>('bench.detail', { id }, t.tech);
      return harness.api<{ ticket: { version: number } }>(
        'pickup.lookup',
        { number: d.ticket.number },
        t.counter,
      );
    });
  const paid = await harness.api<{ invoice: { id: number } }>(
    'pickup.complete',
    {
      ticketId: id,
      version: view.ticket.version,
      idempotencyKey: 'reports-e2e-pickup',
      payments: [
        { method: 'wechat', amountCents: 30000 },
        { method: 'cash', amountCents: 20000 },
      ],
      signature: SIGNATURE,
    },
    t.counter,
  );
  const staff = await harness.api<Array<{ id: number; name: string }>>(
    'staff.directory',
    {},
    t.counter,
  );
  const managerId = staff.find((s) => s.name === manager.name)!.id;
  await harness.api(
    'invoices.correct',
    {
      invoiceId: paid.invoice.id,
      amountCents: 5000,
      method: 'cash',
      reason: '屏幕有划痕 / scratch',
      approval: { staffId: managerId, pin: manager.pin },
    },
    t.counter,
  );
}
