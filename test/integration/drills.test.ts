import { describe, expect, it } from 'vitest';
import { crashDrill } from '../../main/safety/drills/crash';
import { fuzzDrill } from '../../main/safety/drills/fuzz';
import { passcodeDrill } from '../../main/safety/drills/passcode-grep';
import { restoreDrill } from '../../main/safety/drills/restore';
import { tamperDrill } from '../../main/safety/drills/tamper';
import { DB_URL_ENV } from '../../main/db/engine';
import { testOnPostgres } from '../helpers/pg-test-db';

/** TEST_DB=postgres: the crash, fuzz and tamper drills run on this file's server (each in a
 * scratch database it makes and drops); restore and passcode read the SQLite file itself and
 * run on SQLite only. */
const sqliteOnly = it.skipIf(testOnPostgres);
// read in the test: the run's setup gives each file its database before the tests start
const pgUrl = () => (testOnPostgres ? process.env[DB_URL_ENV] : undefined);
const engine = testOnPostgres ? 'postgres' : 'sqlite';

// Small counts for CI; `npm run drill -- <name>` runs the full counts.
describe('data safety drills', () => {
  it('crash: after 20 SIGKILLs every acknowledged record is there and the file is intact', async () => {
    const r = await crashDrill({
      count: 20,
      maxMs: 1500,
      pgUrl: pgUrl(),
    });
    expect(r.kills).toBe(20);
    expect(r.acknowledged).toBeGreaterThan(20);
    console.log(`[crash drill] ${JSON.stringify(r)}`);
    expect({
      missing: r.missing,
      integrity: r.integrityFailures,
      audit: r.auditBreaks,
      ledgers: r.ledgerBreaks,
    }).toEqual({ missing: 0, integrity: 0, audit: 0, ledgers: 0 });
    // Walk-ins, stock movements and payments were all taken (and killed) along the way.
    expect(Object.keys(r.byWriter).sort()).toEqual(['payment', 'stock-movement', 'walk-in']);
  }, 600_000);

  it('fuzz: 1,000 generated and hostile calls across roles, never INTERNAL, every rejection clear and changing nothing', async () => {
    const r = await fuzzDrill({ count: 1000, pgUrl: pgUrl() });
    console.log(`[fuzz drill] ${JSON.stringify({ ...r, problems: undefined })}`);
    expect(r.engine).toBe(engine);
    expect(r.problems, `seed ${r.seed}`).toEqual([]);
    expect({
      internal: r.internal,
      crashes: r.crashes,
      unclear: r.unclearRejections,
      changed: r.rejectedButChanged,
      logged: r.loggedErrors,
    }).toEqual({
      internal: 0,
      crashes: 0,
      unclear: 0,
      changed: 0,
      logged: 0,
    });
    // most calls are rejected: the footprint check saw plenty of them
    expect(r.calls - (r.byCode.ok ?? 0)).toBeGreaterThan(300);
    // the generator reaches the handlers, not only the validator
    expect(r.byCode.ok).toBeGreaterThan(50);
    expect(Object.values(r.ruleViolations).every((n) => n === 0)).toBe(true);
    expect([r.integrity, r.foreignKeyViolations, r.auditChainOk]).toEqual(['ok', 0, true]);
  }, 480_000);

  sqliteOnly(
    'restore: a backup taken under write load restores into a fresh folder with equal counts and checksums (SQLite)',
    async () => {
      const r = await restoreDrill({ count: 100 });
      expect(r.writesDuringBackup).toBeGreaterThan(0);
      expect(r).toMatchObject({
        countsMatch: true,
        checksumsMatch: true,
        missingBeforeBackup: 0,
        passcodeReadable: true,
        auditChainOk: true,
      });
    },
    60_000,
  );

  it('tamper: an audit entry or stock movement changed with raw SQL is refused by the triggers; made with them off, the verifier names exactly that entry (or part)', async () => {
    const r = await tamperDrill({ count: 40, seed: 14, pgUrl: pgUrl() });
    console.log(`[tamper drill] ${JSON.stringify(r)}`);
    expect(r.engine).toBe(engine);
    expect(r.misses).toEqual([]);
    expect({ refused: r.refusedByTriggers, named: r.namedExactly, missed: r.missed }).toEqual({
      refused: 40,
      named: 40,
      missed: 0,
    });
    // both kinds of record were tampered with
    expect(r.ledgerTampers).toBeGreaterThan(0);
    expect(r.ledgerTampers).toBeLessThan(40);
  }, 120_000);

  sqliteOnly(
    'passcode grep: planted passcodes appear nowhere in the database, WAL, backups, exports or logs (SQLite)',
    async () => {
      const r = await passcodeDrill({ count: 10 });
      expect(r.controlFound).toBe(true);
      expect(r.searched).toEqual(
        expect.arrayContaining([
          'workstation.sqlite',
          'backups',
          'exports',
          'logs',
          'wal-snapshot.bin',
        ]),
      );
      expect(r.hits).toEqual([]);
    },
    60_000,
  );
});
