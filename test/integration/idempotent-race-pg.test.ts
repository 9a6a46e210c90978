import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeResult, PickupResult, PickupView } from '../../main/api/contract';
import type { ApiErrorBody } from '../../main/api/errors';
import { createWorkstation, type Workstation } from '../../main/app';
import { addStaffWithPin, bootstrapAdmin } from '../../main/domain/staff/bootstrap';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase, pgClient } from '../helpers/pg-migrated';
import { SIGNATURE } from '../helpers/pickup';
import { PINS } from '../helpers/pins';
import { validWalkIn } from '../helpers/workstation';

/**
 * Several stations on one PostgreSQL database (issue 15): the same retried key arriving from
 * stations at the same moment is applied once and every caller gets the same answer; pickups
 * completed at once get distinct, gap-free invoice numbers.
 */
const STATIONS = 4;
const NOW = Date.parse('2026-11-23T15:00:00+08:00');

type Result = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };
interface Station {
  ws: Workstation;
  dir: string;
  call(method: string, input: unknown): Promise<Result>;
}

let cluster: PgCluster;
let url: string;
const stations: Station[] = [];

async function station(i: number): Promise<Station> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ws-idem-${i}-`));
  const ws = await createWorkstation({ dataDir: dir, dbUrl: url, now: () => NOW });
  const raw = (method: string, input: unknown, token: string | null) =>
    ws.dispatcher.call(method, input, { token, origin: `test:station-${i}` });
  const must = async (method: string, input: unknown, token: string | null) => {
    const res = await raw(method, input, token);
    if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
    return res.result;
  };
  if (i === 0) {
    const admin = await bootstrapAdmin(must, PINS.admin);
    await addStaffWithPin(must, admin, { name: 'Shop manager', role: 'manager', pin: PINS.manager });
  }
  const { token } = (await must('auth.login', { name: 'Shop manager', pin: PINS.manager }, null)) as {
    token: string;
  };
  return { ws, dir, call: (m, input) => raw(m, input, token) };
}

const ok = async <T>(s: Station, method: string, input: unknown): Promise<T> => {
  const res = await s.call(method, input);
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.result as T;
};

describe.skipIf(!pgAvailable())('retries and numbers across stations (PostgreSQL)', () => {
  beforeAll(async () => {
    cluster = await startPgCluster();
    url = await freshPgDatabase(cluster, 'idem');
    for (let i = 0; i < STATIONS; i++) stations.push(await station(i));
  }, 180_000);
  afterAll(async () => {
    for (const s of stations) {
      await s.ws.close();
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
    cluster?.stop();
  });

  it('one stock adjustment sent with the same key from every station at once lands once; all get its answer', async () => {
    const p = await ok<{ id: number }>(stations[0], 'parts.save', {
      sku: 'RACE-1',
      barcodes: ['690099000001'],
      name: 'Race part',
      category: 'Screens',
      models: [],
      bin: 'A-01',
      costCents: 1000,
      priceCents: 2000,
      reorderPoint: 0,
      reorderQty: 1,
    });
    const input = { partId: p.id, qty: 7, reason: 'found', idempotencyKey: 'race-adjust-000001' };
    const answers = await Promise.all(stations.map((s) => s.call('stock.adjust', input)));
    expect(answers.map((a) => a.ok)).toEqual(stations.map(() => true));
    const first = (answers[0] as { result: unknown }).result;
    for (const a of answers) expect((a as { result: unknown }).result).toEqual(first);
    const db = await pgClient(url);
    try {
      const moves = await db.query('SELECT count(*)::int AS n, sum(qty)::int AS q FROM stock_movement WHERE part_id = $1', [p.id]);
      expect(moves.rows[0]).toEqual({ n: 1, q: 7 });
      const keys = await db.query("SELECT count(*)::int AS n FROM idempotent_write WHERE idem_key = 'race-adjust-000001'");
      expect(keys.rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
  });

  it('one ticket move sent with the same key from every station at once lands once; all get its answer', async () => {
    const base = validWalkIn();
    const t = (
      await ok<IntakeResult>(stations[0], 'intake.commit', {
        ...validWalkIn({ device: { ...base.device, imei: undefined, serial: 'SN-RACE-MOVE' } }),
        idempotencyKey: 'race-intake-move-000',
      })
    ).ticket;
    const { version } = (await ok<{ ticket: { version: number } }>(stations[0], 'bench.detail', { id: t.id })).ticket;
    const input = { id: t.id, version, to: 'diagnosing', idempotencyKey: 'race-move-000001' };
    const answers = await Promise.all(stations.map((s) => s.call('bench.transition', input)));
    expect(answers.map((a) => (a.ok ? 'ok' : `${a.error.code} ${a.error.details?.key}`))).toEqual(
      stations.map(() => 'ok'),
    );
    const first = (answers[0] as { result: unknown }).result;
    for (const a of answers) expect((a as { result: unknown }).result).toEqual(first);
    const db = await pgClient(url);
    try {
      const moves = await db.query(
        "SELECT count(*)::int AS n FROM ticket_event WHERE ticket_id = $1 AND to_status = 'diagnosing'",
        [t.id],
      );
      expect(moves.rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
  });

  it('pickups completed at the same moment on every station get distinct, gap-free invoice numbers', async () => {
    const tickets: Array<{ id: number; number: string }> = [];
    for (let i = 0; i < STATIONS * 2; i++) {
      const base = validWalkIn();
      const r = await ok<IntakeResult>(stations[0], 'intake.commit', {
        ...validWalkIn({
          device: { ...base.device, imei: undefined, serial: `SN-RACE-${i}`, purchaseDate: '2019-01-01' },
          ticket: { ...base.ticket, depositCents: 0 },
        }),
        idempotencyKey: `race-intake-${i}-000`,
      });
      tickets.push(r.ticket);
    }
    const db = await pgClient(url);
    try {
      for (const t of tickets) {
        await db.query(
          "INSERT INTO estimate_line (ticket_id, kind, description, qty, unit_cents, staff_id, created_at) VALUES ($1, 'labour', 'Fix', 1, 10000, 1, 0)",
          [t.id],
        );
        await db.query("UPDATE ticket SET status = 'ready', approval = 'approved', completed_at = $2 WHERE id = $1", [t.id, NOW]);
      }
      const done = await Promise.all(
        tickets.map(async (t, i) => {
          const s = stations[i % STATIONS];
          const view = await ok<PickupView>(s, 'pickup.lookup', { number: t.number });
          return ok<PickupResult>(s, 'pickup.complete', {
            ticketId: t.id,
            version: view.ticket.version,
            idempotencyKey: `race-pickup-${i}-000`,
            payments: [{ method: 'cash', amountCents: view.quote!.dueCents }],
            signature: SIGNATURE,
          });
        }),
      );
      const numbers = done.map((d) => d.invoice.number).sort();
      expect(new Set(numbers).size).toBe(tickets.length);
      expect(numbers).toEqual(tickets.map((_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
    } finally {
      await db.end();
    }
  });

  it('one pickup sent from every station at once with the same key is paid once; all get its receipt', async () => {
    const base = validWalkIn();
    const t = (
      await ok<IntakeResult>(stations[0], 'intake.commit', {
        ...validWalkIn({
          device: { ...base.device, imei: undefined, serial: 'SN-RACE-SAME', purchaseDate: '2019-01-01' },
          ticket: { ...base.ticket, depositCents: 0 },
        }),
        idempotencyKey: 'race-intake-same-000',
      })
    ).ticket;
    const db = await pgClient(url);
    try {
      await db.query(
        "INSERT INTO estimate_line (ticket_id, kind, description, qty, unit_cents, staff_id, created_at) VALUES ($1, 'labour', 'Fix', 1, 10000, 1, 0)",
        [t.id],
      );
      await db.query("UPDATE ticket SET status = 'ready', approval = 'approved', completed_at = $2 WHERE id = $1", [t.id, NOW]);
      const view = await ok<PickupView>(stations[0], 'pickup.lookup', { number: t.number });
      const input = {
        ticketId: t.id,
        version: view.ticket.version,
        idempotencyKey: 'race-pickup-same-000',
        payments: [{ method: 'cash', amountCents: view.quote!.dueCents }],
        signature: SIGNATURE,
      };
      const answers = await Promise.all(stations.map((s) => s.call('pickup.complete', input)));
      expect(answers.map((a) => (a.ok ? 'ok' : `${a.error.code} ${a.error.details?.key}`))).toEqual(
        stations.map(() => 'ok'),
      );
      const results = answers.map((a) => (a as { result: PickupResult }).result);
      expect(new Set(results.map((r) => r.invoice.number)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      const paid = await db.query(
        'SELECT count(DISTINCT i.id)::int AS invoices, count(p.id)::int AS payments FROM invoice i JOIN payment p ON p.invoice_id = i.id WHERE i.ticket_id = $1',
        [t.id],
      );
      expect(paid.rows[0]).toEqual({ invoices: 1, payments: 1 });
    } finally {
      await db.end();
    }
  });
});
