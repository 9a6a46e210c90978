import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild } from '../../main/safety/drills/bundle-child';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase, pgClient } from '../helpers/pg-migrated';

let cluster: PgCluster;
let child: string;
const dirs: string[] = [];

/** Runs the child until it acknowledged `acksBeforeKill` walk-ins, then kill -9. */
function runAndKill(
  url: string,
  acksBeforeKill: number,
): Promise<{ acks: string[]; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-pgcrash-'));
  dirs.push(dir);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dir, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: string[] = [];
    let buf = '';
    let stderr = '';
    const guard = setTimeout(() => proc.kill('SIGKILL'), 120_000);
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ACK ')) acks.push(line.slice(4));
        // Mid-way: the next walk-in is already on its way to the server.
        if (acks.length === acksBeforeKill) proc.kill('SIGKILL');
      }
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (c: string) => (stderr += c));
    proc.on('error', reject);
    proc.on('exit', () => {
      clearTimeout(guard);
      resolve({ acks, stderr });
    });
  });
}

describe.skipIf(!pgAvailable())('crash drill (PostgreSQL)', () => {
  beforeAll(async () => {
    cluster = await startPgCluster();
    child = bundleChild(path.join(__dirname, '../helpers/pg-crash-child.ts'));
  }, 120_000);
  afterAll(async () => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    if (child) fs.rmSync(child, { force: true });
    await cluster?.stop();
  });

  it('kill -9 during walk-ins: every acknowledged ticket is in the database', async () => {
    const url = await freshPgDatabase(cluster, 'crash');
    const acked: string[] = [];
    // Three kills at different points; each restart opens the same shop and carries on.
    for (const n of [7, 19, 3]) {
      const { acks, stderr } = await runAndKill(url, n);
      expect(stderr).toBe('');
      expect(acks.length).toBeGreaterThanOrEqual(n);
      acked.push(...acks);
    }
    const db = await pgClient(url);
    try {
      const rows = await db.query('SELECT number FROM ticket');
      const stored = new Set(rows.rows.map((r: { number: string }) => r.number));
      expect(acked.filter((n) => !stored.has(n))).toEqual([]);
      // Numbers stay unique and gap-free across the kills (a killed transaction gave its back).
      const seqs = [...stored].map((n) => Number(/(\d+)$/.exec(n)?.[1])).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const links = await db.query(
        'SELECT count(*)::int AS n FROM audit_entry a JOIN audit_entry b ON b.id = a.id - 1 WHERE a.prev_hash <> b.hash',
      );
      expect(links.rows[0].n).toBe(0);
      console.log(
        `crash-pg: 3 kills, ${acked.length} acknowledged, ${stored.size} tickets stored, 0 missing`,
      );
    } finally {
      await db.end();
    }
  }, 300_000);
});
