/**
 * The API contract: every method's input and output, and the events. Pure types and zod
 * schemas only, so the renderer can import it without pulling in Node or TypeORM.
 */
import type { z } from 'zod';
import type { Role } from './permissions';
import type { intakeCommitSchema, intakeEvaluateSchema } from './schemas/intake';
import type * as b from './schemas/bench';
import type * as s from './schemas/misc';
import type { DevicesContract, PeripheralStatus, PrintJobStatus } from './contract-devices';
import type { EngineApi } from './contract-engine';
import type { LiveApi, LiveEvents } from './contract-live';

export type * from './contract-devices';
export type * from './contract-engine';
export type * from './contract-live';
import type * as ph from './schemas/photos';
import type { PhotoDto, PhotoWithData } from './contract-photos';

export type * from './contract-photos';
import type { InventoryApi, InventoryEvents } from './contract-inventory';

export type * from './contract-inventory';
import type * as sf from './schemas/safety';
import type * as sd from './contract-safety';

export type * from './contract-safety';
import type { ReportsApi, ReportsEvents } from './contract-reports';
import type { InvoiceAmountsDto } from './contract-pickup';
export type * from './contract-reports';
export type * from './contract-day-close';

export type { Role };
export type * from './contract-pickup';

import type { StaffApi, StaffEvents } from './contract-staff';
import type { MessagesApi, MessagesEvents } from './contract-messages';
export type * from './contract-messages';
import type { MessageChannelsApi } from './contract-message-channels';
export type * from './contract-message-channels';
export type * from './contract-staff';
import type { StationsApi } from './contract-stations';
export type * from './contract-stations';

export interface CustomerDto {
  id: number;
  name: string;
  phone: string;
  email: string | null;
  channel: string;
  createdAt: number;
}

export interface CustomerSummary extends CustomerDto {
  ticketCount: number;
  lastVisitAt: number | null;
}

export interface DeviceDto {
  id: number;
  customerId: number;
  type: string;
  brand: string;
  model: string;
  serial: string | null;
  imei: string | null;
  purchaseDate: string | null;
  proof: string;
}

export interface TicketSummary {
  id: number;
  number: string;
  status: string;
  category: string;
  priority: string;
  serviceMode: string;
  warranty: WarrantyStatus;
  isRepeat: boolean;
  customerId: number;
  customerName: string;
  customerPhone: string;
  deviceId: number;
  deviceLabel: string;
  problem: string;
  receivedAt: number;
  promisedAt: number;
  updatedAt: number;
}

export interface TimelineEvent {
  id: number;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  staffName: string | null;
  at: number;
}

export interface TicketDetail extends TicketSummary {
  device: DeviceDto;
  customer: CustomerDto;
  accessories: string[];
  conditionNotes: string;
  backupAck: boolean;
  hasPasscode: boolean;
  exclusion: string | null;
  warrantyUntil: string | null;
  repeatOf: { id: number; number: string } | null;
  estimateCents: number;
  depositCents: number;
  createdByName: string;
  timeline: TimelineEvent[];
  printJobs: PrintJobDto[];
  version: number;
}

export interface CustomerDetail {
  customer: CustomerDto;
  devices: DeviceDto[];
  tickets: TicketSummary[];
}

export interface ModelSuggestion {
  type: string;
  brand: string;
  model: string;
  uses: number;
}

export type WarrantyStatus = 'in_warranty' | 'expired' | 'no_proof' | 'excluded' | 'unknown';

export interface WarrantyDecision {
  warranty: WarrantyStatus;
  warrantyUntil: string | null;
  repeatOf: { id: number; number: string; completedAt: number } | null;
  /** False when in warranty or a repeat repair (free by default). */
  chargeable: boolean;
  promisedAt: number;
  /** A ticket still open for the same device (record, IMEI or serial): intake warns before a second. */
  openTicket: { id: number; number: string; status: string } | null;
}

/** The live intake panel: the decision, and the typed estimate as the customer will pay it. */
export interface IntakeEvaluation extends WarrantyDecision {
  estimate: EstimateAmountsDto | null;
}

export interface ProgressDto {
  number: string;
  status: string;
  promisedAt: number;
  receivedAt: number;
  lastUpdateAt: number;
  lastEvent: string | null;
  deviceLabel: string;
  customerName: string;
}

export type PrintLine =
  | {
      type: 'text';
      text: string;
      align?: 'left' | 'center' | 'right';
      bold?: boolean;
      size?: 1 | 2;
    }
  | { type: 'pair'; left: string; right: string }
  | { type: 'barcode'; symbology: 'code128' | 'qrcode'; data: string }
  | { type: 'rule' }
  /** The shop's logo (setting `shop.logo`) as it is when printed; nothing when none is set. */
  | { type: 'logo' };

/** One layout description; printers get bytes from it, the screen gets a preview. */
export interface PrintDocument {
  kind: 'receipt' | 'label';
  widthMm: number;
  heightMm?: number;
  lines: PrintLine[];
}

export interface PrintJobDto {
  id: number;
  kind: string;
  ticketId: number | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  document: PrintDocument;
  deviceId?: number | null;
  reprintOf?: number | null;
  printedAt?: number | null;
  /** The station whose worker prints it, and (in the queue list) its name and whether it runs. */
  stationId?: string | null;
  stationName?: string | null;
  stationOnline?: boolean;
}

export interface IntakeResult {
  ticket: TicketSummary;
  printJobs: PrintJobDto[];
  /** True when this idempotency key had already been committed: nothing new was written. */
  replayed: boolean;
}

export interface SearchResults {
  tickets: TicketSummary[];
  customers: CustomerSummary[];
  devices: Array<DeviceDto & { customerName: string }>;
}

export interface AuditDto {
  id: number;
  at: number;
  staffName: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  outcome: string;
  origin: string;
}

export interface SlaDto {
  dueAt: number;
  firstResponseDueAt: number | null;
  paused: boolean;
  overdue: boolean;
  nearDue: boolean;
  firstResponseLate: boolean;
}

export interface BenchTicket extends TicketSummary {
  deviceType: string;
  assignedTo: { id: number; name: string } | null;
  approval: string;
  reworkDueAt: number | null;
  sla: SlaDto;
  version: number;
}

/** An estimate's amounts with the tax rule used (the same arithmetic as the pickup invoice). */
export interface EstimateAmountsDto extends InvoiceAmountsDto {
  taxRateBp: number;
  taxInclusive: boolean;
}

/** One board column: a page of its tickets and how many it holds under the same filters. */
export interface BenchColumn {
  status: string;
  total: number;
  offset: number;
  rows: BenchTicket[];
}

export interface EstimateLineDto {
  id: number;
  kind: string;
  description: string;
  qty: number;
  unitCents: number;
  totalCents: number;
}

export interface ApprovalDto {
  id: number;
  decision: string;
  channel: string;
  /** What the customer agreed to pay (after warranty cover, with tax). */
  totalCents: number;
  /** The tax inside or on top of totalCents (0 on approvals recorded before tax was shown). */
  taxCents: number;
  note: string | null;
  recordedBy: string;
  at: number;
}

export interface WorkLogDto {
  id: number;
  staffName: string;
  startedAt: number;
  endedAt: number | null;
  minutes: number | null;
  note: string | null;
  manual: boolean;
}

export interface QcCheckDto {
  id: number;
  inspector: string;
  procedure: number;
  effectiveness: number;
  communication: number;
  total: number;
  band: string;
  feedback: string | null;
  reworkDueAt: number | null;
  at: number;
}

export interface MoveDto {
  to: string;
  key: string | null;
  requires: string[];
}

export interface BenchDetail {
  ticket: BenchTicket;
  cause: string | null;
  responsible: string | null;
  plan: string[];
  free: boolean;
  /** totalCents: the lines' sum before tax; amounts: what the customer will pay, as pickup computes it. */
  estimate: { lines: EstimateLineDto[]; totalCents: number; amounts: EstimateAmountsDto };
  approvals: ApprovalDto[];
  workLog: WorkLogDto[];
  workedMinutes: number;
  myTimer: WorkLogDto | null;
  qcChecks: QcCheckDto[];
  moves: MoveDto[];
}

type M<I, O> = { input: I; output: O };

export interface ApiContract
  extends
    DevicesContract,
    InventoryApi,
    ReportsApi,
    StaffApi,
    EngineApi,
    LiveApi,
    MessagesApi,
    MessageChannelsApi,
    StationsApi {
  'customers.search': M<z.input<typeof s.customerSearchSchema>, CustomerSummary[]>;
  'customers.get': M<z.input<typeof s.byId>, CustomerDetail>;
  'devices.models': M<z.input<typeof s.modelSearchSchema>, ModelSuggestion[]>;
  'intake.evaluate': M<z.input<typeof intakeEvaluateSchema>, IntakeEvaluation>;
  'intake.commit': M<z.input<typeof intakeCommitSchema>, IntakeResult>;
  'tickets.get': M<z.input<typeof s.byId>, TicketDetail>;
  'tickets.progress': M<z.input<typeof s.ticketNumberSchema>, ProgressDto>;
  'tickets.list': M<z.input<typeof s.ticketListSchema>, { rows: TicketSummary[]; total: number }>;
  'tickets.revealPasscode': M<z.input<typeof s.byId>, { passcode: string }>;
  'search.global': M<z.input<typeof s.globalSearchSchema>, SearchResults>;
  'printJobs.list': M<z.input<typeof s.printJobListSchema>, PrintJobDto[]>;
  'printJobs.count': M<z.input<typeof s.printJobCountSchema>, { count: number }>;
  'settings.get': M<z.input<typeof s.empty>, Record<string, unknown>>;
  'settings.update': M<z.input<typeof s.settingUpdateSchema>, Record<string, unknown>>;
  'audit.list': M<z.input<typeof s.limitOnly>, AuditDto[]>;
  'bench.queue': M<z.input<typeof b.queueSchema>, { columns: BenchColumn[] }>;
  'bench.column': M<z.input<typeof b.columnSchema>, BenchColumn>;
  'bench.list': M<z.input<typeof b.queueListSchema>, { rows: BenchTicket[]; total: number }>;
  'bench.detail': M<z.input<typeof s.byId>, BenchDetail>;
  'bench.transition': M<z.input<typeof b.transitionSchema>, { status: string; version: number }>;
  'bench.assign': M<z.input<typeof b.assignSchema>, { version: number }>;
  'bench.diagnose': M<z.input<typeof b.diagnoseSchema>, { version: number }>;
  'bench.estimateAdd': M<z.input<typeof b.estimateAddSchema>, EstimateLineDto>;
  'bench.estimateRemove': M<z.input<typeof b.estimateRemoveSchema>, { ok: true }>;
  'bench.approval': M<z.input<typeof b.approvalSchema>, { approval: string }>;
  'bench.workStart': M<z.input<typeof b.workTimerSchema>, WorkLogDto>;
  'bench.workStop': M<z.input<typeof b.workTimerSchema>, WorkLogDto>;
  'bench.workAdd': M<z.input<typeof b.workManualSchema>, WorkLogDto>;
  'photos.add': M<z.input<typeof ph.photoAddSchema>, PhotoDto>;
  'photos.list': M<z.input<typeof ph.photoListSchema>, PhotoDto[]>;
  'photos.get': M<z.input<typeof s.byId>, PhotoWithData>;
  'photos.remove': M<z.input<typeof ph.photoRemoveSchema>, { ok: true }>;
  'bench.note': M<z.input<typeof b.noteSchema>, { ok: true }>;
  'qc.record': M<z.input<typeof b.qcRecordSchema>, { total: number; band: string; status: string }>;
  'safety.status': M<Record<string, never>, sd.SafetyStatusDto>;
  'safety.backupNow': M<Record<string, never>, sd.BackupDto>;
  'safety.verifyBackup': M<z.input<typeof sf.backupFileSchema>, sd.BackupVerdictDto>;
  'safety.deleteBackup': M<z.input<typeof sf.backupFileSchema>, sd.BackupDto>;
  'safety.restore': M<z.input<typeof sf.backupFileSchema>, sd.RestoreResultDto>;
  'safety.restorePreview': M<z.input<typeof sf.backupFileSchema>, sd.RestorePreviewDto>;
  'safety.undoRestore': M<Record<string, never>, sd.RestoreResultDto>;
  'safety.integrityCheck': M<z.input<typeof sf.integrityCheckSchema>, sd.IntegrityDto>;
  'audit.verify': M<Record<string, never>, sd.AuditVerifyDto>;
  'customers.exportData': M<z.input<typeof sf.customerExportSchema>, sd.CustomerExportDto>;
  'customers.erase': M<z.input<typeof sf.customerEraseSchema>, sd.CustomerEraseDto>;
}

export type MethodName = keyof ApiContract;
export type InputOf<K extends MethodName> = ApiContract[K]['input'];
export type OutputOf<K extends MethodName> = ApiContract[K]['output'];

export interface EventMap
  extends InventoryEvents, ReportsEvents, StaffEvents, MessagesEvents, LiveEvents {
  'ticket.created': { ticketId: number; number: string };
  'ticket.updated': { ticketId: number; number: string };
  'printJob.queued': { id: number; kind: string; ticketId: number | null };
  /** Sent to signed-in managers (and admins) only. */
  emergency: { ticketId: number; number: string; customerName: string; problem: string };
  /** Sent by the Electron shell's Go menu (never by the backend): `to` is `/<screen>`. */
  'app.navigate': { to: string };
  /** A serial scanner read a code: the renderer treats it like a keyboard-wedge scan. */
  scan: { code: string; deviceId: number };
  'hardware.status': PeripheralStatus;
  'printJob.updated': {
    id: number;
    kind: string;
    status: PrintJobStatus;
    lastError: string | null;
  };
  /** Backup and restore progress, for managers and admins. */
  'safety.progress': sd.SafetyProgress;
}
export type EventName = keyof EventMap;
