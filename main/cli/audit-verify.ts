import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../db/data-source';
import { verifyAuditPg, verifyAuditRows, type AuditVerification } from '../safety/audit-verify';
import { listBackups, type BackupManifest } from '../safety/backup';
import { listPgBackups } from '../safety/pg-backup';
import { knownBackupDirs } from '../safety/startup';
import { ArgsError, parseFlags } from './args';
import { cliDatabase, DB_FLAG, printEngineError } from './db-option';

/** Chain heads recorded by backups made after the newest restore (an older timeline is not
 * this one). */
const anchorsAfter = (manifests: BackupManifest[], lastRestore: number) =>
  manifests.filter((b) => b.auditHead && b.createdAt > lastRestore).map((b) => b.auditHead!);

function print(report: AuditVerification, json: boolean | undefined) {
  if (json) console.log(JSON.stringify(report));
  else if (report.ok) console.log(`Audit log intact: ${report.checked} entries verified.`);
  else {
    const b = report.firstBroken!;
    const when = b.at ? ` (${new Date(b.at).toISOString()}, ${b.action})` : '';
    console.log(
      `Audit log BROKEN at entry ${b.id}${when}: ${b.problem}. ${report.checked} entries before it are intact.`,
    );
  }
  process.exitCode = report.ok ? 0 : 2;
}

/**
 * `npm run audit:verify -- --data DIR [--db URL]`: walks the audit hash chain (read-only) and
 * names the first broken entry; exit code 0 when the chain holds, 2 when it does not. On
 * PostgreSQL the anchors are the heads in the folder's .pgdump manifests.
 */
async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    data: 'string',
    json: 'boolean',
    ...DB_FLAG,
  });
  if (!flags.data) throw new ArgsError('--data DIR is required');
  const dataDir = path.resolve(flags.data);
  const target = cliDatabase(dataDir, flags.db);
  if (target.engine === 'postgres') {
    const dumps = knownBackupDirs(dataDir).flatMap((d) => listPgBackups(d));
    print(
      await verifyAuditPg(target.url, (lastRestore) => anchorsAfter(dumps, lastRestore)),
      flags.json,
    );
    return;
  }
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const lastRestore = db
      .prepare(
        `SELECT max(at) FROM audit_entry WHERE action IN ('safety.restore', 'safety.undoRestore')`,
      )
      .pluck()
      .get() as number | null;
    const manifests = knownBackupDirs(dataDir).flatMap((d) => listBackups(d));
    print(verifyAuditRows(db, anchorsAfter(manifests, lastRestore ?? 0)), flags.json);
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => {
  if (printEngineError(err)) process.exit(1);
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
