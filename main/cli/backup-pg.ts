import path from 'node:path';
import {
  createPgBackup,
  listPgBackups,
  restorePgBackup,
  verifyPgBackup,
} from '../safety/pg-backup';
import { knownBackupDirs } from '../safety/startup';

/**
 * `npm run backup` for a shop on PostgreSQL (database.json, --db or WORKSTATION_DB_URL): the
 * same three commands as on SQLite, with pg_dump/pg_restore (main/safety/pg-backup.ts).
 */
export async function pgBackupCli(
  dataDir: string,
  url: string,
  flags: { out?: string; list?: boolean; restore?: string },
): Promise<void> {
  const dirs = knownBackupDirs(dataDir);
  if (flags.list) {
    for (const dir of dirs) {
      for (const m of listPgBackups(dir)) {
        const v = verifyPgBackup(dir, m);
        console.log(
          `${m.file}\t${new Date(m.createdAt).toISOString()}\t${m.reason}\t${m.bytes} bytes\t${v.ok ? 'verified' : `NOT OK: ${v.problem}`}`,
        );
      }
    }
    return;
  }
  if (flags.restore) {
    const all = dirs.flatMap((dir) => listPgBackups(dir).map((m) => ({ dir, m })));
    all.sort((a, b) => b.m.createdAt - a.m.createdAt);
    const pick =
      flags.restore === 'latest'
        ? all.find((b) => verifyPgBackup(b.dir, b.m).ok)
        : all.find((b) => b.m.file === flags.restore);
    if (!pick) throw new Error(`No backup "${flags.restore}" (try --list).`);
    const r = await restorePgBackup(url, pick.dir, pick.m, Date.now());
    console.log(`Restored ${pick.m.file} (${new Date(pick.m.createdAt).toISOString()}).`);
    console.log(`The previous database was saved as ${r.undo.file} (restore it to undo).`);
    return;
  }
  const out = flags.out ? path.resolve(flags.out) : null;
  const dir = out ? path.dirname(out) : dirs[0];
  const m = await createPgBackup(url, dir, {
    reason: 'cli',
    now: Date.now(),
    file: out ? path.basename(out) : undefined,
  });
  console.log(
    JSON.stringify({
      file: path.join(dir, m.file),
      sha256: m.sha256,
      bytes: m.bytes,
      counts: m.counts,
    }),
  );
}
