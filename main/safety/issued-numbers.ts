import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Sql } from '../db/sql';
import { writeFileDurably, writeFileDurablyAsync } from './files';

/**
 * The highest ticket and invoice numbers ever issued by this shop. A ticket number is printed on
 * a device tag and a receipt the moment it is issued, so a restore (which brings back an older
 * `sequence` table) must never hand it out again. The mark is kept outside the database file:
 * beside it (`issued-numbers.json` in the data folder, written after each commit that raised it),
 * in every backup's manifest, and read back from the outgoing database and its print history
 * at a restore. The restored file's sequences are raised to the highest of them.
 */
export interface IssuedNumbers {
  ticket: number;
  invoice: number;
}

export const ISSUED_FILE = 'issued-numbers.json';
const NAMES = ['ticket', 'invoice'] as const;
export const NONE: IssuedNumbers = { ticket: 0, invoice: 0 };

export function highest(...all: Array<Partial<IssuedNumbers> | null | undefined>): IssuedNumbers {
  const out = { ...NONE };
  for (const n of all) {
    for (const k of NAMES) out[k] = Math.max(out[k], Number(n?.[k]) || 0);
  }
  return out;
}

const hasTable = (db: BetterSqlite3.Database, name: string) =>
  !!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name);

const SEQUENCES = `SELECT name, value FROM sequence WHERE name IN ('ticket', 'invoice')`;
/** The newest jobs' ticket numbers (the 1000 newest print jobs that name a ticket). */
const PRINTED = `SELECT t.number FROM (SELECT ticket_id FROM print_job WHERE ticket_id IS NOT NULL
   ORDER BY id DESC LIMIT 1000) p JOIN ticket t ON t.id = p.ticket_id`;
const RAISE = `INSERT INTO sequence (name, value) VALUES (?, ?)
   ON CONFLICT (name) DO UPDATE SET value =
     CASE WHEN excluded.value > sequence.value THEN excluded.value ELSE sequence.value END`;

const fromRows = (rows: Array<{ name: string; value: number | string }>) =>
  highest(Object.fromEntries(rows.map((r) => [r.name, Number(r.value)])));
const trailingNumber = (numbers: string[]) =>
  Math.max(0, ...numbers.map((n) => Number(/(\d+)\s*$/.exec(n)?.[1] ?? 0)));
const movedBy = (floor: IssuedNumbers, before: IssuedNumbers): IssuedNumbers => ({
  ticket: Math.max(0, floor.ticket - before.ticket),
  invoice: Math.max(0, floor.invoice - before.invoice),
});

/** The numbers a database has issued: its sequences. */
export function sequencesOf(db: BetterSqlite3.Database): IssuedNumbers {
  if (!hasTable(db, 'sequence')) return { ...NONE };
  return fromRows(db.prepare(SEQUENCES).all() as Array<{ name: string; value: number }>);
}

/** The highest ticket number on a printed tag or receipt (its trailing digits), in case a
 * database's sequence was ever behind what it printed. Reads the newest jobs only. */
export function printedTicketNumber(db: BetterSqlite3.Database): number {
  if (!hasTable(db, 'print_job') || !hasTable(db, 'ticket')) return 0;
  return trailingNumber(db.prepare(PRINTED).pluck().all() as string[]);
}

/** What the outgoing database has issued: its sequences and its print history. */
export function issuedBy(db: BetterSqlite3.Database): IssuedNumbers {
  return highest(sequencesOf(db), { ticket: printedTicketNumber(db) });
}

export function readIssuedFile(dataDir: string): IssuedNumbers | null {
  try {
    return highest(
      JSON.parse(fs.readFileSync(path.join(dataDir, ISSUED_FILE), 'utf8')) as IssuedNumbers,
    );
  } catch {
    return null;
  }
}

/** Raises the mark beside the data (never lowers it); returns the mark now kept. */
export function recordIssued(dataDir: string, seen: IssuedNumbers): IssuedNumbers {
  const kept = readIssuedFile(dataDir);
  const next = highest(kept, seen);
  if (!kept || next.ticket > kept.ticket || next.invoice > kept.invoice) {
    fs.mkdirSync(dataDir, { recursive: true });
    writeFileDurably(path.join(dataDir, ISSUED_FILE), `${JSON.stringify(next)}\n`);
  }
  return next;
}

const recording = new Map<string, Promise<IssuedNumbers>>();

/** `recordIssued` without blocking the event loop (a PostgreSQL station's mark follows every
 * station's commits). Writes to one folder run one after another, each reading what the one
 * before kept, so the mark never goes down. */
export function recordIssuedAsync(dataDir: string, seen: IssuedNumbers): Promise<IssuedNumbers> {
  const before = recording.get(dataDir) ?? Promise.resolve(NONE);
  const next = before
    .catch(() => NONE)
    .then(async () => {
      const kept = readIssuedFile(dataDir);
      const mark = highest(kept, seen);
      if (!kept || mark.ticket > kept.ticket || mark.invoice > kept.invoice) {
        fs.mkdirSync(dataDir, { recursive: true });
        await writeFileDurablyAsync(path.join(dataDir, ISSUED_FILE), `${JSON.stringify(mark)}\n`);
      }
      return mark;
    });
  recording.set(dataDir, next);
  void next
    .catch(() => undefined)
    .finally(() => {
      if (recording.get(dataDir) === next) recording.delete(dataDir);
    });
  return next;
}

/** Raises a database's sequences to at least `floor`, so the next number issued is above it.
 * Returns how far each moved (0 when already there). (CASE, not the two-argument max() that
 * only SQLite has.) */
export function raiseSequences(db: BetterSqlite3.Database, floor: IssuedNumbers): IssuedNumbers {
  const before = sequencesOf(db);
  const raise = db.prepare(RAISE);
  db.transaction(() => {
    for (const k of NAMES) if (floor[k] > before[k]) raise.run(k, floor[k]);
  })();
  return movedBy(floor, before);
}

/*
 * The same on a `Sql` (a PostgreSQL shop, whose schema is migrated before these run). Other
 * stations issue numbers meanwhile: the raise is one upsert per sequence that never lowers it,
 * so it holds whatever they commit around it.
 */

export async function sequencesOfSql(sql: Sql): Promise<IssuedNumbers> {
  return fromRows(await sql.all<{ name: string; value: number | string }>(SEQUENCES));
}

export async function issuedBySql(sql: Sql): Promise<IssuedNumbers> {
  const printed = await sql.all<{ number: string }>(PRINTED);
  return highest(await sequencesOfSql(sql), {
    ticket: trailingNumber(printed.map((r) => r.number)),
  });
}

export async function raiseSequencesSql(sql: Sql, floor: IssuedNumbers): Promise<IssuedNumbers> {
  const before = await sequencesOfSql(sql);
  for (const k of NAMES) if (floor[k] > before[k]) await sql.run(RAISE, k, floor[k]);
  return movedBy(floor, before);
}
