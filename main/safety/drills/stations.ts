import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { createWorkstation } from '../../app';
import { DB_URL_ENV } from '../../db/engine';
import { pgClientConfig } from '../../db/open-postgres';
import { marks } from '../../db/sql';
import { addStaffWithPin, inProcessCaller, scratchAdmin } from '../../domain/staff/bootstrap';
import { checkStock } from '../../domain/inventory/stock-ledger';
import { VirtualEscPosPrinter } from '../../devices/emulator/virtual-escpos-printer';
import { verifyAuditPg } from '../audit-verify';
import { bundleChild } from './bundle-child';
import { clientSql, scratchPgDatabase } from './pg-scratch';

export interface StationsDrillResult {
  drill: 'stations';
  stations: number;
  seconds: number;
  /** Acknowledged writes by kind (ticket, transition, part, invoice), all stations. */
  acknowledged: Record<string, number>;
  /** Refusals by code and key: CONFLICTs are what shared stock and shared tickets expect. */
  refusals: Record<string, number>;
  /** Anything else a station met (should be none). */
  errors: string[];
  /** Acknowledged tickets/invoices not in the database; tickets in it nobody acknowledged. */
  lost: number;
  unacknowledged: number;
  ticketNumbersGapFree: boolean;
  negativeStock: number;
  ledgerBreaks: number;
  auditOk: boolean;
  /** Each station's receipt printer (an emulator on a pty): every receipt job of the drill
   * printed exactly once, on its own station's printer. Absent when run without printers. */
  printing?: PrintingCheck;
  /** p50/p95 ms per method over every station's calls. */
  methods: Record<string, { n: number; p50: number; p95: number }>;
  ms: number;
}

export interface PrintingCheck {
  /** Receipt jobs the stations made (intake and pickup receipts). */
  jobs: number;
  /** Jobs whose receipt came out once, on their own station's printer. */
  printedOnceRightStation: number;
  /** Receipts printed twice, on another station's printer, or not at all (all should be 0). */
  printedTwice: number;
  wrongStation: number;
  notPrinted: number;
  /** Tags waiting for a label printer (the stations have none): visible in every queue view. */
  labelsWaiting: number;
  /** Receipts each printer put out, by station. */
  perStation: Record<string, number>;
}

interface ChildRun {
  acks: string[][];
  done: {
    refusals: Record<string, number>;
    errors: string[];
    timings: Record<string, number[]>;
    stationId: string;
  } | null;
  stderr: string;
  code: number | null;
}

function runStation(
  childFile: string,
  cfg: Record<string, unknown>,
  url: string,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile, JSON.stringify(cfg)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, [DB_URL_ENV]: url },
    });
    const run: ChildRun = { acks: [], done: null, stderr: '', code: null };
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('ACK ')) run.acks.push(line.slice(4).split(' '));
      else if (line.startsWith('DONE ')) run.done = JSON.parse(line.slice(5)) as ChildRun['done'];
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (run.stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ...run, code }));
  });
}

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] * 100) / 100
    : 0;

/**
 * Several stations, one shop: `stations` processes on one PostgreSQL database (a scratch
 * database of its own on the server), each walking repairs from walk-in to pickup at `paceMs`
 * per action for `seconds`, several repairs in flight, on a few parts with little stock. Then
 * every acknowledged ticket and invoice must be there, ticket numbers gap-free, stock never
 * below zero and equal to its ledger, and the audit chain whole.
 */
export interface StationPeople {
  counter: { name: string; pin: string };
  technician: { name: string; pin: string };
  inspector: { name: string; pin: string };
  /** Plugs in each station's receipt printer (only when the drill runs with printers). */
  admin?: { name: string; pin: string };
}

export async function stationsDrill(opts: {
  pgUrl: string;
  stations?: number;
  seconds?: number;
  paceMs?: number;
  inFlight?: number;
  /** On this database itself (the bench's seeded shop) with its own people and parts, instead
   * of a scratch database the drill makes, fills and drops. */
  inPlace?: { people: StationPeople; partIds: number[] };
  /** A receipt printer per station (socat pty + ESC/POS emulator); default on a scratch shop. */
  printers?: boolean;
  log?: (s: string) => void;
}): Promise<StationsDrillResult> {
  const started = Date.now();
  const stations = opts.stations ?? 10;
  const seconds = opts.seconds ?? 180;
  const scratch = opts.inPlace ? null : await scratchPgDatabase(opts.pgUrl, 'stations');
  const url = scratch?.url ?? opts.pgUrl;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-stations-'));
  const childFile = bundleChild(path.join(__dirname, 'stations-child.ts'));
  const printers: VirtualEscPosPrinter[] = [];
  try {
    if (opts.printers ?? !opts.inPlace)
      for (let i = 1; i <= stations; i++) {
        const printer = new VirtualEscPosPrinter(
          path.join(root, `printer-${i}`),
          path.join(root, `.printer-${i}-dev`),
        );
        await printer.plug();
        printers.push(printer);
      }
    const { people, partIds } =
      opts.inPlace ?? (await scratchShop(url, path.join(root, 'setup'), stations));
    const client = new pg.Client(pgClientConfig(url));
    await client.connect();
    const sql = clientSql(client);
    const high = async () =>
      (await sql.get<{ t: number; i: number; j: number }>(
        `SELECT (SELECT coalesce(max(id), 0) FROM ticket) AS t,
                (SELECT coalesce(max(id), 0) FROM invoice) AS i,
                (SELECT coalesce(max(id), 0) FROM print_job) AS j`,
      ))!;
    const before = await high();
    opts.log?.(`stations drill: ${stations} stations for ${seconds} s`);
    const runs = await Promise.all(
      Array.from({ length: stations }, (_, i) =>
        runStation(
          childFile,
          {
            dataDir: path.join(root, `station-${i + 1}`),
            station: `station-${i + 1}`,
            seconds,
            paceMs: opts.paceMs ?? 600,
            inFlight: opts.inFlight ?? 4,
            partIds,
            people,
            printerPath: printers[i]?.path,
          },
          url,
        ),
      ),
    );
    const result: StationsDrillResult = {
      drill: 'stations',
      stations,
      seconds,
      acknowledged: {},
      refusals: {},
      errors: [],
      lost: 0,
      unacknowledged: 0,
      ticketNumbersGapFree: false,
      negativeStock: 0,
      ledgerBreaks: 0,
      auditOk: false,
      methods: {},
      ms: 0,
    };
    const timings = new Map<string, number[]>();
    for (const [i, run] of runs.entries()) {
      if (!run.done)
        result.errors.push(`station-${i + 1} exited ${run.code}: ${run.stderr.slice(0, 500)}`);
      for (const [kind] of run.acks)
        result.acknowledged[kind] = (result.acknowledged[kind] ?? 0) + 1;
      for (const [k, n] of Object.entries(run.done?.refusals ?? {}))
        result.refusals[k] = (result.refusals[k] ?? 0) + n;
      result.errors.push(...(run.done?.errors ?? []).map((e) => `station-${i + 1}: ${e}`));
      for (const [m, list] of Object.entries(run.done?.timings ?? {}))
        timings.set(m, [...(timings.get(m) ?? []), ...list]);
    }
    for (const [m, list] of timings) {
      const sorted = [...list].sort((a, b) => a - b);
      result.methods[m] = { n: sorted.length, p50: pct(sorted, 0.5), p95: pct(sorted, 0.95) };
    }
    const acked = (kind: string) =>
      runs.flatMap((r) => r.acks.filter(([k]) => k === kind).map(([, id]) => id));
    try {
      // Only what was written during the drill: on a seeded shop the rest is the seed's.
      const tickets = new Set(
        (await sql.all<{ number: string }>('SELECT number FROM ticket WHERE id > ?', before.t)).map(
          (r) => r.number,
        ),
      );
      const invoices = new Set(
        (
          await sql.all<{ number: string }>(
            `SELECT i.number FROM invoice i WHERE i.id > ? AND i.kind = 'invoice'
             AND i.paid_cents = (SELECT coalesce(sum(amount_cents), 0) FROM payment p WHERE p.invoice_id = i.id) + i.change_cents + i.return_cents`,
            before.i,
          )
        ).map((r) => r.number),
      );
      const ackedTickets = acked('ticket');
      result.lost =
        ackedTickets.filter((n) => !tickets.has(n)).length +
        acked('invoice').filter((n) => !invoices.has(n)).length;
      result.unacknowledged = tickets.size - new Set(ackedTickets).size;
      const seqs = [...tickets].map((n) => Number(/(\d+)$/.exec(n)?.[1])).sort((a, b) => a - b);
      result.ticketNumbersGapFree = seqs.every((n, i) => i === 0 || n === seqs[i - 1] + 1);
      result.negativeStock = Number(
        (await sql.get<{ n: number }>('SELECT count(*) AS n FROM stock_balance WHERE on_hand < 0'))
          ?.n ?? 0,
      );
      result.ledgerBreaks = (await checkStock(sql)).mismatches.length;
      if (printers.length) {
        await Promise.all(printers.map((p) => p.settled()));
        result.printing = await checkPrinting(sql, before.j, runs, printers);
      }
      if (opts.inPlace) {
        // Its stations were throwaway folders: retired, so the shop's list of stations (and an
        // upgrade's "other stations") does not keep ten PCs that will never come back.
        const ids = runs.flatMap((r) => (r.done ? [r.done.stationId] : []));
        if (ids.length)
          await sql.run(
            `UPDATE station SET retired_at = ? WHERE id IN (${marks(ids.length)})`,
            Date.now(),
            ...ids,
          );
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    result.auditOk = (await verifyAuditPg(url, () => [])).ok;
    result.ms = Date.now() - started;
    return result;
  } finally {
    await Promise.all(printers.map((p) => p.unplug().catch(() => undefined)));
    fs.rmSync(childFile, { force: true });
    fs.rmSync(root, { recursive: true, force: true });
    await scratch
      ?.drop()
      .catch((err: unknown) => opts.log?.(`could not drop the scratch database: ${String(err)}`));
  }
}

/**
 * Every receipt job the drill made, against what each station's printer put out: an intake
 * receipt is known by its ticket number (and carries no invoice), a pickup receipt by its
 * invoice number. Each must come out exactly once, on the printer of the station it is for.
 */
async function checkPrinting(
  sql: ReturnType<typeof clientSql>,
  afterJob: number,
  runs: ChildRun[],
  printers: VirtualEscPosPrinter[],
): Promise<PrintingCheck> {
  const jobs = await sql.all<{
    kind: string;
    station: string;
    number: string;
    invoice: string | null;
  }>(
    `SELECT j.kind, j.station_id AS station, t.number,
            (SELECT i.number FROM invoice i WHERE i.ticket_id = j.ticket_id AND i.kind = 'invoice'
             ORDER BY i.id LIMIT 1) AS invoice
     FROM print_job j JOIN ticket t ON t.id = j.ticket_id WHERE j.id > ?`,
    afterJob,
  );
  const printerOf = new Map(runs.map((r, i) => [r.done?.stationId ?? `?${i}`, i]));
  const check: PrintingCheck = {
    jobs: 0,
    printedOnceRightStation: 0,
    printedTwice: 0,
    wrongStation: 0,
    notPrinted: 0,
    labelsWaiting: 0,
    perStation: Object.fromEntries(printers.map((p, i) => [`station-${i + 1}`, p.receipts.length])),
  };
  for (const job of jobs) {
    if (job.kind === 'device_tag') {
      check.labelsWaiting++;
      continue;
    }
    check.jobs++;
    const isIt = (text: string) =>
      job.kind === 'pickup_receipt'
        ? job.invoice !== null && text.includes(job.invoice)
        : text.includes(job.number) && !/INV-\d/.test(text);
    const where = printers.map((p) => p.receipts.filter((r) => isIt(r.text)).length);
    const total = where.reduce((a, b) => a + b, 0);
    const mine = printerOf.get(job.station);
    if (total === 0) check.notPrinted++;
    else if (total > 1) check.printedTwice++;
    else if (mine === undefined || where[mine] !== 1) check.wrongStation++;
    else check.printedOnceRightStation++;
  }
  return check;
}

/** The scratch database's shop: a counter, a technician and an inspector, and a few parts with
 * little stock, so that benches draw the same drawer at once and some find it empty. */
async function scratchShop(
  url: string,
  dataDir: string,
  stations: number,
): Promise<{ people: StationPeople; partIds: number[] }> {
  const setup = await createWorkstation({
    dataDir,
    dbUrl: url,
    logger: { error: () => undefined },
  });
  try {
    const call = inProcessCaller(setup, 'drill');
    const admin = await scratchAdmin(setup, 'drill');
    const people = {} as StationPeople;
    for (const role of ['counter', 'technician', 'inspector', 'admin'] as const) {
      people[role] = { name: `Drill ${role}`, pin: '4826' };
      await addStaffWithPin(call, admin, { ...people[role], role });
    }
    const partIds: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { id } = (await call(
        'parts.save',
        {
          sku: `LOAD-${i}`,
          barcodes: [],
          name: `Load part ${i}`,
          category: 'Load',
          bin: 'L-01',
          models: [],
          costCents: 1000,
          priceCents: 2500,
          reorderPoint: 0,
          reorderQty: 0,
        },
        admin,
      )) as { id: number };
      await call(
        'stock.adjust',
        { partId: id, qty: 15 * stations, reason: 'load drill stock' },
        admin,
      );
      partIds.push(id);
    }
    return { people, partIds };
  } finally {
    await setup.close();
  }
}
