/** DTOs of data safety: backups, restores, integrity and audit checks, personal data. */
export interface BackupDto {
  file: string;
  createdAt: number;
  reason: string;
  bytes: number;
  auditHeadId: number | null;
}

export interface SafetyStatusDto {
  folder: string;
  backups: BackupDto[];
  changesSinceBackup: number;
  /** The copy an undo would bring back (the one saved by the last restore). */
  undoFile: string | null;
}

export interface BackupVerdictDto {
  file: string;
  ok: boolean;
  problem: string | null;
}

export interface RestoreResultDto {
  restored: string;
  /** The copy of the database as it was just before; restoring it undoes this restore. */
  undoFile: string;
}

/** What a restore of one backup would drop, said before anyone confirms it. */
export interface RestorePreviewDto {
  file: string;
  /** Tickets in the shop now that the backup does not hold (taken in after it was made). */
  ticketsDropped: number;
  invoicesDropped: number;
  /** The highest ticket number issued so far (printed on a tag); never issued again. */
  lastTicket: string | null;
  /** The number the next new ticket will get after the restore. */
  nextTicket: string;
}

export interface IntegrityDto {
  mode: 'quick' | 'full';
  ok: boolean;
  result: string;
}

export interface AuditVerifyDto {
  ok: boolean;
  checked: number;
  /** The first entry that does not link to the one before it, in plain words. */
  firstBroken: { id: number; at: number | null; action: string | null; problem: string } | null;
}

export interface CustomerExportDto {
  fileName: string;
  mime: 'application/json' | 'text/csv';
  content: string;
}

export interface CustomerEraseDto {
  customerId: number;
  tickets: number;
}

export interface SafetyProgress {
  operation: 'backup' | 'restore' | 'undo';
  phase: 'copy' | 'check' | 'checksum' | 'done';
  percent: number;
}
