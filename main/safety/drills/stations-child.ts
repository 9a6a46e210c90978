import fs from 'node:fs';
import { createWorkstation } from '../../app';
import { sqlOf } from '../../db/sql';
import { RepairScript, TimedApi, type DayTokens } from './stations-day';
import type { StationPeople } from './stations';
import { keepHeapWhenIdle } from '../../runtime/idle-heap';

/**
 * One station of the load drill: signs in its counter, technician and inspector, then walks
 * repairs for the drill's time at the drill's pace, several repairs in flight, with the reads
 * a station makes between writes (the board, a search). Every acknowledged write is printed at
 * once ("ACK kind id"); at the end one "DONE {json}" line with refusals, errors and timings.
 */
interface ChildConfig {
  dataDir: string;
  station: string;
  seconds: number;
  paceMs: number;
  inFlight: number;
  partIds: number[];
  people: StationPeople;
  /** This station's receipt printer (a pty the drill's emulator listens on), or none. */
  printerPath?: string;
}

/** Receipts this station has yet to print; labels wait for a label printer it does not have. */
const UNPRINTED = `SELECT count(*) AS n FROM print_job WHERE station_id = ? AND kind <> 'device_tag'
  AND status IN ('queued', 'printing')`;

const out = (line: string) => fs.writeSync(1, `${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const cfg = JSON.parse(process.argv[2]) as ChildConfig;
  const ws = await createWorkstation({
    dataDir: cfg.dataDir,
    logger: { error: () => undefined },
    // its own print worker, claiming only this station's jobs
    ...(cfg.printerPath ? { devices: {} } : {}),
  });
  const api = new TimedApi(ws, `drill-${cfg.station}`);
  const login = async ({ name, pin }: { name: string; pin: string }) => {
    const res = await api.call('', 'auth.login', { name, pin });
    if (!res.ok) throw new Error(`${cfg.station}: ${name} cannot sign in (${res.code} ${res.key})`);
    return res.result as { token: string; staff: { id: number } };
  };
  const tech = await login(cfg.people.technician);
  const who: DayTokens = {
    counter: (await login(cfg.people.counter)).token,
    technician: tech.token,
    technicianId: tech.staff.id,
    inspector: (await login(cfg.people.inspector)).token,
  };
  if (cfg.printerPath) {
    if (!cfg.people.admin) throw new Error(`${cfg.station}: a printer needs an admin to plug it in`);
    const admin = await login(cfg.people.admin);
    const saved = await api.call(admin.token, 'hardware.save', {
      kind: 'receipt_printer',
      name: `${cfg.station} receipts`,
      path: cfg.printerPath,
    });
    if (!saved.ok) throw new Error(`${cfg.station}: printer refused (${saved.code} ${saved.key})`);
  }
  out('READY');
  let made = 0;
  const fresh = () =>
    new RepairScript(api, who, `${cfg.station}-${process.pid}-${made++}`, cfg.partIds);
  const scripts = Array.from({ length: cfg.inFlight }, fresh);
  const refusals: Record<string, number> = {};
  const errors: string[] = [];
  // People are not in step: each station starts at its own moment within a pace, and every
  // pause is the pace ±50 %. Ten stations in lockstep did the same step of the same script in the
  // same second (all ten pickups waiting on the invoice number at once), which no shop does.
  await sleep(Math.random() * cfg.paceMs);
  const from = Date.now();
  const until = from + cfg.seconds * 1000;
  // The first quarter (at most 15 s) warms the process up and is not timed.
  const timeFrom = from + Math.min(15_000, (cfg.seconds * 1000) / 4);
  for (let tick = 0; Date.now() < until; tick++) {
    const started = Date.now();
    api.timing = started >= timeFrom;
    const slot = tick % scripts.length;
    try {
      if (tick % 4 === 3) {
        // Between writes a station reads: the board, a search at the counter.
        const read =
          tick % 8 === 3
            ? await api.call(who.technician, 'bench.queue', { view: 'all', perColumn: 12 })
            : await api.call(who.counter, 'search.global', { q: '139' });
        if (!read.ok) errors.push(`read: ${read.code} ${read.key ?? ''}`);
      } else {
        const r = await scripts[slot].step();
        if ('ack' in r) out(`ACK ${r.ack} ${r.id}`);
        else if ('refused' in r)
          refusals[`${r.refused} ${r.key}`] = (refusals[`${r.refused} ${r.key}`] ?? 0) + 1;
        else scripts[slot] = fresh();
      }
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
    const wait = cfg.paceMs * (0.5 + Math.random()) - (Date.now() - started);
    if (wait > 0) await sleep(wait);
  }
  // The day is over when this station's receipts are out: give its printer the time.
  const sql = sqlOf(ws.services.dataSource.manager);
  let unprinted = 0;
  for (const end = Date.now() + 60_000; Date.now() < end; ) {
    unprinted = Number((await sql.get<{ n: number }>(UNPRINTED, ws.services.station.id))?.n ?? 0);
    if (!cfg.printerPath || unprinted === 0) break;
    await sleep(250);
  }
  if (cfg.printerPath && unprinted > 0) errors.push(`${unprinted} receipts never printed`);
  const timings = Object.fromEntries([...api.ms].map(([m, list]) => [m, list]));
  out(`DONE ${JSON.stringify({ refusals, errors, timings, stationId: ws.services.station.id })}`);
  await ws.close();
  process.exit(0);
}

// The station's backend, as the app runs it (electron/main.ts, npm run start:web).
keepHeapWhenIdle();
main().catch((err: unknown) => {
  fs.writeSync(2, `station child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
