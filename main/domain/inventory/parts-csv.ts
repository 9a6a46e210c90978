import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { ImportIssue, ImportReport } from '../../api/contract';
import { partFields } from '../../api/schemas/inventory';
import { ApiError } from '../../api/errors';
import { nulPath } from '../../api/nul-text';
import { pacer } from '../../api/slices';
import { partConflicts } from './part-batch';
import { partColumns, type PartFields } from './part-write';
import type { Sql } from '../../db/sql';

export const PART_COLUMNS = [
  'sku',
  'barcodes',
  'name',
  'category',
  'models',
  'bin',
  'cost',
  'price',
  'reorder_point',
  'reorder_qty',
  'supplier',
  'serial_tracked',
  'active',
] as const;

const MAX_ISSUES = 500;
const list = (s: string | undefined) =>
  (s ?? '')
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);
/** "12.5" or "12.50" → 1250; anything else is not money. */
function money(s: string | undefined): number | null {
  const t = (s ?? '').trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return null;
  const [w, f = ''] = t.split('.');
  return Number(w) * 100 + Number(f.padEnd(2, '0'));
}
const int = (s: string | undefined) => (/^\s*\d{1,6}\s*$/.test(s ?? '') ? Number(s) : Number.NaN);
const bool = (s: string | undefined, dflt: boolean) => {
  const t = (s ?? '').trim().toLowerCase();
  if (!t) return dflt;
  return ['1', 'yes', 'y', 'true', '是'].includes(t);
};

type Row = Record<string, string>;
type Issue = Omit<ImportIssue, 'line'>;
/** A bad row's reason: English for logs and the audit, an i18n key for the screen. */
const issue = (field: string, reason: string, key: string, params?: Record<string, unknown>) => ({
  field,
  reason,
  key: `inventory.import.reason.${key}`,
  params,
});

/** One row → the catalogue fields, or the first thing wrong with it. */
async function readRow(
  db: Sql,
  r: Row,
  suppliers: Map<string, number>,
): Promise<{ fields?: PartFields; issue?: Issue }> {
  for (const f of ['sku', 'name', 'category', 'bin', 'cost', 'price'] as const) {
    if (!(r[f] ?? '').trim()) return { issue: issue(f, 'missing', 'missing') };
  }
  const cost = money(r.cost);
  if (cost === null) return { issue: issue('cost', 'not a price', 'notPrice') };
  const price = money(r.price);
  if (price === null) return { issue: issue('price', 'not a price', 'notPrice') };
  let supplierId: number | null = null;
  if ((r.supplier ?? '').trim()) {
    const name = r.supplier.trim();
    if (!suppliers.has(name)) {
      const s = await db.get<{ id: number }>('SELECT id FROM supplier WHERE name = ?', name);
      if (!s) {
        const reason = `unknown supplier ${name}`;
        return { issue: issue('supplier', reason, 'unknownSupplier', { name }) };
      }
      suppliers.set(name, s.id);
    }
    supplierId = suppliers.get(name) ?? null;
  }
  const parsed = partFields.safeParse({
    sku: r.sku,
    barcodes: list(r.barcodes),
    name: r.name,
    category: r.category,
    models: list(r.models),
    bin: r.bin,
    costCents: cost,
    priceCents: price,
    reorderPoint: (r.reorder_point ?? '').trim() ? int(r.reorder_point) : 0,
    reorderQty: (r.reorder_qty ?? '').trim() ? int(r.reorder_qty) : 0,
    supplierId,
    serialTracked: bool(r.serial_tracked, false),
    active: bool(r.active, true),
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const field = String(i.path[0] ?? 'row')
      .replace(/Cents$/, '')
      .replace('reorderPoint', 'reorder_point')
      .replace('reorderQty', 'reorder_qty');
    const key = i.message.startsWith('errors.') ? i.message : 'errors.field.invalid';
    const max = (i as { maximum?: unknown }).maximum;
    return {
      issue: { field, reason: key.slice(7), key, params: max === undefined ? undefined : { max } },
    };
  }
  // A NUL character cannot be stored on PostgreSQL (nul-text.ts): not valid on both engines.
  const nul = nulPath(parsed.data);
  if (nul !== null) {
    const field = nul.split('.')[0].replace(/Cents$/, '');
    return { issue: { field, reason: 'field.invalid', key: 'errors.field.invalid' } };
  }
  return { fields: parsed.data };
}

const parser = () =>
  parse({
    columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
    bom: true,
    skip_empty_lines: true,
    info: true,
    trim: false,
    relax_column_count: true,
  });

/** How the import reaches the database: `read` for the check pass (a read-only snapshot, so
 * checking a big file needs no turn in the dispatcher's queue); `write` inserts one batch of
 * checked rows as one transaction (a part, its codes and its stock balance always together)
 * and names the rows whose SKU or code was taken since the check ('all' stops at the first). */
export interface ImportIo {
  read: Sql;
  write(
    rows: Array<{ line: number; fields: PartFields }>,
    stopAtConflict: boolean,
  ): Promise<{
    imported: number;
    /** How many of `rows` it looked at (a batch may end early; the rest come again). */
    used: number;
    conflicts: Array<{
      line: number;
      key: string;
      message: string;
      params?: Record<string, unknown>;
    }>;
  }>;
}

/** Rows offered per write batch at first: each is one transaction, a few statements long. */
const BATCH_ROWS = 100;
/** How long one batch may hold the dispatcher's queue: the batch size follows what the last
 * batch took (wide rows, a busy server or a slow disk get smaller batches), between 50 and 400.
 * Not below 50: each batch is a commit, and on a busy disk tiny batches were all commits (a
 * 7 MB import on PostgreSQL fell to 70 rows a second at 5 rows a batch). */
const BATCH_TARGET_MS = 40;
const BATCH_MIN = 50;
/** Rows checked against the catalogue per query in the check pass. */
const CHECK_ROWS = 500;

type Pending = { line: number; record: Row };

/**
 * Imports parts from a CSV stream ('check' only validates; 'all' writes nothing unless every
 * row is good; 'good' writes the good rows). The stream is read twice, never held: the first
 * pass validates every row (duplicates within the file and against the catalogue too), the
 * second inserts in batches (about BATCH_TARGET_MS of work each), each its own transaction (a part, its codes and its
 * stock balance always together), so a 50 MB file never holds other calls for long.
 *
 * Sliced means resumable rather than atomic: a row identical to a part already in the
 * catalogue (same SKU and every field) is "already imported" and skipped, not an error, so a
 * file whose import stopped part-way (the app closed, or someone took a SKU meanwhile: 'all'
 * then stops at that row and says how far it got) finishes when imported again.
 */
export async function importPartsCsv(
  io: ImportIo,
  open: () => Readable,
  mode: 'check' | 'all' | 'good',
): Promise<ImportReport> {
  const issues: ImportIssue[] = [];
  const badLines = new Set<number>();
  const sameLines = new Set<number>();
  const skus = new Set<string>();
  const codes = new Set<string>();
  const suppliers = new Map<string, number>();
  const pace = pacer();
  let rows = 0;
  // Rows wait here in file order until CHECK_ROWS of them are asked about the catalogue at once.
  let chunk: Array<{ line: number; fields?: PartFields; problem?: Issue }> = [];
  const settle = async () => {
    const ask = chunk.filter((c) => c.fields && !c.problem);
    const found = await partConflicts(
      io.read,
      ask.map((c) => c.fields!),
    );
    for (const [i, c] of ask.entries()) {
      const conflict = found[i];
      if (conflict && (await samePart(io.read, c.fields!))) sameLines.add(c.line);
      else if (conflict) c.problem = conflictIssue(conflict);
    }
    for (const c of chunk) {
      if (!c.problem) continue;
      badLines.add(c.line);
      if (issues.length < MAX_ISSUES) issues.push({ line: c.line, ...c.problem });
    }
    chunk = [];
  };
  for await (const rec of records(open())) {
    rows++;
    const line = rec.info.lines;
    const { fields, issue: rowIssue } = await readRow(io.read, rec.record, suppliers);
    let problem = rowIssue;
    if (fields) {
      const sku = fields.sku.toUpperCase();
      const dupCode = fields.barcodes.find((c) => codes.has(c));
      if (skus.has(sku))
        problem = issue('sku', `duplicate SKU ${sku} in the file`, 'duplicateSku', { sku });
      else if (dupCode)
        problem = issue('barcodes', 'duplicate barcode in the file', 'duplicateBarcode', {
          code: dupCode,
        });
      skus.add(sku);
      for (const c of fields.barcodes) codes.add(c);
    }
    chunk.push({ line, fields, problem });
    if (chunk.length >= CHECK_ROWS) await settle();
    await pace();
  }
  await settle();
  const report: ImportReport = {
    rows,
    good: rows - badLines.size - sameLines.size,
    bad: badLines.size,
    already: sameLines.size,
    imported: 0,
    issues,
    truncated: badLines.size > issues.length,
  };
  if (report.good === 0 || mode === 'check' || (badLines.size > 0 && mode === 'all')) return report;

  const pending: Pending[] = [];
  let stopped: ImportIssue | null = null;
  let batchRows = BATCH_ROWS;
  const flush = async () => {
    const rows: Array<{ line: number; fields: PartFields }> = [];
    for (const p of pending.slice(0, batchRows)) {
      const { fields } = await readRow(io.read, p.record, suppliers);
      if (!fields) throw new Error(`line ${p.line} passed the check but not the second read`);
      rows.push({ line: p.line, fields });
    }
    const t0 = performance.now();
    const r = await io.write(rows, mode === 'all');
    const took = performance.now() - t0;
    if (took > BATCH_TARGET_MS * 1.5) batchRows = Math.max(BATCH_MIN, Math.floor(batchRows / 2));
    else if (took < BATCH_TARGET_MS / 2 && r.used === rows.length)
      batchRows = Math.min(400, batchRows * 2);
    pending.splice(0, r.used);
    report.imported += r.imported;
    for (const c of r.conflicts) {
      const found: ImportIssue = {
        line: c.line,
        field: c.key === 'errors.skuTaken' ? 'sku' : 'barcodes',
        reason: c.message,
        key: c.key,
        params: c.params,
      };
      report.bad++;
      report.good--;
      if (issues.length < MAX_ISSUES) issues.push(found);
      if (mode === 'all') stopped = found;
    }
  };
  for await (const rec of records(open())) {
    const line = rec.info.lines;
    if (badLines.has(line) || sameLines.has(line)) continue;
    pending.push({ line, record: rec.record });
    if (pending.length >= batchRows) await flush();
    if (stopped) break;
    await pace();
  }
  while (pending.length && !stopped) await flush();
  if (stopped) throw importStopped(stopped, report.imported);
  return report;
}

/** The file's rows; a file that is not CSV (a quote opened inside a field, …) is the user's
 * input, refused with the line, not an internal error. */
async function* records(stream: Readable) {
  try {
    yield* stream.pipe(parser()) as AsyncIterable<{ record: Row; info: { lines: number } }>;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = Number((err as { lines?: number }).lines) || 1;
    throw new ApiError(
      'VALIDATION',
      `This file cannot be read as CSV (line ${line}). Save it from the spreadsheet as CSV and choose it again.`,
      { key: 'partsImport.errors.notCsv', params: { line } },
    );
  }
}

function conflictIssue(c: ApiError): Issue {
  return {
    field: c.details?.key === 'errors.skuTaken' ? 'sku' : 'barcodes',
    reason: c.message,
    key: c.details?.key ?? 'errors.field.invalid',
    params: c.details?.params,
  };
}

/** True when the catalogue already holds exactly this part (same SKU and every field). */
async function samePart(db: Sql, f: PartFields): Promise<boolean> {
  const p = await db.get<Record<string, unknown>>(
    `SELECT id, sku, name, category, models, bin, cost_cents, price_cents, reorder_point, reorder_qty,
            supplier_id, serial_tracked, active FROM part WHERE sku = ?`,
    f.sku.toUpperCase(),
  );
  if (!p) return false;
  const mine = partColumns(f);
  const theirs = [
    p.sku,
    p.name,
    p.category,
    p.models,
    p.bin,
    p.cost_cents,
    p.price_cents,
    p.reorder_point,
    p.reorder_qty,
    p.supplier_id,
    p.serial_tracked,
    p.active,
  ];
  if (mine.some((v, i) => v !== theirs[i])) return false;
  const stored = (
    await db.all<{ code: string }>(
      'SELECT code FROM part_barcode WHERE part_id = ? ORDER BY code',
      p.id,
    )
  ).map((r) => r.code);
  return [...new Set(f.barcodes)].sort().join('\n') === stored.join('\n');
}

function importStopped(at: ImportIssue, imported: number): ApiError {
  return new ApiError(
    'CONFLICT',
    `The import stopped at line ${at.line} (${at.reason}); ${imported} rows before it were imported. Import the same file again to finish: rows already imported are skipped.`,
    { key: 'partsImport.stopped', params: { line: at.line, imported } },
  );
}

/** Streams parts or movements as CSV in keyset pages (no big array in memory).
 * Give it a private read-only snapshot (`openReader`): it pauses between rows. */
export async function exportCsv(
  db: Sql,
  what: 'parts' | 'movements',
  out: Writable,
): Promise<number> {
  const csv = stringify();
  csv.pipe(out);
  let n = 0;
  const pace = pacer();
  const write = async (rec: unknown[]) => {
    n++;
    if (!csv.write(rec)) await once(csv, 'drain');
    await pace();
  };
  if (what === 'parts') {
    csv.write([...PART_COLUMNS, 'on_hand', 'reserved']);
    // Keyset pages in SKU order: bounded memory and bounded work between pauses at any size.
    let after = '';
    for (;;) {
      const page = await db.all<Record<string, string | number | null>>(
        `SELECT p.sku, (SELECT string_agg(code, '|') FROM part_barcode WHERE part_id = p.id) AS barcodes, p.name, p.category,
           replace(p.models, ', ', '|') AS models, p.bin, p.cost_cents, p.price_cents, p.reorder_point, p.reorder_qty,
           s.name AS supplier, p.serial_tracked, p.active, b.on_hand, b.reserved
         FROM part p JOIN stock_balance b ON b.part_id = p.id LEFT JOIN supplier s ON s.id = p.supplier_id
         WHERE p.sku > ? ORDER BY p.sku LIMIT 500`,
        after,
      );
      if (page.length === 0) break;
      for (const p of page) {
        await write([
          p.sku,
          p.barcodes ?? '',
          p.name,
          p.category,
          p.models,
          p.bin,
          (Number(p.cost_cents) / 100).toFixed(2),
          (Number(p.price_cents) / 100).toFixed(2),
          p.reorder_point,
          p.reorder_qty,
          p.supplier ?? '',
          p.serial_tracked,
          p.active,
          p.on_hand,
          p.reserved,
        ]);
      }
      after = String(page[page.length - 1].sku);
    }
  } else {
    csv.write([
      'id',
      'at',
      'sku',
      'kind',
      'qty',
      'reserved_delta',
      'on_hand_after',
      'unit_cost',
      'ticket',
      'serial',
      'old_serial',
      'reason',
    ]);
    let after = 0;
    // Keyset pages of 1,000: bounded memory at any ledger size.
    for (;;) {
      const page = await db.all<Record<string, string | number | null>>(
        `SELECT m.id, m.at, p.sku, m.kind, m.qty, m.reserved_delta, m.on_hand_after, m.unit_cost_cents, t.number, m.serial, m.old_serial, m.reason
         FROM stock_movement m JOIN part p ON p.id = m.part_id LEFT JOIN ticket t ON t.id = m.ticket_id WHERE m.id > ? ORDER BY m.id LIMIT 1000`,
        after,
      );
      if (page.length === 0) break;
      for (const m of page) {
        await write([
          m.id,
          new Date(Number(m.at)).toISOString(),
          m.sku,
          m.kind,
          m.qty,
          m.reserved_delta,
          m.on_hand_after,
          m.unit_cost_cents === null ? '' : (Number(m.unit_cost_cents) / 100).toFixed(2),
          m.number ?? '',
          m.serial ?? '',
          m.old_serial ?? '',
          m.reason ?? '',
        ]);
      }
      after = Number(page[page.length - 1].id);
    }
  }
  csv.end();
  await once(out, 'finish');
  return n;
}
