import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../db/data-source';
import { verifyAuditRows } from '../safety/audit-verify';
import { listBackups } from '../safety/backup';
import { knownBackupDirs } from '../safety/startup';
import { ArgsError, parseFlags } from './args';
import { cliDatabase, DB_FLAG, printEngineError } from './db-option';

/**
 * `npm run audit:verify -- --data DIR`: walks the audit hash chain (read-only) and names the
 * first broken entry; exit code 0 when the chain holds, 2 when it does not.
 */
function main() {
  const flags = parseFlags(process.argv.slice(2), {
    data: 'string',
    json: 'boolean',
    ...DB_FLAG,
  });
  if (!flags.data) throw new ArgsError('--data DIR is required');
  const dataDir = path.resolve(flags.data);
  cliDatabase(dataDir, flags.db, 'Audit verification (npm run audit:verify)');
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const lastRestore = db
      .prepare(
        `SELECT max(at) FROM audit_entry WHERE action IN ('safety.restore', 'safety.undoRestore')`,
      )
      .pluck()
      .get() as number | null;
    const anchors = knownBackupDirs(dataDir)
      .flatMap((d) => listBackups(d))
      .filter((b) => b.auditHead && b.createdAt > (lastRestore ?? 0))
      .map((b) => b.auditHead!);
    const report = verifyAuditRows(db, anchors);
    if (flags.json) console.log(JSON.stringify(report));
    else if (report.ok) console.log(`Audit log intact: ${report.checked} entries verified.`);
    else {
      const b = report.firstBroken!;
      const when = b.at ? ` (${new Date(b.at).toISOString()}, ${b.action})` : '';
      console.log(
        `Audit log BROKEN at entry ${b.id}${when}: ${b.problem}. ${report.checked} entries before it are intact.`,
      );
    }
    process.exitCode = report.ok ? 0 : 2;
  } finally {
    db.close();
  }
}

try {
  main();
} catch (err) {
  if (printEngineError(err)) process.exit(1);
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
