import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { writeFileDurably } from './files';

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

/** The numbers a database has issued: its sequences. */
export function sequencesOf(db: BetterSqlite3.Database): IssuedNumbers {
  if (!hasTable(db, 'sequence')) return { ...NONE };
  const rows = db
    .prepare(`SELECT name, value FROM sequence WHERE name IN ('ticket', 'invoice')`)
    .all() as Array<{ name: 'ticket' | 'invoice'; value: number }>;
  return highest(Object.fromEntries(rows.map((r) => [r.name, r.value])));
}

/** The highest ticket number on a printed tag or receipt (its trailing digits), in case a
 * database's sequence was ever behind what it printed. Reads the newest jobs only. */
export function printedTicketNumber(db: BetterSqlite3.Database): number {
  if (!hasTable(db, 'print_job') || !hasTable(db, 'ticket')) return 0;
  const numbers = db
    .prepare(
      `SELECT t.number FROM (SELECT ticket_id FROM print_job WHERE ticket_id IS NOT NULL
         ORDER BY id DESC LIMIT 1000) p JOIN ticket t ON t.id = p.ticket_id`,
    )
    .pluck()
    .all() as string[];
  return Math.max(0, ...numbers.map((n) => Number(/(\d+)\s*$/.exec(n)?.[1] ?? 0)));
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

/** Raises a database's sequences to at least `floor`, so the next number issued is above it.
 * Returns how far each moved (0 when already there). (CASE, not the two-argument max() that
 * only SQLite has.) */
export function raiseSequences(db: BetterSqlite3.Database, floor: IssuedNumbers): IssuedNumbers {
  const before = sequencesOf(db);
  const raise = db.prepare(
    `INSERT INTO sequence (name, value) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET value =
       CASE WHEN excluded.value > sequence.value THEN excluded.value ELSE sequence.value END`,
  );
  db.transaction(() => {
    for (const k of NAMES) if (floor[k] > before[k]) raise.run(k, floor[k]);
  })();
  return {
    ticket: Math.max(0, floor.ticket - before.ticket),
    invoice: Math.max(0, floor.invoice - before.invoice),
  };
}
