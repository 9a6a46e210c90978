import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchDetail, IntakeResult } from '../../main/api/contract';
import { ROLES, type Role } from '../../main/api/permissions';
import { TICKET_STATUSES } from '../../main/api/schemas/common';
import { TRANSITIONS, findTransition } from '../../main/domain/bench/workflow';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  shop = await openTestShop();
  for (const r of ROLES) tokens[r] = await shop.as(r);
});
afterAll(() => shop.close());

/** A ticket placed straight into `status`, with whatever the move out of it requires. */
async function ticketIn(status: string, extra: { approval?: string; holdFrom?: string; estimate?: boolean } = {}) {
  const { ticket } = (await shop.call(tokens.counter, 'intake.commit', validWalkIn({
    device: { ...validWalkIn().device, imei: undefined, serial: `SN-${Math.random()}`, purchaseDate: '2020-01-01' },
  }))) as IntakeResult;
  await shop.sql.run(
    'UPDATE ticket SET status = ?, approval = ?, hold_from = ? WHERE id = ?',
    status,
    extra.approval ?? 'none',
    extra.holdFrom ?? null,
    ticket.id,
  );
  if (extra.estimate) {
    await shop.sql.run("INSERT INTO estimate_line (ticket_id, kind, description, qty, unit_cents, staff_id, created_at) VALUES (?, 'labour', 'x', 1, 100, 1, 0)", ticket.id);
  }
  const { version } = (await shop.sql.get<{ version: number }>('SELECT version FROM ticket WHERE id = ?', ticket.id))!;
  return { id: ticket.id, version };
}

const move = (role: Role, t: { id: number; version: number }, to: string, reason?: string) =>
  shop.ws.dispatcher.call('bench.transition', { id: t.id, version: t.version, to, reason }, { token: tokens[role], origin: 'test' });

describe('the workflow table', () => {
  // Pickup-only moves (ready → collected) are made by the pickup desk, never by bench.transition.
  const allowedCases = TRANSITIONS.filter((tr) => !tr.pickupOnly).flatMap((tr) => ROLES.map((role) => [tr.from, tr.to, role] as const));

  it.each(allowedCases)('%s → %s as %s: allowed exactly for the roles in the table', async (from, to, role) => {
    const rule = findTransition(from, to)!;
    const t = await ticketIn(from, {
      approval: rule.requires.includes('declined') ? 'declined' : 'approved',
      holdFrom: from === 'on_hold' ? to : undefined,
      estimate: true,
    });
    const res = await move(role, t, to, 'because');
    if (rule.roles.includes(role)) {
      expect(res.ok ? 'ok' : res.error.code).toBe('ok');
      const events = await shop.sql.all("SELECT from_status, to_status, note FROM ticket_event WHERE ticket_id = ? AND kind = 'status'", t.id);
      expect(events).toEqual([{ from_status: from, to_status: to, note: 'because' }]);
    } else {
      expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
      expect(await shop.sql.get('SELECT status FROM ticket WHERE id = ?', t.id)).toEqual({ status: from });
    }
  });

  const forbidden = TICKET_STATUSES.flatMap((from) =>
    TICKET_STATUSES.filter((to) => !findTransition(from, to) || findTransition(from, to)!.pickupOnly).map((to) => [from, to] as const),
  );
  it.each(forbidden)('%s → %s is refused for everyone and changes nothing', async (from, to) => {
    const t = await ticketIn(from, { approval: 'approved', estimate: true });
    const res = await move('admin', t, to, 'because');
    expect(res.ok ? 'ok' : res.error.code).toBe('CONFLICT');
    expect(await shop.sql.get('SELECT status, version FROM ticket WHERE id = ?', t.id)).toEqual({ status: from, version: t.version });
  });
});

describe('what a move requires', () => {
  it('cancel and hold need a reason', async () => {
    const t = await ticketIn('diagnosing');
    for (const to of ['cancelled', 'on_hold']) {
      const res = await move('admin', t, to);
      expect(!res.ok && res.error.details?.key).toBe('errors.reasonRequired');
    }
  });

  it('asking for approval needs an estimate', async () => {
    const t = await ticketIn('diagnosing');
    const res = await move('technician', t, 'awaiting_approval');
    expect(!res.ok && res.error.details?.key).toBe('errors.estimateRequired');
  });

  it('chargeable work cannot start before the customer approves, unless in warranty', async () => {
    const t = await ticketIn('diagnosing');
    const res = await move('technician', t, 'in_repair');
    expect(!res.ok && res.error.details?.key).toBe('errors.approvalRequired');
    await shop.sql.run("UPDATE ticket SET warranty = 'in_warranty' WHERE id = ?", t.id);
    expect((await move('technician', t, 'in_repair')).ok).toBe(true);
  });

  it('a ticket on hold resumes to where it was, and only there', async () => {
    const t = await ticketIn('awaiting_parts');
    const held = await move('technician', t, 'on_hold', 'customer abroad');
    expect(held.ok).toBe(true);
    const v = { id: t.id, version: t.version + 1 };
    expect((await move('technician', v, 'in_repair')).ok).toBe(false);
    const back = await move('technician', v, 'awaiting_parts');
    expect(back.ok && back.result).toEqual({ status: 'awaiting_parts', version: t.version + 2 });
  });
});

describe('two windows, one ticket', () => {
  it('the first move wins; the second gets CONFLICT and changes nothing', async () => {
    const t = await ticketIn('received');
    const [a, b] = await Promise.all([move('technician', t, 'diagnosing'), move('manager', t, 'cancelled', 'duplicate')]);
    expect([a.ok, b.ok]).toEqual([true, false]);
    // The loser is told who moved it first, and when (issue 15).
    expect(!b.ok && b.error).toMatchObject({
      code: 'CONFLICT',
      details: { key: 'errors.ticketChangedBy', params: { name: 'Test technician', at: shop.clock.now } },
    });
    expect(await shop.sql.get('SELECT status FROM ticket WHERE id = ?', t.id)).toEqual({ status: 'diagnosing' });
    const events = await shop.sql.get("SELECT count(*) AS n FROM ticket_event WHERE ticket_id = ? AND kind = 'status'", t.id);
    expect(events).toEqual({ n: 1 });
  });
});

describe('the bench from diagnosis to ready', () => {
  it('diagnose, estimate, approval, 20 minutes of work, QC 92 → ready; QC 60 → back with feedback', async () => {
    const tech = tokens.technician;
    const detail = async (id: number) => (await shop.call(tech, 'bench.detail', { id })) as BenchDetail;
    const run = async () => {
      const t = await ticketIn('received');
      let d = await detail(t.id);
      expect(d.moves.map((m) => [m.to, m.key])).toContainEqual(['diagnosing', 'd']);
      const me = (await shop.call(tech, 'auth.me', {})) as { staff: { id: number } };
      await shop.call(tech, 'bench.assign', { id: t.id, version: d.ticket.version, staffId: me.staff.id });
      d = await detail(t.id);
      await shop.call(tech, 'bench.transition', { id: t.id, version: d.ticket.version, to: 'diagnosing' });
      d = await detail(t.id);
      await shop.call(tech, 'bench.diagnose', { id: t.id, version: d.ticket.version, cause: 'Cracked LCD', responsible: 'customer_use', plan: ['replace_part'] });
      await shop.call(tech, 'bench.estimateAdd', { ticketId: t.id, kind: 'part', description: 'LCD assembly', qty: 1, unitCents: 68000 });
      await shop.call(tech, 'bench.estimateAdd', { ticketId: t.id, kind: 'labour', description: 'Screen swap', qty: 1, unitCents: 12000 });
      d = await detail(t.id);
      expect(d.estimate.totalCents).toBe(80000);
      await shop.call(tech, 'bench.transition', { id: t.id, version: d.ticket.version, to: 'awaiting_approval' });
      await shop.call(tokens.counter, 'bench.approval', { ticketId: t.id, decision: 'approved', channel: 'phone', note: 'Ms Li agreed' });
      d = await detail(t.id);
      expect(d.approvals[0]).toMatchObject({ decision: 'approved', channel: 'phone', totalCents: 90400, taxCents: 10400, recordedBy: 'Test counter' });
      await shop.call(tech, 'bench.transition', { id: t.id, version: d.ticket.version, to: 'in_repair' });
      await shop.call(tech, 'bench.workStart', { ticketId: t.id });
      shop.clock.now += 20 * 60_000;
      await shop.call(tech, 'bench.workStop', { ticketId: t.id });
      d = await detail(t.id);
      expect(d.workedMinutes).toBe(20);
      return t.id;
    };
    // Complaints are always checked, so both reach the inspector whatever the sampling.
    const first = await run();
    const second = await run();
    await shop.sql.run("UPDATE ticket SET category = 'complaint' WHERE id IN (?, ?)", first, second);
    for (const id of [first, second]) {
      const d = await detail(id);
      const res = (await shop.call(tech, 'bench.transition', { id, version: d.ticket.version, to: 'quality_check' })) as { status: string };
      expect(res.status).toBe('quality_check');
    }
    const pass = (await shop.call(tokens.inspector, 'qc.record', { ticketId: first, version: (await detail(first)).ticket.version, procedure: 90, effectiveness: 95, communication: 88 })) as { total: number; band: string; status: string };
    expect(pass).toEqual({ total: 92, band: 'excellent', status: 'ready' });
    const noFeedback = await shop.fail(tokens.inspector, 'qc.record', { ticketId: second, version: (await detail(second)).ticket.version, procedure: 60, effectiveness: 60, communication: 60 });
    expect(noFeedback.details?.key).toBe('errors.feedbackRequired');
    const fail = (await shop.call(tokens.inspector, 'qc.record', { ticketId: second, version: (await detail(second)).ticket.version, procedure: 60, effectiveness: 60, communication: 60, feedback: 'Bezel gap on the left' })) as { status: string };
    expect(fail.status).toBe('in_repair');
    const seen = await detail(second);
    expect(seen.qcChecks[0]).toMatchObject({ total: 60, band: 'fail', feedback: 'Bezel gap on the left' });
    expect(seen.ticket.reworkDueAt).toBeGreaterThan(shop.clock.now);
  });
});

describe('SLA clocks', () => {
  it('pause while waiting for the customer, and the pause moves the deadline in business time', async () => {
    const t = await ticketIn('diagnosing', { estimate: true });
    const before = ((await shop.call(tokens.technician, 'bench.detail', { id: t.id })) as BenchDetail).ticket.sla;
    await move('technician', t, 'awaiting_approval');
    const paused = ((await shop.call(tokens.technician, 'bench.detail', { id: t.id })) as BenchDetail).ticket;
    expect(paused.sla.paused).toBe(true);
    shop.clock.now += 2 * 3_600_000; // two business hours on a Monday
    await shop.call(tokens.counter, 'bench.approval', { ticketId: t.id, decision: 'approved', channel: 'in_person' });
    await move('technician', { id: t.id, version: t.version + 2 }, 'in_repair');
    const after = ((await shop.call(tokens.technician, 'bench.detail', { id: t.id })) as BenchDetail).ticket.sla;
    expect(after.paused).toBe(false);
    expect(after.dueAt - before.dueAt).toBe(2 * 3_600_000);
  });

  it('marks overdue work for the manager, who can reassign it with a reason', async () => {
    const t = await ticketIn('in_repair');
    const me = (await shop.call(tokens.technician, 'auth.me', {})) as { staff: { id: number } };
    await shop.call(tokens.technician, 'bench.assign', { id: t.id, version: t.version, staffId: me.staff.id });
    shop.clock.now += 10 * 86_400_000;
    const overdue = (await shop.call(tokens.manager, 'bench.list', { view: 'overdue', technicianId: me.staff.id })) as { rows: Array<{ id: number; sla: { overdue: boolean } }> };
    expect(overdue.rows.find((r) => r.id === t.id)?.sla.overdue).toBe(true);
    const noReason = await shop.fail(tokens.manager, 'bench.assign', { id: t.id, version: t.version + 1, staffId: 1 });
    expect(noReason.details?.key).toBe('errors.reasonRequired');
    const techTakes = await shop.fail(tokens.technician, 'bench.assign', { id: t.id, version: t.version + 1, staffId: me.staff.id, reason: 'mine' });
    expect(techTakes.code).toBe('FORBIDDEN');
    await shop.call(tokens.manager, 'bench.assign', { id: t.id, version: t.version + 1, staffId: 1, reason: 'Lin is off sick' });
    const note = await shop.sql.get("SELECT note FROM ticket_event WHERE ticket_id = ? AND kind = 'assigned' ORDER BY id DESC", t.id);
    expect(note).toEqual({ note: 'Admin: Lin is off sick' });
  });
});
