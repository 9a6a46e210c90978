import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createWorkstation } from '../../app';
import { resolveDatabase } from '../../db/engine';
import { pgClientConfig } from '../../db/open-postgres';
import { sqlOf } from '../../db/sql';
import { scratchAdmin } from '../../domain/staff/bootstrap';
import { bundleChild } from './bundle-child';

export interface OutboxDrillResult {
  drill: 'outbox';
  messages: number;
  kills: number;
  /** Requests the sink saw, and how it answered them. */
  requests: number;
  refused503: number;
  slow: number;
  /** Final states of the messages. */
  sent: number;
  uncertain: number;
  failed: number;
  /** Messages still queued or sending at the end (lost): must be 0. */
  unfinished: number;
  /** Messages the sink accepted more than once: must be 0. */
  duplicates: number;
  /** 'sent' rows the sink never accepted: must be 0. */
  sentNotDelivered: number;
  /** 'uncertain' rows the sink did accept (the reason they are uncertain, not an error). */
  uncertainDelivered: number;
  ms: number;
}

/** A sink that accepts, refuses (503) or answers too late, at random; it counts acceptances. */
export function flakySink(rate: { refuse: number; slow: number }) {
  const accepted = new Map<string, number>();
  const stats = { requests: 0, refused503: 0, slow: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      stats.requests++;
      const { key } = JSON.parse(body) as { key: string };
      const r = Math.random();
      if (r < rate.refuse) {
        stats.refused503++;
        res.writeHead(503).end('busy');
        return;
      }
      accepted.set(key, (accepted.get(key) ?? 0) + 1);
      const answer = () => res.writeHead(200).end(`sink-${key}`);
      if (r < rate.refuse + rate.slow) {
        stats.slow++;
        setTimeout(answer, 1_500).unref();
      } else answer();
    });
  });
  return { server, accepted, stats };
}

const DRILL_ROWS = "SELECT state, idempotency_key AS key FROM message WHERE event = 'drill'";

/** The drill's messages as they stand, read beside the child on whichever engine the data
 * folder's station uses (its SQLite file read-only, or the shop's PostgreSQL database). */
async function counts(dataDir: string): Promise<Array<{ state: string; key: string }>> {
  const target = resolveDatabase(dataDir);
  if (target.engine === 'postgres') {
    const client = new pg.Client(pgClientConfig(target.url));
    await client.connect();
    try {
      return (await client.query<{ state: string; key: string }>(DRILL_ROWS)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(target.file, { readonly: true });
  try {
    return db.prepare(DRILL_ROWS).all() as Array<{ state: string; key: string }>;
  } finally {
    db.close();
  }
}

/**
 * The outbox crash drill: `messages` e-mails queued, a child workstation sending them to a
 * flaky local HTTP sink, SIGKILLed at random moments `kills` times, then left to finish. Each
 * message must end delivered exactly once ('sent') or 'uncertain'; none lost, none doubled.
 */
export async function outboxCrashDrill(opts: {
  messages: number;
  kills: number;
  maxMs?: number;
  log?: (s: string) => void;
}): Promise<OutboxDrillResult> {
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-outbox-'));
  const sink = flakySink({ refuse: 0.2, slow: 0.03 });
  await new Promise<void>((r) => sink.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(sink.server.address() as AddressInfo).port}/send`;
  const childFile = bundleChild(path.join(__dirname, 'outbox-child.ts'));
  const epoch = Date.now();
  const speed = 600; // 1 min of back-off = 100 ms
  try {
    await seed(dataDir, opts.messages, epoch);
    let kills = 0;
    for (let i = 0; i <= opts.kills; i++) {
      const last = i === opts.kills;
      await runChild(childFile, [dataDir, url, String(epoch), String(speed)], async (alive) => {
        if (!last) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * (opts.maxMs ?? 800)));
          return;
        }
        // The last run is not killed until nothing is left to send.
        const deadline = Date.now() + 120_000;
        while (Date.now() < deadline && alive()) {
          const rows = await counts(dataDir);
          if (!rows.some((r) => r.state === 'queued' || r.state === 'sending')) return;
          await new Promise((r) => setTimeout(r, 200));
        }
      });
      if (!last) kills++;
      const rows = await counts(dataDir);
      opts.log?.(
        `run ${i + 1}: ${rows.filter((r) => r.state === 'sent').length} sent, ${rows.filter((r) => r.state === 'uncertain').length} uncertain`,
      );
    }
    // Late answers still in flight land in the sink, not in the database: let them.
    await new Promise((r) => setTimeout(r, 1_600));
    const rows = await counts(dataDir);
    const by = (s: string) => rows.filter((r) => r.state === s);
    return {
      drill: 'outbox',
      messages: rows.length,
      kills,
      ...sink.stats,
      sent: by('sent').length,
      uncertain: by('uncertain').length,
      failed: by('failed').length,
      unfinished: by('queued').length + by('sending').length,
      duplicates: [...sink.accepted.values()].filter((n) => n > 1).length,
      sentNotDelivered: by('sent').filter((r) => !sink.accepted.has(r.key)).length,
      uncertainDelivered: by('uncertain').filter((r) => sink.accepted.has(r.key)).length,
      ms: Date.now() - started,
    };
  } finally {
    sink.server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A shop with one consenting customer and `n` queued e-mails (the outbox is what is tested). */
async function seed(dataDir: string, n: number, now: number) {
  const ws = await createWorkstation({
    dataDir,
    now: () => now,
    logger: { error: () => undefined },
  });
  try {
    await scratchAdmin(ws, 'drill');
    await ws.services.dataSource.transaction(async (em) => {
      const sql = sqlOf(em);
      const c = (await sql.get<{ id: number }>(
        `INSERT INTO customer (name, name_norm, phone, phone_digits, phone_rev, email, channel, created_at,
           updated_at, version, message_consent) VALUES ('Drill', 'drill', '1', '1', '1', 'd@example.com', 'other', ?, ?, 1, 1)
         RETURNING id`,
        now,
        now,
      ))!;
      for (let i = 0; i < n; i++) {
        await sql.run(
          `INSERT INTO message (customer_id, event, template, channel, language, recipient, body, state,
             attempts, next_attempt_at, idempotency_key, created_at, updated_at)
           VALUES (?, 'drill', 'ready_for_pickup', 'email', 'en', 'd@example.com', ?, 'queued', 0, ?, ?, ?, ?)`,
          c.id,
          `drill message ${i}`,
          now,
          `drill-${i}`,
          now,
          now,
        );
      }
    });
  } finally {
    await ws.close();
  }
}

function runChild(
  file: string,
  args: string[],
  whileRunning: (alive: () => boolean) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let ready = false;
    const guard = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      if (!ready && c.includes('READY')) {
        ready = true;
        void whileRunning(() => child.exitCode === null && child.signalCode === null).finally(() =>
          child.kill('SIGKILL'),
        );
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (!ready) reject(new Error(`the outbox child did not start: ${stderr}`));
      else if (signal !== 'SIGKILL')
        reject(new Error(`the outbox child stopped (${code}): ${stderr}`));
      else resolve();
    });
  });
}
