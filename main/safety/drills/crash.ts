import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../../db/data-source';
import { verifyAuditRows } from '../audit-verify';
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
): Promise<{ acks: string[][]; ready: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
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

/**
 * The crash drill: a child takes records in a loop and prints each acknowledged id; it is
 * SIGKILLed at a random moment, `count` times, on the same data folder. After every kill the
 * database must pass integrity_check, its audit chain must hold, and every acknowledged record
 * must be there.
 */
export async function crashDrill(opts: {
  count: number;
  maxMs?: number;
  dataDir?: string;
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
  try {
    for (let i = 0; i < opts.count; i++) {
      const run = await runOnce(childFile, dataDir, opts.maxMs ?? 1500);
      if (!run.ready) throw new Error(`the crash child did not start: ${run.stderr}`);
      result.kills++;
      if (!run.acks.length) result.killsBeforeFirstAck++;
      for (const [name, id] of run.acks) acknowledged.push([name, id]);
      const db = new Database(path.join(dataDir, DB_FILE));
      try {
        if (db.pragma('integrity_check', { simple: true }) !== 'ok') result.integrityFailures++;
        if (!verifyAuditRows(db).ok) result.auditBreaks++;
        const checks = await Promise.all(DRILL_WRITERS.map((w) => w.inconsistency?.(db)));
        const broken = checks.find(Boolean);
        if (broken) {
          result.ledgerBreaks++;
          opts.log?.(`after kill ${i + 1}: ${broken}`);
        }
        const lost = acknowledged.filter(([name, id]) => !writers.get(name)!.present(db, id));
        result.missing = lost.length;
      } finally {
        db.close();
      }
      opts.log?.(
        `kill ${i + 1}/${opts.count}: ${run.acks.length} acknowledged this run, ${acknowledged.length} in all, ${result.missing} missing`,
      );
    }
  } finally {
    fs.rmSync(childFile, { force: true });
    if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  result.acknowledged = acknowledged.length;
  for (const [name] of acknowledged) result.byWriter[name] = (result.byWriter[name] ?? 0) + 1;
  result.ms = Date.now() - started;
  return result;
}
