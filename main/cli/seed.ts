import type { EntityManager } from 'typeorm';
import {
  ACCESSORIES,
  SERVICE_MODES,
  type DeviceType,
  type TicketStatus,
} from '../api/schemas/common';
import { openDatabase } from '../db/data-source';
import { sqlOf, sqliteSql, type Sql } from '../db/sql';
import { customerKeys } from '../domain/customers/normalize';
import { SettingsService } from '../domain/settings/settings-service';
import { ensureFirstAdmin } from '../domain/staff/bootstrap';
import { hashPin, verifyPin } from '../domain/staff/pin';
import { formatTicketNumber } from '../domain/tickets/ticket-number';
import {
  CATALOG,
  CN_GIVEN,
  CN_MOBILE_PREFIXES,
  CN_SURNAMES,
  CONDITION_NOTES,
  DEMO_STAFF,
  EMAIL_DOMAINS_CN,
  EMAIL_DOMAINS_EN,
  EN_FIRST,
  EN_LAST,
  EVENT_NOTES,
  PROBLEMS,
  SERIAL_SHAPES,
  TACS,
  type CatalogModel,
} from './seed-data';
import { sqliteRows, type RowSink } from './seed-rows';

/**
 * Tickets for a demo repair shop at any scale (the whole shop, with parts, purchase orders,
 * knowledge and pickups, is `seedShop` in seed-shop.ts, which `npm run seed` runs).
 * Writes straight through the raw better-sqlite3 handle with prepared statements in big
 * transactions (the API path would take hours for a million tickets), computing every derived
 * column with the same helpers the app uses (customer lookup keys, ticket numbers, PIN hashes).
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BATCH = 10_000;
const REPAIR_WARRANTY_DAYS = 90;
const HISTORY_DAYS = 730;

export interface SeedOptions {
  dataDir: string;
  tickets: number;
  /** PRNG seed; the same seed on the same starting database gives the same data. */
  seed?: number;
  /** "Today" for the generated history; defaults to the clock. */
  now?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedStaff {
  name: string;
  role: string;
  /** null when the PIN was changed since it was seeded. */
  pin: string | null;
}

export interface SeedResult {
  staff: SeedStaff[];
  /** Tickets and customers added by this run. */
  tickets: number;
  customers: number;
  devices: number;
  events: number;
  firstNumber: string | null;
  lastNumber: string | null;
  ms: number;
}

// ---------------------------------------------------------------- deterministic randomness

/** mulberry32: tiny, fast, good enough for demo data, and reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(n: number) {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number) {
    return lo + this.next() * (hi - lo);
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  /** Favours the front of the list (frequency-ordered lists). */
  pickFront<T>(list: readonly T[]): T {
    const r = this.next();
    return list[Math.floor(r * r * list.length)];
  }
  digits(n: number) {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }
  alnum(n: number) {
    const chars = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
    let s = '';
    for (let i = 0; i < n; i++) s += chars[this.int(chars.length)];
    return s;
  }
}

/** Picks keys by weight in O(log n). */
function weighted<T extends string>(table: Partial<Record<T, number>>): (r: Random) => T {
  const keys = Object.keys(table) as T[];
  const cum: number[] = [];
  let total = 0;
  for (const k of keys) cum.push((total += table[k] ?? 0));
  return (r) => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return keys[lo];
  };
}

// ---------------------------------------------------------------- generators

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function chineseName(r: Random) {
  const surname = r.pickFront(CN_SURNAMES);
  const given = r.chance(0.35) ? r.pick(CN_GIVEN) : r.pick(CN_GIVEN) + r.pick(CN_GIVEN);
  return surname + given;
}

function englishName(r: Random) {
  return `${r.pick(EN_FIRST)} ${r.pick(EN_LAST)}`;
}

/** Mainland mobiles written the ways customers give them, plus foreign numbers. */
function phoneNumber(r: Random): { phone: string; mainland: boolean; digits: string } {
  if (r.chance(0.9)) {
    const digits = r.pickFront(CN_MOBILE_PREFIXES) + r.digits(8);
    const x = r.next();
    const spaced = `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
    const phone =
      x < 0.6
        ? digits
        : x < 0.8
          ? spaced
          : x < 0.9
            ? `+86 ${spaced}`
            : x < 0.95
              ? `+86${digits}`
              : `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
    return { phone, mainland: true, digits };
  }
  const x = r.next();
  if (x < 0.3) {
    const d = `7${r.digits(9)}`;
    return { phone: `+44 ${d.slice(0, 4)} ${d.slice(4)}`, mainland: false, digits: `44${d}` };
  }
  if (x < 0.55) {
    const area = String(200 + r.int(800));
    const d = `${area}555${r.digits(4)}`;
    return { phone: `+1 (${area}) 555-${d.slice(6)}`, mainland: false, digits: `1${d}` };
  }
  if (x < 0.75) {
    const d = `${r.pick(['8', '9'])}${r.digits(7)}`;
    return { phone: `+65 ${d.slice(0, 4)} ${d.slice(4)}`, mainland: false, digits: `65${d}` };
  }
  if (x < 0.9) {
    const d = `${r.pick(['5', '6', '9'])}${r.digits(7)}`;
    return { phone: `+852 ${d.slice(0, 4)} ${d.slice(4)}`, mainland: false, digits: `852${d}` };
  }
  const d = `90${r.digits(8)}`;
  return {
    phone: `+81 ${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6)}`,
    mainland: false,
    digits: `81${d}`,
  };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const isoUtc = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
};
const isoLocal = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
};
/** Same rule as decideWarranty: purchase + months - 1 day. */
function warrantyUntil(purchase: string, months: number): string {
  const [y, m, d] = purchase.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return isoUtc(target.getTime() - DAY);
}

const pickCategory = weighted({ fault: 92, consultation: 5, complaint: 2, suggestion: 1 });
const pickPriority = weighted({ normal: 90, urgent: 8, emergency: 2 });
const pickMode = weighted<(typeof SERVICE_MODES)[number]>({
  carry_in: 80,
  vendor: 8,
  on_site: 3,
  swap: 3,
  loaner: 3,
  remote: 3,
});
const pickProof = weighted({ invoice: 55, warranty_card: 20, none: 25 });
const pickChannel = weighted({
  our_store: 45,
  online: 30,
  other_retailer: 12,
  carrier: 6,
  gift: 5,
  other: 2,
});
const pickExclusion = weighted({ none: 88, accidental: 7, liquid: 4, unauthorised_repair: 1 });

/** How a ticket of a given age has usually ended up. */
const STATUS_BY_AGE: Array<[maxDays: number, pick: (r: Random) => TicketStatus]> = [
  [
    3,
    weighted<TicketStatus>({
      received: 30,
      diagnosing: 25,
      awaiting_approval: 10,
      awaiting_parts: 8,
      in_repair: 15,
      quality_check: 5,
      on_hold: 2,
      at_vendor: 3,
      ready: 2,
    }),
  ],
  [
    14,
    weighted<TicketStatus>({
      diagnosing: 5,
      awaiting_approval: 8,
      awaiting_parts: 12,
      in_repair: 14,
      quality_check: 8,
      ready: 22,
      collected: 20,
      at_vendor: 4,
      back_from_vendor: 2,
      on_hold: 2,
      cancelled: 3,
    }),
  ],
  [
    60,
    weighted<TicketStatus>({
      collected: 85,
      ready: 6,
      cancelled: 4,
      awaiting_parts: 2,
      at_vendor: 1,
      on_hold: 1,
      back_from_vendor: 1,
    }),
  ],
  [Infinity, weighted<TicketStatus>({ collected: 94.7, cancelled: 5, ready: 0.2, on_hold: 0.1 })],
];

/** The step before each open status, for a believable two-step timeline. */
const VIA: Partial<Record<TicketStatus, TicketStatus>> = {
  awaiting_approval: 'diagnosing',
  awaiting_parts: 'diagnosing',
  in_repair: 'diagnosing',
  quality_check: 'in_repair',
  on_hold: 'diagnosing',
  at_vendor: 'diagnosing',
  back_from_vendor: 'at_vendor',
  ready: 'in_repair',
  cancelled: 'diagnosing',
};

const ACCESSORY_ODDS: Record<DeviceType, Partial<Record<(typeof ACCESSORIES)[number], number>>> = {
  phone: { case: 0.4, sim_card: 0.25, charger: 0.1, cable: 0.1, memory_card: 0.03, box: 0.02 },
  laptop: { charger: 0.7, bag: 0.3, cable: 0.1 },
  tablet: { case: 0.4, charger: 0.3, stylus: 0.15, cable: 0.1 },
  console: { cable: 0.4, charger: 0.3, box: 0.1, memory_card: 0.1 },
  watch: { charger: 0.5, box: 0.1 },
  desktop: { cable: 0.5, other: 0.1 },
  other: { charger: 0.3, case: 0.3, cable: 0.2 },
};

// ---------------------------------------------------------------- staff

async function seedStaff(sql: Sql, now: number): Promise<SeedStaff[]> {
  const out: SeedStaff[] = [];
  for (const s of DEMO_STAFF) {
    const row = await sql.get<{ id: number; pin_hash: string; pin_salt: string }>(
      'SELECT id, pin_hash, pin_salt FROM staff WHERE name = ?',
      s.name,
    );
    if (!row) {
      const { hash, salt } = hashPin(s.pin);
      await sql.run(
        `INSERT INTO staff (name, role, pin_hash, pin_salt, active, failed_pins, locked_until, created_at, updated_at, version)
         VALUES (?, ?, ?, ?, 1, 0, NULL, ?, ?, 1)`,
        s.name,
        s.role,
        hash,
        salt,
        now,
        now,
      );
      out.push({ name: s.name, role: s.role, pin: s.pin });
    } else
      out.push({
        name: s.name,
        role: s.role,
        pin: verifyPin(s.pin, row.pin_salt, row.pin_hash) ? s.pin : null,
      });
  }
  return out;
}

// ---------------------------------------------------------------- the seed

/** The shop the ticket seed writes to: small reads and writes through `sql` (joined to `em`),
 * the bulk rows through `rows`. */
export interface SeedDb {
  em: EntityManager;
  sql: Sql;
  rows: RowSink;
}

export async function seed(opts: SeedOptions): Promise<SeedResult> {
  const { dataSource, raw } = await openDatabase(opts.dataDir);
  try {
    // The seed is a throwaway bulk load: skip the per-commit fsync while it runs (a crash
    // just means seeding again) and give SQLite a big page cache; FULL is restored below.
    raw.pragma('synchronous = OFF');
    raw.pragma('cache_size = -524288');
    let result: SeedResult;
    try {
      result = await seedTickets(
        { em: dataSource.manager, sql: sqliteSql(raw), rows: sqliteRows(raw) },
        opts,
      );
    } finally {
      raw.pragma('cache_size = -2000');
      raw.pragma('synchronous = FULL');
    }
    raw.pragma('wal_checkpoint(TRUNCATE)');
    return result;
  } finally {
    await dataSource.destroy();
  }
}

/** The tickets with their customers, devices and timelines, into either engine (`db`). */
export async function seedTickets(
  db: SeedDb,
  opts: Omit<SeedOptions, 'dataDir'>,
): Promise<SeedResult> {
  const started = Date.now();
  const total = Math.max(0, Math.floor(opts.tickets));
  const now = opts.now ?? Date.now();
  const { em, sql } = db;
  {
    const settings = new SettingsService();
    await settings.load(em);
    // The app would create the first admin on start; keep that account exactly as it would.
    await ensureFirstAdmin(em, now);
    const staff = await seedStaff(sql, now);
    const staffIds = await sql.all<{ id: number; role: string }>(
      `SELECT id, role FROM staff WHERE name IN (${DEMO_STAFF.map(() => '?').join(',')})`,
      ...DEMO_STAFF.map((s) => s.name),
    );
    const idOf = (role: string) => staffIds.find((s) => s.role === role)!.id;
    const counterId = idOf('counter');
    const managerId = idOf('manager');
    const techId = idOf('technician');
    const inspectorId = idOf('inspector');

    const maxId = async (table: string) =>
      Number(
        (await sql.get<{ n: number }>(`SELECT coalesce(max(id), 0) AS n FROM ${table}`))?.n ?? 0,
      );
    const ticketBase = await maxId('ticket');
    const customerBase = await maxId('customer');
    const deviceBase = await maxId('device');
    const seqRow = await sql.get<{ value: number }>(
      "SELECT value FROM sequence WHERE name = 'ticket'",
    );
    const seqBase = Number(seqRow?.value ?? 0);
    const prefix = settings.get('ticket.prefix');
    const digits = settings.get('ticket.digits');
    const months = settings.get('warranty.months');
    const workingDays = settings.get('promise.workingDays');
    const urgentFactor = settings.get('promise.urgentFactor');

    // Mixing in what is already there makes an appending run different from the first one,
    // yet still reproducible.
    const r = new Random(mulberry32((opts.seed ?? 1) * 2654435761 + ticketBase * 40503));

    // The history: the last two years up to yesterday, counter hours 09:00-18:00 local time.
    const today0 = new Date(now);
    today0.setHours(0, 0, 0, 0);
    const dayStart: number[] = [];
    const dayIso: string[] = [];
    for (let i = HISTORY_DAYS; i >= 1; i--) {
      const d = new Date(today0);
      d.setDate(d.getDate() - i);
      dayStart.push(d.getTime());
      dayIso.push(isoLocal(d.getTime()));
    }
    const startOfDay = (idx: number) =>
      idx < dayStart.length
        ? dayStart[idx]
        : dayStart[dayStart.length - 1] + (idx - dayStart.length + 1) * DAY;

    const customerRow = db.rows.table('customer', [
      'id',
      'name',
      'name_norm',
      'phone',
      'phone_digits',
      'phone_rev',
      'email',
      'channel',
      'created_at',
      'updated_at',
      'version',
    ]);
    const deviceRow = db.rows.table('device', [
      'id',
      'customer_id',
      'type',
      'brand',
      'model',
      'serial',
      'imei',
      'purchase_date',
      'proof',
      'created_at',
      'updated_at',
      'version',
    ]);
    const ticketRow = db.rows.table('ticket', [
      'id',
      'number',
      'intake_key',
      'customer_id',
      'device_id',
      'status',
      'category',
      'priority',
      'service_mode',
      'problem',
      'accessories',
      'condition_notes',
      'backup_ack',
      'passcode_enc',
      'warranty',
      'warranty_until',
      'exclusion',
      'repeat_of_id',
      'estimate_cents',
      'deposit_cents',
      'promised_at',
      'received_at',
      'completed_at',
      'collected_at',
      'created_by',
      'assigned_to',
      'updated_at',
      'version',
    ]);
    const eventRow = db.rows.table('ticket_event', [
      'ticket_id',
      'kind',
      'from_status',
      'to_status',
      'note',
      'staff_id',
      'at',
    ]);

    // In-memory state of this run's customers and devices (indexes are 0-based within the run).
    const cap = total + 16;
    const devCustomer = new Int32Array(cap);
    const devModel = new Int32Array(cap);
    const devFree = new Float64Array(cap); // when the device's latest ticket ended (Infinity while open)
    const devLastTicket = new Int32Array(cap); // id of the latest completed (not cancelled) ticket
    const devLastDone = new Float64Array(cap); // its completed_at
    const devImei: Array<string | null> = [];
    const devSerial: Array<string | null> = [];
    const devPurchase: Array<string | null> = [];
    const devProof: string[] = [];
    const custDevices: number[][] = [];
    let customers = 0;
    let devices = 0;
    let events = 0;
    const usedPhones = new Set<string>();
    const usedImeis = new Set<string>();
    const modelUses = new Map<number, number>();
    // Recently completed tickets, to draw the ~3% deliberate repeat repairs from.
    const recentDone: number[] = [];
    let recentPos = 0;

    const catalogCum: number[] = [];
    let catalogTotal = 0;
    for (const c of CATALOG) catalogCum.push((catalogTotal += c.weight));
    const pickModel = () => {
      const x = r.next() * catalogTotal;
      let lo = 0;
      let hi = catalogCum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (catalogCum[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };

    const newCustomer = (at: number): number => {
      const idx = customers++;
      const chinese = r.chance(0.78);
      const name = chinese ? chineseName(r) : englishName(r);
      let ph = phoneNumber(r);
      for (let tries = 0; usedPhones.has(ph.digits) && tries < 5; tries++) ph = phoneNumber(r);
      usedPhones.add(ph.digits);
      let email: string | null = null;
      if (r.chance(0.3)) {
        if (chinese) {
          email = r.chance(0.5)
            ? `${String(10000 + r.int(2_000_000_000))}@qq.com`
            : `${ph.mainland ? ph.digits : r.digits(9)}@${r.pick(EMAIL_DOMAINS_CN)}`;
        } else {
          const [first, last] = name
            .toLowerCase()
            .replace(/[^a-z ]/g, '')
            .split(' ');
          email = `${first}.${last}${r.chance(0.5) ? r.int(100) : ''}@${r.pick(EMAIL_DOMAINS_EN)}`;
        }
      }
      const keys = customerKeys(name, ph.phone);
      customerRow(
        customerBase + idx + 1,
        name,
        keys.nameNorm,
        ph.phone,
        keys.phoneDigits,
        keys.phoneRev,
        email,
        pickChannel(r),
        at,
        at,
        1,
      );
      custDevices.push([]);
      return idx;
    };

    const newDevice = (custIdx: number, at: number, atDay: number): number => {
      const idx = devices++;
      const mi = pickModel();
      const model: CatalogModel = CATALOG[mi];
      let imei: string | null = null;
      let serial: string | null = null;
      if (model.type === 'phone') {
        const tacs = TACS[model.brand] ?? ['35000000'];
        do {
          const body = r.pick(tacs) + r.digits(6);
          imei = body + luhnCheckDigit(body);
        } while (usedImeis.has(imei));
        usedImeis.add(imei);
        if (model.brand === 'Apple' && r.chance(0.5)) serial = `F${r.alnum(11)}`;
      } else {
        const [p, n] = SERIAL_SHAPES[model.brand] ?? ['SN', 10];
        serial = r.chance(0.92) ? p + r.alnum(n) : null;
      }
      // Bought between launch and a week before the first visit, usually within 3 years.
      let purchase: string | null = null;
      if (r.chance(0.85)) {
        const launch = Date.UTC(model.year, 2, 1);
        const latest = at - 7 * DAY;
        const earliest = Math.max(launch, at - 3 * 365 * DAY);
        purchase = isoUtc(earliest < latest ? r.between(earliest, latest) : latest);
        if (purchase > dayIso[Math.min(atDay, dayIso.length - 1)])
          purchase = dayIso[Math.min(atDay, dayIso.length - 1)];
      }
      const proof = purchase ? pickProof(r) : 'none';
      deviceRow(
        deviceBase + idx + 1,
        customerBase + custIdx + 1,
        model.type,
        model.brand,
        model.model,
        serial,
        imei,
        purchase,
        proof,
        at,
        at,
        1,
      );
      devCustomer[idx] = custIdx;
      devModel[idx] = mi;
      devFree[idx] = 0;
      devLastTicket[idx] = 0;
      devLastDone[idx] = -Infinity;
      devImei.push(imei);
      devSerial.push(serial);
      devPurchase.push(purchase);
      devProof.push(proof);
      custDevices[custIdx].push(idx);
      modelUses.set(mi, (modelUses.get(mi) ?? 0) + 1);
      return idx;
    };

    /** A returning customer's device that is free and not within the repair warranty of an
     * earlier repair (those become deliberate repeats only). */
    const returning = (at: number, atDay: number): number | null => {
      for (let tries = 0; tries < 6; tries++) {
        const c = r.int(customers);
        const list = custDevices[c];
        if (list.length < 2 && r.chance(0.25)) return newDevice(c, at, atDay);
        const d = list[r.int(list.length)];
        if (devFree[d] < at && devLastDone[d] < at - REPAIR_WARRANTY_DAYS * DAY) return d;
      }
      return null;
    };

    const repeatDevice = (at: number): number | null => {
      for (let tries = 0; tries < 8 && recentDone.length > 0; tries++) {
        const d = recentDone[r.int(recentDone.length)];
        if (
          devFree[d] < at &&
          devLastDone[d] >= at - REPAIR_WARRANTY_DAYS * DAY &&
          devLastDone[d] < at
        )
          return d;
      }
      return null;
    };

    let ticketIdx = 0;
    const writeBatch = (count: number) => {
      for (let k = 0; k < count; k++, ticketIdx++) {
        const i = ticketIdx;
        // Received: monotone in i, spread evenly over the history, within counter hours.
        const pos = ((i + r.next()) / total) * HISTORY_DAYS;
        const day = Math.min(HISTORY_DAYS - 1, Math.floor(pos));
        const received = Math.round(dayStart[day] + 9 * HOUR + (pos - day) * 9 * HOUR);
        const ageDays = (now - received) / DAY;

        let dev: number | null = null;
        let repeatOf: number | null = null;
        if (customers > 0 && r.chance(0.03)) {
          dev = repeatDevice(received);
          if (dev !== null) repeatOf = devLastTicket[dev];
        }
        if (dev === null && customers > 20 && r.chance(0.72)) dev = returning(received, day);
        if (dev === null) dev = newDevice(newCustomer(received), received, day);
        const model = CATALOG[devModel[dev]];

        const ticketId = ticketBase + i + 1;
        const number = formatTicketNumber(prefix, digits, seqBase + i + 1);
        let status: TicketStatus = 'collected';
        for (const [max, pick] of STATUS_BY_AGE) {
          if (ageDays < max) {
            status = pick(r);
            break;
          }
        }
        const mode = pickMode(r);
        const priority = pickPriority(r);
        const category = pickCategory(r);
        const room = now - received; // nothing may happen after "now"
        const repairSpan = (mode === 'vendor' ? r.between(7, 20) : r.between(0.2, 6)) * DAY;
        let completed: number | null = null;
        let collected: number | null = null;
        let ended: number = Infinity;
        const evs: Array<[kind: string, from: string | null, to: string, at: number]> = [];
        evs.push(['created', null, 'received', received]);
        if (status === 'collected' || status === 'ready') {
          completed = received + Math.min(repairSpan, room * 0.6);
          const mid = received + (completed - received) * r.between(0.05, 0.5);
          evs.push(['status', 'received', 'in_repair', Math.round(mid)]);
          evs.push(['status', 'in_repair', 'ready', Math.round(completed)]);
          if (status === 'collected') {
            collected =
              completed +
              Math.min(r.between(0.05, 1) * r.between(0.1, 10) * DAY, (now - completed) * 0.9);
            evs.push(['status', 'ready', 'collected', Math.round(collected)]);
            ended = collected;
          } else ended = Infinity;
        } else if (status === 'cancelled') {
          const at1 = received + Math.min(r.between(0.1, 2) * DAY, room * 0.4);
          const at2 = at1 + Math.min(r.between(0.1, 3) * DAY, (now - at1) * 0.8);
          evs.push(['status', 'received', 'diagnosing', Math.round(at1)]);
          evs.push(['status', 'diagnosing', 'cancelled', Math.round(at2)]);
          ended = at2;
        } else if (status !== 'received') {
          const via = VIA[status];
          const at1 = received + room * r.between(0.05, 0.4);
          if (via && via !== status) {
            const at2 = at1 + (now - at1) * r.between(0.1, 0.8);
            evs.push(['status', 'received', via, Math.round(at1)]);
            evs.push(['status', via, status, Math.round(at2)]);
          } else evs.push(['status', 'received', status, Math.round(at1)]);
        }
        if (completed !== null) completed = Math.round(completed);
        if (collected !== null) collected = Math.round(collected);

        // Warranty exactly as intake decides it (decideWarranty), as of the day received.
        const purchase = devPurchase[dev];
        const exclusion = pickExclusion(r);
        const until = purchase ? warrantyUntil(purchase, months[model.type] ?? 0) : null;
        const warranty =
          exclusion !== 'none'
            ? 'excluded'
            : !until
              ? 'unknown'
              : dayIso[day] > until
                ? 'expired'
                : devProof[dev] === 'none'
                  ? 'no_proof'
                  : 'in_warranty';

        const promiseDays = (workingDays[mode] ?? 3) * (priority === 'normal' ? 1 : urgentFactor);
        const promised =
          startOfDay(day + Math.max(1, Math.ceil((promiseDays * 7) / 6))) + 18 * HOUR;

        const odds = ACCESSORY_ODDS[model.type];
        const accessories: string[] = [];
        for (const a of ACCESSORIES) {
          const p = odds[a];
          if (p && r.chance(p)) accessories.push(a);
        }
        const problems = r.chance(0.8) ? PROBLEMS[model.type] : PROBLEMS.any;
        const problem = r.chance(0.15)
          ? `${r.pick(problems)}; ${r.pick(PROBLEMS.any)}`
          : r.pick(problems);
        const estimate =
          category === 'fault' && warranty !== 'in_warranty' && repeatOf === null
            ? (5 + r.int(120)) * 1000
            : 0;
        const deposit =
          estimate > 0 && r.chance(0.4) ? Math.min(estimate, (1 + r.int(5)) * 5000) : 0;
        const assigned = status === 'received' ? null : r.chance(0.9) ? techId : managerId;
        const lastAt = evs[evs.length - 1][3];

        ticketRow(
          ticketId,
          number,
          null, // intake_key
          customerBase + devCustomer[dev] + 1,
          deviceBase + dev + 1,
          status,
          category,
          priority,
          mode,
          problem,
          JSON.stringify(accessories),
          r.pick(CONDITION_NOTES),
          1, // backup_ack
          null, // passcode_enc
          warranty,
          until,
          exclusion === 'none' ? null : exclusion,
          repeatOf,
          estimate,
          deposit,
          promised,
          received,
          completed,
          collected,
          r.chance(0.85) ? counterId : managerId,
          assigned,
          lastAt,
          1,
        );
        for (let e = 0; e < evs.length; e++) {
          const [kind, from, to, at] = evs[e];
          const who =
            e === 0
              ? null
              : to === 'ready' || to === 'quality_check'
                ? inspectorId
                : to === 'collected' || to === 'cancelled'
                  ? counterId
                  : techId;
          eventRow(
            ticketId,
            kind,
            from,
            to,
            e === 0
              ? repeatOf
                ? `repeat of ${formatTicketNumber(prefix, digits, seqBase + repeatOf - ticketBase)}`
                : null
              : r.pick(EVENT_NOTES),
            e === 0 ? (r.chance(0.85) ? counterId : managerId) : who,
            at,
          );
        }
        events += evs.length;

        devFree[dev] = ended;
        if (completed !== null) {
          devLastTicket[dev] = ticketId;
          devLastDone[dev] = completed;
          if (recentDone.length < 4096) recentDone.push(dev);
          else recentDone[recentPos++ % 4096] = dev;
        }
      }
    };

    while (ticketIdx < total) {
      await db.rows.batch(() => writeBatch(Math.min(BATCH, total - ticketIdx)));
      opts.onProgress?.(ticketIdx, total);
    }
    await em.transaction(async (tx) => {
      const q = sqlOf(tx);
      for (const [mi, uses] of modelUses) {
        const c = CATALOG[mi];
        await q.run(
          `INSERT INTO device_model (type, brand, model, model_norm, uses) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (type, brand, model) DO UPDATE SET uses = device_model.uses + excluded.uses`,
          c.type,
          c.brand,
          c.model,
          `${c.brand} ${c.model}`.toLowerCase(),
          uses,
        );
      }
      if (total > 0) {
        await q.run(
          `INSERT INTO sequence (name, value) VALUES ('ticket', ?)
           ON CONFLICT (name) DO UPDATE SET value = CASE WHEN excluded.value > sequence.value
             THEN excluded.value ELSE sequence.value END`,
          seqBase + total,
        );
      }
    });

    return {
      staff,
      tickets: total,
      customers,
      devices,
      events,
      firstNumber: total ? formatTicketNumber(prefix, digits, seqBase + 1) : null,
      lastNumber: total ? formatTicketNumber(prefix, digits, seqBase + total) : null,
      ms: Date.now() - started,
    };
  }
}
