import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DB_FILE } from '../../db/data-source';
import { DB_URL_ENV } from '../../db/engine';
import { pgClientConfig } from '../../db/open-postgres';
import { sqliteSql, type Sql } from '../../db/sql';
import { verifyAuditPg, verifyAuditRows } from '../audit-verify';
import { clientSql, scratchPgDatabase } from './pg-scratch';
import { bundleCrashChild } from './bundle-child';
import { DRILL_WRITERS } from './writers';

export interface CrashDrillResult {
  drill: 'crash';
  kills: number;
  acknowledged: number;
  missing: number;
  integrityFailures: number;
  auditBreaks: number;
  /** Kills after which a ledger's cached totals no longer matched its entries. */
  ledgerBreaks: number;
  /** Acknowledged records per writer (walk-in, stock-movement, payment). */
  byWriter: Record<string, number>;
  /** Kills that landed before the child had acknowledged anything in that run. */
  killsBeforeFirstAck: number;
  ms: number;
}

/** Starts the child, lets it write for a random while, SIGKILLs it; returns what it acknowledged. */
function runOnce(
  childFile: string,
  dataDir: string,
  maxMs: number,
  url: string | null,
): Promise<{ acks: string[][]; ready: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    // On PostgreSQL the child is a station configured by the environment, like any other.
    const env = { ...process.env };
    if (url) env[DB_URL_ENV] = url;
    else delete env[DB_URL_ENV];
    const child = spawn(process.execPath, [childFile, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    const acks: string[][] = [];
    let ready = false;
    let buf = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    // Nothing ready within a minute means the child is broken, not slow.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'READY' && !ready) {
          ready = true;
          timer = setTimeout(() => child.kill('SIGKILL'), Math.random() * maxMs);
        } else if (line.startsWith('ACK ')) acks.push(line.slice(4).split(' '));
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      resolve({ acks, ready, stderr });
    });
  });
}

/** After a kill: the checks on whichever engine the drill runs. */
async function afterKill(
  dataDir: string,
  url: string | null,
  check: (sql: Sql, integrity: () => boolean, auditOk: () => Promise<boolean>) => Promise<void>,
) {
  if (url) {
    const client = new pg.Client(pgClientConfig(url));
    await client.connect();
    try {
      // PostgreSQL checks its own pages (and WAL replay) at start; nothing to ask it here.
      await check(
        clientSql(client),
        () => true,
        async () => (await verifyAuditPg(url, () => [])).ok,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
    return;
  }
  const db = new Database(path.join(dataDir, DB_FILE));
  try {
    await check(
      sqliteSql(db),
      () => db.pragma('integrity_check', { simple: true }) === 'ok',
      async () => verifyAuditRows(db).ok,
    );
  } finally {
    db.close();
  }
}

/**
 * The crash drill: a child takes records in a loop and prints each acknowledged id; it is
 * SIGKILLed at a random moment, `count` times, on the same data folder. After every kill the
 * database must pass integrity_check, its audit chain must hold, and every acknowledged record
 * must be there. `pgUrl`: the same on a PostgreSQL server, in a scratch database of its own
 * (created there and dropped after), so the drill's records never reach a shop's database.
 */
export async function crashDrill(opts: {
  count: number;
  maxMs?: number;
  dataDir?: string;
  pgUrl?: string;
  log?: (s: string) => void;
}): Promise<CrashDrillResult> {
  const started = Date.now();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ws-crash-'));
  const childFile = bundleCrashChild();
  const writers = new Map(DRILL_WRITERS.map((w) => [w.name, w]));
  const acknowledged: Array<[string, string]> = [];
  const result: CrashDrillResult = {
    drill: 'crash',
    kills: 0,
    acknowledged: 0,
    missing: 0,
    integrityFailures: 0,
    auditBreaks: 0,
    ledgerBreaks: 0,
    byWriter: {},
    killsBeforeFirstAck: 0,
    ms: 0,
  };
  const scratch = opts.pgUrl ? await scratchPgDatabase(opts.pgUrl, 'crash') : null;
  const url = scratch?.url ?? null;
  try {
    for (let i = 0; i < opts.count; i++) {
      const run = await runOnce(childFile, dataDir, opts.maxMs ?? 1500, url);
      if (!run.ready) throw new Error(`the crash child did not start: ${run.stderr}`);
      result.kills++;
      if (!run.acks.length) result.killsBeforeFirstAck++;
      for (const [name, id] of run.acks) acknowledged.push([name, id]);
      await afterKill(dataDir, url, async (sql, integrity, auditOk) => {
        if (!integrity()) result.integrityFailures++;
        if (!(await auditOk())) result.auditBreaks++;
        for (const w of DRILL_WRITERS) {
          const broken = await w.inconsistency?.(sql);
          if (broken) {
            result.ledgerBreaks++;
            opts.log?.(`after kill ${i + 1}: ${broken}`);
            break;
          }
        }
        let lost = 0;
        for (const [name, id] of acknowledged) {
          if (!(await writers.get(name)!.present(sql, id))) lost++;
        }
        result.missing = lost;
      });
      opts.log?.(
        `kill ${i + 1}/${opts.count}: ${run.acks.length} acknowledged this run, ${acknowledged.length} in all, ${result.missing} missing`,
      );
    }
  } finally {
    await scratch
      ?.drop()
      .catch((err: unknown) => opts.log?.(`could not drop ${url}: ${String(err)}`));
    fs.rmSync(childFile, { force: true });
    if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  result.acknowledged = acknowledged.length;
  for (const [name] of acknowledged) result.byWriter[name] = (result.byWriter[name] ?? 0) + 1;
  result.ms = Date.now() - started;
  return result;
}
