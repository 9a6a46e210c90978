import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createWorkstation } from '../../app';
import { verifyAuditRows } from '../audit-verify';
import { tableCounts } from '../backup';
import { replaceDatabaseFile } from '../startup';
import { drillWalkIn } from './writers';
import { scratchAdmin } from '../../domain/staff/bootstrap';

/** A checksum of each table's rows in rowid order: equal means the same data. */
export function tableChecksums(db: Database.Database): Record<string, string> {
  return Object.fromEntries(
    Object.keys(tableCounts(db)).map((t) => {
      const hash = createHash('sha256');
      for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().iterate()) {
        hash.update(JSON.stringify(row));
      }
      return [t, hash.digest('hex')];
    }),
  );
}

export interface RestoreDrillResult {
  drill: 'restore';
  writes: number;
  writesBeforeBackup: number;
  writesDuringBackup: number;
  inBackup: number;
  countsMatch: boolean;
  checksumsMatch: boolean;
  missingBeforeBackup: number;
  passcodeReadable: boolean;
  auditChainOk: boolean;
  ms: number;
}

/**
 * The restore drill: a backup taken while walk-ins keep coming, restored into a fresh folder
 * through the same start-up path the app uses; its row counts and per-table checksums must
 * equal the copy's, everything committed before the backup began must be in it, and its audit
 * chain must hold.
 */
const STARTUP_TABLES = new Set(['station', 'app_version']);

export async function restoreDrill(opts: { count: number }): Promise<RestoreDrillResult> {
  const started = Date.now();
  const from = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-restore-a-'));
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-restore-b-'));
  try {
    const ws = await createWorkstation({ dataDir: from, logger: { error: () => undefined } });
    const meta = {
      token: await scratchAdmin(ws, 'drill'),
      origin: 'drill',
    };
    const acked: string[] = [];
    let beforeBackup: string[] = [];
    const load = (async () => {
      for (let i = 0; i < opts.count; i++) {
        const res = (await ws.call(
          'intake.commit',
          drillWalkIn(i, i === 0 ? '8642-drill' : null),
          meta,
        )) as {
          ticket: { number: string };
        };
        acked.push(res.ticket.number);
        // requests arrive over time: let the backup's steps run between them
        await new Promise((r) => setImmediate(r));
      }
    })();
    // start the copy half-way through the load, while writes keep arriving
    while (acked.length < opts.count / 2) await new Promise((r) => setTimeout(r, 1));
    beforeBackup = [...acked];
    // small steps, so writes land between them while the copy is being made
    const manifest = await ws.services.safety.backup('manual', undefined, 4);
    const duringBackup = acked.length - beforeBackup.length;
    await load;
    const backupFile = path.join(ws.services.safety.backupDir(), manifest.file);
    await ws.close();

    replaceDatabaseFile(to, backupFile, Date.now());
    // the key travels separately from backups (it is never inside them)
    fs.cpSync(path.join(from, 'keys'), path.join(to, 'keys'), { recursive: true });
    const restored = await createWorkstation({ dataDir: to, logger: { error: () => undefined } });
    try {
      const raw = restored.services.raw;
      const copy = new Database(backupFile, { readonly: true });
      // A station that starts writes its own row (stations, app version): not the shop's data.
      const shop = (o: Record<string, unknown>) =>
        JSON.stringify(Object.entries(o).filter(([t]) => !STARTUP_TABLES.has(t)));
      const countsMatch = shop(tableCounts(raw)) === shop(manifest.counts);
      const checksumsMatch = shop(tableChecksums(raw)) === shop(tableChecksums(copy));
      copy.close();
      const has = raw.prepare('SELECT 1 FROM ticket WHERE number = ?');
      const first = raw
        .prepare('SELECT passcode_enc FROM ticket ORDER BY id LIMIT 1')
        .pluck()
        .get() as string;
      return {
        drill: 'restore',
        writes: acked.length,
        writesBeforeBackup: beforeBackup.length,
        writesDuringBackup: duringBackup,
        inBackup: manifest.counts.ticket,
        countsMatch,
        checksumsMatch,
        missingBeforeBackup: beforeBackup.filter((n) => !has.get(n)).length,
        passcodeReadable: restored.services.cipher.decrypt(first) === '8642-drill',
        auditChainOk: verifyAuditRows(raw).ok,
        ms: Date.now() - started,
      };
    } finally {
      await restored.close();
    }
  } finally {
    fs.rmSync(from, { recursive: true, force: true });
    fs.rmSync(to, { recursive: true, force: true });
  }
}
