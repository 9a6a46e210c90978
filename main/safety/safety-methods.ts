import { ApiError } from '../api/errors';
import { defineMethod, type MethodContext } from '../api/method';
import { empty } from '../api/schemas/misc';
import {
  backupFileSchema,
  customerEraseSchema,
  customerExportSchema,
  integrityCheckSchema,
} from '../api/schemas/safety';
import type { BackupDto, RestorePreviewDto, RestoreResultDto } from '../api/contract-safety';
import { formatTicketNumber } from '../domain/tickets/ticket-number';
import { appendAudit } from '../domain/audit/audit-log';
import type { EntityManager } from 'typeorm';
import { sqlOf } from '../db/sql';
import { postgresReader } from '../db/snapshot-reader';
import { verifyAuditFile, verifyAuditSnapshot } from './audit-verify';
import type { BackupManifest } from './backup';
import { collectPersonalData, eraseCustomer, personalDataCsv } from './personal-data';
import { RestoreRefused } from './safety-service';

const toDto = (m: BackupManifest): BackupDto => ({
  file: m.file,
  createdAt: m.createdAt,
  reason: m.reason,
  bytes: m.bytes,
  auditHeadId: m.auditHead?.id ?? null,
});

function refusal(err: unknown): never {
  if (!(err instanceof RestoreRefused)) throw err;
  if (err.reason === 'NOT_FOUND') {
    throw new ApiError('NOT_FOUND', err.message, { key: 'safety.errors.noSuchBackup' });
  }
  throw new ApiError('CONFLICT', err.message, {
    key: err.reason === 'DAMAGED' ? 'safety.errors.backupDamaged' : 'safety.errors.backupUnusable',
  });
}

/** Backups and restores touch files, not rows, so they run outside a transaction and are
 * audited here, in the database that is current once they finish. */
async function audit(ctx: MethodContext, action: string, details: Record<string, unknown>) {
  await ctx.services.dataSource.transaction((em) =>
    appendAudit(em, {
      at: ctx.services.now(),
      staffId: ctx.session?.staffId ?? null,
      staffName: ctx.session?.name ?? null,
      action,
      entity: 'database',
      entityId: null,
      outcome: 'success',
      origin: ctx.origin.slice(0, 80),
      details: JSON.stringify(details),
    }),
  );
}

async function restore(ctx: MethodContext, file: string, op: 'restore' | 'undo') {
  const res = await ctx.services.safety
    .restore(file, op, (r) =>
      audit(ctx, op === 'undo' ? 'safety.undoRestore' : 'safety.restore', {
        restored: r.restored.file,
        undoFile: r.undo.file,
        numbersSkipped: r.skipped,
      }),
    )
    .catch(refusal);
  const out: RestoreResultDto = { restored: res.restored.file, undoFile: res.undo.file };
  return out;
}

/** Backup chain heads recorded since the last restore: an older timeline is not this one. */
async function anchors(ctx: MethodContext, em: EntityManager) {
  const row = await sqlOf(em).get<{ at: number | string | null }>(
    `SELECT max(at) AS at FROM audit_entry WHERE action IN ('safety.restore', 'safety.undoRestore')`,
  );
  const lastRestore = Number(row?.at ?? 0);
  return ctx.services.safety
    .list()
    .filter((b) => b.auditHead && b.createdAt > lastRestore)
    .map((b) => b.auditHead!);
}

/** PostgreSQL has no database file of its own here: checks of the file are SQLite's. */
const onPostgres = (ctx: MethodContext) => ctx.services.dataSource.options.type === 'postgres';

const sqliteOnly = () =>
  new ApiError(
    'CONFLICT',
    'This check reads the database file on this computer; the database server checks its own pages.',
    { key: 'safety.errors.sqliteOnly' },
  );

export const safetyMethods = [
  defineMethod('safety.status', {
    input: empty,
    access: 'backup.manage',
    write: false,
    async handler(_input, ctx) {
      const { safety } = ctx.services;
      return {
        folder: safety.backupDir(),
        backups: safety.list().map(toDto),
        changesSinceBackup: safety.changesSinceBackup(),
        undoFile: safety.undoTarget()?.file ?? null,
      };
    },
  }),

  defineMethod('safety.backupNow', {
    input: empty,
    access: 'backup.manage',
    write: false,
    // The copy is made on a worker thread from its own connection: other calls go on.
    long: true,
    async handler(_input, ctx) {
      const m = await ctx.services.safety.backup('manual', (b) =>
        ctx.slice(() => audit(ctx, 'safety.backupNow', { file: b.file, sha256: b.sha256 })),
      );
      return toDto(m);
    },
  }),

  defineMethod('safety.deleteBackup', {
    input: backupFileSchema,
    access: 'backup.manage',
    write: false,
    async handler({ file }, ctx) {
      const m = await ctx.services.safety.delete(file).catch(refusal);
      await audit(ctx, 'safety.deleteBackup', { file: m.file, reason: m.reason, sha256: m.sha256 });
      return toDto(m);
    },
  }),

  defineMethod('safety.verifyBackup', {
    input: backupFileSchema,
    access: 'backup.manage',
    write: false,
    async handler({ file }, ctx) {
      try {
        return { file, ...ctx.services.safety.verify(file) };
      } catch (err) {
        return refusal(err);
      }
    },
  }),

  defineMethod('safety.restorePreview', {
    input: backupFileSchema,
    access: 'backup.manage',
    write: false,
    async handler({ file }, ctx) {
      try {
        const p = await ctx.services.safety.restorePreview(file);
        const { settings } = ctx.services;
        const fmt = (n: number) =>
          formatTicketNumber(settings.get('ticket.prefix'), settings.get('ticket.digits'), n);
        const out: RestorePreviewDto = {
          file,
          ticketsDropped: p.ticketsDropped,
          invoicesDropped: p.invoicesDropped,
          lastTicket: p.issued.ticket ? fmt(p.issued.ticket) : null,
          nextTicket: fmt(p.issued.ticket + 1),
        };
        return out;
      } catch (err) {
        return refusal(err);
      }
    },
  }),

  defineMethod('safety.restore', {
    input: backupFileSchema,
    access: 'backup.manage',
    write: false,
    handler: ({ file }, ctx) => restore(ctx, file, 'restore'),
  }),

  defineMethod('safety.undoRestore', {
    input: empty,
    access: 'backup.manage',
    write: false,
    async handler(_input, ctx) {
      const target = ctx.services.safety.undoTarget();
      if (!target) {
        throw new ApiError('NOT_FOUND', 'There is no restore to undo.', {
          key: 'safety.errors.nothingToUndo',
        });
      }
      return restore(ctx, target.file, 'undo');
    },
  }),

  defineMethod('safety.integrityCheck', {
    input: integrityCheckSchema,
    access: 'backup.manage',
    write: false,
    auditReads: true,
    async handler({ mode }, ctx) {
      // The database server checks its own pages (data checksums); nothing to ask it here.
      if (onPostgres(ctx)) throw sqliteOnly();
      const rows = ctx.services.raw.pragma(
        mode === 'quick' ? 'quick_check(20)' : 'integrity_check(20)',
      ) as Array<Record<string, string>>;
      const result = rows.map((r) => Object.values(r)[0]).join('; ');
      ctx.audit.details = { mode, ok: result === 'ok' };
      return { mode, ok: result === 'ok', result };
    },
  }),

  defineMethod('audit.verify', {
    input: empty,
    access: 'audit.read',
    write: false,
    auditReads: true,
    long: true,
    async handler(_input, ctx) {
      const heads = await ctx.slice((em) => anchors(ctx, em));
      const ds = ctx.services.dataSource;
      const report = onPostgres(ctx)
        ? await verifyAuditSnapshot(await postgresReader(ds), heads)
        : await verifyAuditFile(ds.options.database as string, heads);
      ctx.audit.details = {
        ok: report.ok,
        checked: report.checked,
        firstBroken: report.firstBroken?.id,
      };
      return report;
    },
  }),

  defineMethod('customers.exportData', {
    input: customerExportSchema,
    access: 'customer.export',
    write: false,
    auditReads: true,
    async handler({ customerId, format }, ctx) {
      const data = await collectPersonalData(ctx.em, customerId);
      ctx.audit.entity = 'customer';
      ctx.audit.entityId = customerId;
      ctx.audit.details = { format };
      const base = `customer-${customerId}-data`;
      return format === 'csv'
        ? { fileName: `${base}.csv`, mime: 'text/csv' as const, content: personalDataCsv(data) }
        : {
            fileName: `${base}.json`,
            mime: 'application/json' as const,
            content: JSON.stringify({ exportedAt: ctx.now, ...data }, null, 2),
          };
    },
  }),

  defineMethod('customers.erase', {
    input: customerEraseSchema,
    access: 'customer.erase',
    write: true,
    async handler({ customerId, reason }, ctx) {
      const res = await eraseCustomer(ctx.em, customerId, ctx.now);
      ctx.audit.entity = 'customer';
      ctx.audit.entityId = customerId;
      // The reason only: the audit log is permanent, so it must never hold the personal data.
      ctx.audit.details = { reason, tickets: res.tickets };
      // Old page images in the WAL (SQLite) or dead row versions (PostgreSQL) still hold the
      // erased values until a checkpoint or a vacuum.
      ctx.afterCommit(() => {
        if (!onPostgres(ctx)) ctx.services.raw.pragma('wal_checkpoint(TRUNCATE)');
        else
          void ctx.services.dataSource
            .query('VACUUM customer, device, ticket')
            .catch((err: unknown) => console.error('[safety] vacuum after an erasure failed', err));
      });
      return res;
    },
  }),
];
