import { describe, expect, it } from 'vitest';
import { crashDrill } from '../../main/safety/drills/crash';
import { fuzzDrill } from '../../main/safety/drills/fuzz';
import { passcodeDrill } from '../../main/safety/drills/passcode-grep';
import { restoreDrill } from '../../main/safety/drills/restore';
import { tamperDrill } from '../../main/safety/drills/tamper';
import { DB_URL_ENV } from '../../main/db/engine';
import { testOnPostgres } from '../helpers/pg-test-db';

/** TEST_DB=postgres: the crash drill runs on this file's server (in a scratch database it makes
 * and drops); the other drills read the SQLite file itself and run on SQLite only. */
const sqliteOnly = it.skipIf(testOnPostgres);

// Small counts for CI; `npm run drill -- <name>` runs the full counts.
describe('data safety drills', () => {
  it('crash: after 20 SIGKILLs every acknowledged record is there and the file is intact', async () => {
    const r = await crashDrill({
      count: 20,
      maxMs: 1500,
      pgUrl: testOnPostgres ? process.env[DB_URL_ENV] : undefined,
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

  sqliteOnly(
    'fuzz: 1,000 generated and hostile calls across roles, never INTERNAL, every rejection clear (SQLite)',
    async () => {
      const r = await fuzzDrill({ count: 1000 });
      expect(r.problems, `seed ${r.seed}`).toEqual([]);
      expect({
        internal: r.internal,
        crashes: r.crashes,
        unclear: r.unclearRejections,
        logged: r.loggedErrors,
      }).toEqual({
        internal: 0,
        crashes: 0,
        unclear: 0,
        logged: 0,
      });
      // the generator reaches the handlers, not only the validator
      expect(r.byCode.ok).toBeGreaterThan(50);
      expect(Object.values(r.ruleViolations).every((n) => n === 0)).toBe(true);
      expect([r.integrity, r.foreignKeyViolations, r.auditChainOk]).toEqual(['ok', 0, true]);
    },
    120_000,
  );

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

  sqliteOnly(
    'tamper: the verifier names exactly the audit entry changed with raw SQL (SQLite)',
    async () => {
      const r = await tamperDrill({ count: 20 });
      expect(r.misses).toEqual([]);
      expect(r.namedExactly).toBe(20);
    },
    60_000,
  );

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
