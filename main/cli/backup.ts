import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../db/data-source';
import {
  createBackup,
  listBackups,
  manifestPath,
  verifyBackup,
  type BackupManifest,
} from '../safety/backup';
import {
  highest,
  issuedBy,
  raiseSequences,
  readIssuedFile,
  recordIssued,
  sequencesOf,
  type IssuedNumbers,
} from '../safety/issued-numbers';
import { knownBackupDirs, replaceDatabaseFile } from '../safety/startup';
import { ArgsError, parseFlags } from './args';
import { pgBackupCli } from './backup-pg';
import { cliDatabase, DB_FLAG, DB_USAGE, printEngineError } from './db-option';

const USAGE = `npm run backup -- --data DIR [--out FILE]      a consistent online backup (the app may be running)
npm run backup -- --data DIR --list                 the backups, newest first, verified
npm run backup -- --data DIR --restore NAME|latest|FILE
                                                    put a backup in place (close the app first): a
                                                    listed name, the newest verified one, or the path
                                                    of any backup file with its .json manifest (--out);
                                                    the current file is kept beside it
${DB_USAGE}  a shop on PostgreSQL: pg_dump -Fc copies (.pgdump), pg_restore --clean
                                                    to restore (a pre-restore dump is made first)`;

/** A backup named by its path (made with --out, copied from a USB stick): verified by the
 * manifest written beside it, like every other backup. */
function backupAtPath(file: string): { dir: string; m: BackupManifest } | null {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  let m: BackupManifest;
  try {
    m = JSON.parse(fs.readFileSync(manifestPath(file), 'utf8')) as BackupManifest;
  } catch {
    throw new Error(
      `${file} has no readable manifest (${path.basename(manifestPath(file))}) beside it, so it cannot be verified.`,
    );
  }
  if (m.file !== path.basename(file) || typeof m.sha256 !== 'string') {
    throw new Error(`${manifestPath(file)} does not describe ${path.basename(file)}.`);
  }
  return { dir: path.dirname(file), m };
}

/** Numbers the restored file must not issue again: the outgoing file's (kept aside), the mark
 * beside the data and every manifest. */
function raiseAfterRestore(dataDir: string, dirs: string[], aside: string | null) {
  let outgoing: IssuedNumbers | null = null;
  if (aside) {
    const old = new Database(aside, { readonly: true, fileMustExist: true });
    try {
      outgoing = issuedBy(old);
    } catch {
      // a damaged file: the mark beside the data and the manifests still hold the numbers
    } finally {
      old.close();
    }
  }
  const floor = highest(
    outgoing,
    readIssuedFile(dataDir),
    ...dirs.flatMap((d) => listBackups(d).map((b) => b.issued)),
  );
  const db = new Database(path.join(dataDir, DB_FILE), { fileMustExist: true });
  try {
    const raised = raiseSequences(db, floor);
    recordIssued(dataDir, sequencesOf(db));
    return raised;
  } finally {
    db.close();
  }
}

function configuredFolder(dataDir: string): string | undefined {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT value FROM setting WHERE key = 'backup.folder'`).pluck().get();
    const v = typeof row === 'string' ? (JSON.parse(row) as unknown) : undefined;
    return typeof v === 'string' && v ? v : undefined;
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    data: 'string',
    out: 'string',
    list: 'boolean',
    restore: 'string',
    ...DB_FLAG,
  });
  if (!flags.data) throw new ArgsError('--data DIR is required');
  const dataDir = path.resolve(flags.data);
  const target = cliDatabase(dataDir, flags.db);
  if (target.engine === 'postgres') {
    if (flags.out && !flags.out.endsWith('.pgdump')) {
      throw new ArgsError('--out names a .pgdump file for a shop on PostgreSQL');
    }
    return pgBackupCli(dataDir, target.url, flags);
  }
  const dbFile = path.join(dataDir, DB_FILE);
  const dirs = knownBackupDirs(
    dataDir,
    fs.existsSync(dbFile) ? configuredFolder(dataDir) : undefined,
  );

  if (flags.list) {
    for (const dir of dirs) {
      for (const m of listBackups(dir)) {
        const v = verifyBackup(dir, m);
        console.log(
          `${m.file}\t${new Date(m.createdAt).toISOString()}\t${m.reason}\t${m.bytes} bytes\t${v.ok ? 'verified' : `NOT OK: ${v.problem}`}`,
        );
      }
    }
    return;
  }

  if (flags.restore) {
    const all = dirs.flatMap((dir) => listBackups(dir).map((m) => ({ dir, m })));
    all.sort((a, b) => b.m.createdAt - a.m.createdAt);
    const pick =
      flags.restore === 'latest'
        ? all.find((b) => verifyBackup(b.dir, b.m).ok)
        : (all.find((b) => b.m.file === flags.restore) ??
          backupAtPath(path.resolve(flags.restore)));
    if (!pick) throw new Error(`No backup "${flags.restore}" (try --list, or give its path).`);
    const v = verifyBackup(pick.dir, pick.m);
    if (!v.ok) throw new Error(`${pick.m.file} cannot be restored: ${v.problem}.`);
    const aside = replaceDatabaseFile(dataDir, path.join(pick.dir, pick.m.file), Date.now());
    const raised = raiseAfterRestore(dataDir, dirs, aside);
    console.log(`Restored ${pick.m.file} (${new Date(pick.m.createdAt).toISOString()}).`);
    if (aside) console.log(`The previous database was kept as ${aside}.`);
    if (raised.ticket || raised.invoice) {
      console.log(
        `Numbers issued after this backup are not issued again: ${raised.ticket} ticket and ${raised.invoice} invoice numbers skipped.`,
      );
    }
    return;
  }

  const db = new Database(dbFile, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    const out = flags.out ? path.resolve(flags.out) : null;
    let last = -1;
    const m = await createBackup(db, out ? path.dirname(out) : dirs[0], {
      reason: 'cli',
      issued: readIssuedFile(dataDir),
      now: Date.now(),
      file: out ? path.basename(out) : undefined,
      onProgress: (p) => {
        if (p.percent - last >= 20 || p.phase === 'done') {
          process.stderr.write(`${p.phase} ${p.percent}%\n`);
          last = p.percent;
        }
      },
    });
    const where = path.join(out ? path.dirname(out) : dirs[0], m.file);
    console.log(
      JSON.stringify({ file: where, sha256: m.sha256, bytes: m.bytes, counts: m.counts }),
    );
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => {
  if (printEngineError(err)) process.exit(1);
  if (err instanceof ArgsError) console.error(`${err.message}\n\n${USAGE}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
