import { describe, expect, it } from 'vitest';
import { DB_URL_ENV } from '../../main/db/engine';
import { stationsDrill } from '../../main/safety/drills/stations';
import { testOnPostgres } from '../helpers/pg-test-db';

/** Several stations are several processes on one database server: PostgreSQL only. CI runs a
 * short day; `npm run drill -- stations --db URL` runs ten stations for three minutes. */
describe.skipIf(!testOnPostgres)('several stations at once (PostgreSQL)', () => {
  it('4 stations walk repairs for 20 s: nothing lost, numbers gap-free, stock and audit whole, each receipt printed once on its own station', async () => {
    const r = await stationsDrill({
      pgUrl: process.env[DB_URL_ENV]!,
      stations: 4,
      seconds: 20,
      paceMs: 300,
    });
    console.log(`[stations drill] ${JSON.stringify({ ...r, methods: undefined })}`);
    expect(r.errors).toEqual([]);
    // Every station got repairs all the way through to a paid pickup.
    expect(r.acknowledged.ticket).toBeGreaterThanOrEqual(8);
    expect(r.acknowledged.invoice).toBeGreaterThanOrEqual(4);
    expect({
      lost: r.lost,
      unacknowledged: r.unacknowledged,
      gapFree: r.ticketNumbersGapFree,
      negativeStock: r.negativeStock,
      ledgerBreaks: r.ledgerBreaks,
      auditOk: r.auditOk,
    }).toEqual({
      lost: 0,
      unacknowledged: 0,
      gapFree: true,
      negativeStock: 0,
      ledgerBreaks: 0,
      auditOk: true,
    });
    // Each station's receipt printer (an emulator on a pty) put out its own receipts, once.
    const p = r.printing!;
    expect(p.jobs).toBeGreaterThanOrEqual(r.acknowledged.ticket + r.acknowledged.invoice);
    expect({
      once: p.printedOnceRightStation,
      twice: p.printedTwice,
      wrong: p.wrongStation,
      missing: p.notPrinted,
    }).toEqual({ once: p.jobs, twice: 0, wrong: 0, missing: 0 });
    for (const n of Object.values(p.perStation)) expect(n).toBeGreaterThan(0);
    // Whatever was refused was a CONFLICT a shared shop expects (a stale version, an empty drawer).
    expect(Object.keys(r.refusals).filter((k) => !k.startsWith('CONFLICT '))).toEqual([]);
  }, 300_000);
});
