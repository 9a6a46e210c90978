import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkstation } from '../../app';
import { DB_FILE } from '../../db/data-source';
import { drillWalkIn } from './writers';
import { scratchAdmin } from '../../domain/staff/bootstrap';

/** Every file below `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

/** The encodings a plain-text passcode could hide in: UTF-8, UTF-16 (SQLite can store text
 * that way), and base64 at each of its three alignments. */
export function needles(secret: string): Buffer[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const b64 = [0, 1, 2].map((shift) => {
    const s = Buffer.concat([Buffer.alloc(shift), utf8]).toString('base64');
    // drop the characters that depend on the padding bytes around the secret
    const start = Math.ceil((shift * 4) / 3) + 1;
    return Buffer.from(s.slice(start, s.length - 4), 'latin1');
  });
  return [utf8, Buffer.from(secret, 'utf16le'), ...b64.filter((b) => b.length >= 6)];
}

export function findSecrets(files: readonly string[], secrets: readonly string[]) {
  const hits: Array<{ file: string; secret: string }> = [];
  const patterns = secrets.map((s) => ({ s, n: needles(s) }));
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const { s, n } of patterns) {
      if (n.some((needle) => bytes.includes(needle))) hits.push({ file, secret: s });
    }
  }
  return hits;
}

export interface PasscodeDrillResult {
  drill: 'passcode';
  planted: number;
  revealed: number;
  filesSearched: number;
  bytesSearched: number;
  searched: string[];
  hits: Array<{ file: string; secret: string }>;
  /** The scanner found a planted passcode in a control file: it can see what it looks for. */
  controlFound: boolean;
  ms: number;
}

/**
 * The passcode grep drill: plant known passcodes through the API, reveal some (audited),
 * export the customers' data, back up, log every error to a file, snapshot the WAL while the
 * app is running and close (exit backup), then search every byte of the data folder (database,
 * WAL, backups, exports, logs) for the passcodes in any likely encoding: zero hits.
 */
export async function passcodeDrill(opts: { count: number }): Promise<PasscodeDrillResult> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-passcode-'));
  const logFile = path.join(dir, 'logs', 'app.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = (m: string, e?: unknown) =>
    fs.appendFileSync(
      logFile,
      `${new Date().toISOString()} ${m} ${e instanceof Error ? e.stack : JSON.stringify(e)}\n`,
    );
  // Distinctive values that no random bytes or other text will contain by chance.
  const secrets = Array.from({ length: opts.count }, (_, i) => `Qz${randomInt(1e8, 1e9)}#${i}`);
  let revealed = 0;
  try {
    const ws = await createWorkstation({ dataDir: dir, backups: 'auto', logger: { error: log } });
    const meta = {
      token: await scratchAdmin(ws, 'drill'),
      origin: 'drill',
    };
    for (const [i, secret] of secrets.entries()) {
      const res = (await ws.call('intake.commit', drillWalkIn(i + 1000, secret), meta)) as {
        ticket: { id: number; customerId: number };
      };
      log('intake committed', { ticket: res.ticket.id });
      if (i % 3 === 0) {
        const shown = (await ws.call('tickets.revealPasscode', { id: res.ticket.id }, meta)) as {
          passcode: string;
        };
        if (shown.passcode === secret) revealed++;
      }
      for (const format of ['json', 'csv'] as const) {
        const out = (await ws.call(
          'customers.exportData',
          { customerId: res.ticket.customerId, format },
          meta,
        )) as {
          fileName: string;
          content: string;
        };
        fs.mkdirSync(path.join(dir, 'exports'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'exports', `${i}-${out.fileName}`), out.content);
      }
    }
    // failures get logged with their input: a wrong-typed call must not echo a passcode either
    const bad = await ws.dispatcher.call(
      'intake.commit',
      { ...drillWalkIn(1, secrets[0]), customer: 5 },
      meta,
    );
    log('rejected call', bad);
    await ws.call('safety.backupNow', {}, meta);
    const wal = path.join(dir, `${DB_FILE}-wal`);
    if (fs.existsSync(wal)) fs.copyFileSync(wal, path.join(dir, 'wal-snapshot.bin'));
    await ws.close();

    const files = filesUnder(dir).filter((f) => !f.includes(`${path.sep}keys${path.sep}`));
    const control = path.join(dir, 'control.txt');
    fs.writeFileSync(control, `note: ${secrets[0]}\n`);
    const controlFound = findSecrets([control], [secrets[0]]).length === 1;
    fs.rmSync(control);
    return {
      drill: 'passcode',
      planted: secrets.length,
      revealed,
      filesSearched: files.length,
      bytesSearched: files.reduce((n, f) => n + fs.statSync(f).size, 0),
      searched: [
        ...new Set(
          files.map((f) =>
            path
              .relative(dir, f)
              .split(path.sep)[0]
              .replace(/-\d{8}.*$/, ''),
          ),
        ),
      ],
      hits: findSecrets(files, secrets).map((h) => ({ ...h, file: path.relative(dir, h.file) })),
      controlFound,
      ms: Date.now() - started,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
