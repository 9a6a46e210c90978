import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { luhnValid, OPEN_STATUSES } from '../../main/api/schemas/common';
import { DB_FILE } from '../../main/db/data-source';
import { customerKeys } from '../../main/domain/customers/normalize';
import { verifyPin } from '../../main/domain/staff/pin';
import { seed } from '../../main/cli/seed';

const ROLES = ['counter', 'technician', 'inspector', 'manager', 'admin'];
const NOW = Date.parse('2026-11-23T10:00:00+08:00');

describe('demo data seed', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-seed-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const open = () => new Database(path.join(dataDir, DB_FILE), { readonly: true });
  const one = <T>(db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
  const all = <T>(db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];

  it('seeds 2,000 realistic, consistent tickets', async () => {
    const result = await seed({ dataDir, tickets: 2000, seed: 7, now: NOW });
    expect(result.tickets).toBe(2000);
    const db = open();
    try {
      expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM ticket').n).toBe(2000);
      const customers = one<{ n: number }>(db, 'SELECT count(*) AS n FROM customer').n;
      expect(customers).toBe(result.customers);
      expect(customers / 2000).toBeGreaterThanOrEqual(0.2);
      expect(customers / 2000).toBeLessThanOrEqual(0.4);
      // 1-2 devices per customer
      const perCustomer = all<{ n: number }>(db, 'SELECT count(*) AS n FROM device GROUP BY customer_id');
      expect(perCustomer.length).toBe(customers);
      expect(Math.max(...perCustomer.map((r) => r.n))).toBeLessThanOrEqual(2);

      // Lookup keys exactly as the app computes them.
      for (const c of all<{ name: string; phone: string; name_norm: string; phone_digits: string; phone_rev: string }>(
        db,
        'SELECT name, phone, name_norm, phone_digits, phone_rev FROM customer',
      )) {
        expect({ nameNorm: c.name_norm, phoneDigits: c.phone_digits, phoneRev: c.phone_rev }).toEqual(
          customerKeys(c.name, c.phone),
        );
      }
      expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM customer WHERE name GLOB '*[一-龥]*'").n).toBeGreaterThan(0);
      expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM customer WHERE phone LIKE '+%' AND phone NOT LIKE '+86%'").n).toBeGreaterThan(0);
      // The FTS index follows the customer table (trigram search on a Chinese name).
      const sample = one<{ id: number; name: string }>(db, "SELECT id, name FROM customer WHERE length(name) >= 3 LIMIT 1");
      const hits = all<{ rowid: number }>(db, 'SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?', `"${sample.name}"`);
      expect(hits.map((h) => h.rowid)).toContain(sample.id);

      const phones = all<{ imei: string | null; serial: string | null }>(db, "SELECT imei, serial FROM device WHERE type = 'phone'");
      expect(phones.length).toBeGreaterThan(100);
      for (const p of phones) {
        expect(p.imei).toMatch(/^\d{15}$/);
        expect(luhnValid(p.imei!)).toBe(true);
      }
      expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM device WHERE type <> 'phone' AND serial IS NOT NULL").n).toBeGreaterThan(0);

      const statuses = new Set(all<{ status: string }>(db, 'SELECT DISTINCT status FROM ticket').map((r) => r.status));
      expect(statuses.has('collected')).toBe(true);
      expect(statuses.has('cancelled')).toBe(true);
      expect(OPEN_STATUSES.filter((s) => statuses.has(s)).length).toBeGreaterThanOrEqual(4);

      const bad = one<{ n: number }>(
        db,
        `SELECT count(*) AS n FROM ticket WHERE
           (completed_at IS NOT NULL AND completed_at < received_at)
        OR (collected_at IS NOT NULL AND (completed_at IS NULL OR collected_at < completed_at))
        OR (status = 'collected' AND collected_at IS NULL)
        OR (status IN ('ready', 'collected') AND completed_at IS NULL)
        OR (status NOT IN ('ready', 'collected') AND completed_at IS NOT NULL)
        OR promised_at <= received_at OR received_at > ? OR updated_at > ?
        OR received_at < ? OR backup_ack <> 1 OR passcode_enc IS NOT NULL OR intake_key IS NOT NULL`,
        NOW,
        NOW,
        NOW - 731 * 86_400_000,
      ).n;
      expect(bad).toBe(0);
      const warranties = new Set(all<{ warranty: string }>(db, 'SELECT DISTINCT warranty FROM ticket').map((r) => r.warranty));
      for (const w of warranties) expect(['in_warranty', 'expired', 'no_proof', 'excluded', 'unknown']).toContain(w);
      for (const a of all<{ accessories: string }>(db, 'SELECT DISTINCT accessories FROM ticket')) {
        expect(Array.isArray(JSON.parse(a.accessories))).toBe(true);
      }

      // Repeat repairs: about 3%, each pointing at an earlier completed ticket of the same device within 90 days.
      const repeats = one<{ n: number }>(db, 'SELECT count(*) AS n FROM ticket WHERE repeat_of_id IS NOT NULL').n;
      expect(repeats).toBeGreaterThan(10);
      expect(repeats).toBeLessThan(150);
      const badRepeats = one<{ n: number }>(
        db,
        `SELECT count(*) AS n FROM ticket t JOIN ticket p ON p.id = t.repeat_of_id
         WHERE p.device_id <> t.device_id OR p.completed_at IS NULL OR p.completed_at > t.received_at
            OR p.completed_at < t.received_at - 90 * 86400000 OR p.status = 'cancelled'`,
      ).n;
      expect(badRepeats).toBe(0);

      // Timeline: 1-4 events, starting with 'created' -> received, in order.
      const evCounts = all<{ n: number; first_kind: string }>(
        db,
        `SELECT count(*) AS n, (SELECT kind FROM ticket_event f WHERE f.ticket_id = e.ticket_id ORDER BY at, id LIMIT 1) AS first_kind
         FROM ticket_event e GROUP BY ticket_id`,
      );
      expect(evCounts.length).toBe(2000);
      for (const e of evCounts) {
        expect(e.n).toBeGreaterThanOrEqual(1);
        expect(e.n).toBeLessThanOrEqual(4);
        expect(e.first_kind).toBe('created');
      }
      expect(
        one<{ n: number }>(db, "SELECT count(*) AS n FROM ticket_event WHERE kind = 'created' AND to_status <> 'received'").n,
      ).toBe(0);
      expect(
        one<{ n: number }>(
          db,
          `SELECT count(*) AS n FROM ticket t WHERE t.status <> (SELECT to_status FROM ticket_event e WHERE e.ticket_id = t.id ORDER BY at DESC, id DESC LIMIT 1)`,
        ).n,
      ).toBe(0);

      // Numbers unique, sequence continues after the highest.
      expect(one<{ n: number }>(db, 'SELECT count(DISTINCT number) AS n FROM ticket').n).toBe(2000);
      expect(one<{ value: number }>(db, "SELECT value FROM sequence WHERE name = 'ticket'").value).toBe(2000);
      expect(one<{ m: string }>(db, 'SELECT max(number) AS m FROM ticket').m).toBe('R-002000');

      // Every model used is in the autocomplete list, with its use count.
      const missing = one<{ n: number }>(
        db,
        `SELECT count(*) AS n FROM (SELECT DISTINCT type, brand, model FROM device) d
         WHERE NOT EXISTS (SELECT 1 FROM device_model m WHERE m.type = d.type AND m.brand = d.brand AND m.model = d.model)`,
      ).n;
      expect(missing).toBe(0);
      expect(one<{ n: number }>(db, 'SELECT sum(uses) AS n FROM device_model').n).toBe(result.devices);

      // Staff: one per role, PINs verify; the first-run Admin is kept.
      expect(result.staff.map((s) => s.role).sort()).toEqual([...ROLES].sort());
      for (const s of result.staff) {
        expect(s.pin).toMatch(/^\d{4}$/);
        const row = one<{ role: string; pin_hash: string; pin_salt: string }>(
          db,
          'SELECT role, pin_hash, pin_salt FROM staff WHERE name = ?',
          s.name,
        );
        expect(row.role).toBe(s.role);
        expect(verifyPin(s.pin!, row.pin_salt, row.pin_hash)).toBe(true);
      }
      expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM staff WHERE name = 'Admin'").n).toBe(1);
      // The bulk load does not leave the connection's durability setting changed.
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('is deterministic for a seed', async () => {
    const q =
      'SELECT c.name, c.phone, d.model, d.imei, t.number, t.status, t.problem, t.received_at FROM ticket t JOIN customer c ON c.id = t.customer_id JOIN device d ON d.id = t.device_id ORDER BY t.id';
    const run = async (seedNo: number) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-seed-'));
      try {
        await seed({ dataDir: dir, tickets: 300, seed: seedNo, now: NOW });
        const db = new Database(path.join(dir, DB_FILE), { readonly: true });
        try {
          return db.prepare(q).all();
        } finally {
          db.close();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const first = await run(3);
    expect(await run(3)).toEqual(first);
    expect(await run(4)).not.toEqual(first);
  });

  it('appends on a second run: numbers continue, staff are not duplicated', async () => {
    const result = await seed({ dataDir, tickets: 500, seed: 7, now: NOW });
    expect(result.firstNumber).toBe('R-002001');
    expect(result.lastNumber).toBe('R-002500');
    expect(result.staff.every((s) => s.pin !== null)).toBe(true);
    const db = open();
    try {
      expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM ticket').n).toBe(2500);
      expect(one<{ n: number }>(db, 'SELECT count(DISTINCT number) AS n FROM ticket').n).toBe(2500);
      expect(one<{ value: number }>(db, "SELECT value FROM sequence WHERE name = 'ticket'").value).toBe(2500);
      expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM staff').n).toBe(6);
      expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM customer').n).toBeGreaterThan(500);
      expect(one<{ n: number }>(db, 'SELECT sum(uses) AS n FROM device_model').n).toBe(
        one<{ n: number }>(db, 'SELECT count(*) AS n FROM device').n,
      );
    } finally {
      db.close();
    }
  });
});
