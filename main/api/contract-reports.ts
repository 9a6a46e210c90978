/** Knowledge base, daily report, dashboard and export: the DTOs that cross the API. */
import type { CustomersToldKpi, MessagesSection } from './contract-messages';
import type { z } from 'zod';
import type { DayCloseApi, TakingsRow } from './contract-day-close';
import type * as r from './schemas/reports';

export interface KbArticleDto {
  id: number;
  title: string;
  symptoms: string;
  cause: string;
  steps: string[];
  models: string[];
  tags: string[];
  sourceTicket: { id: number; number: string } | null;
  author: string;
  updatedAt: number;
  version: number;
}

export interface KbHit {
  id: number;
  title: string;
  symptoms: string;
  models: string[];
  tags: string[];
  updatedAt: number;
  /** The article names the device model that was asked about. */
  modelMatch: boolean;
}

/** A past repair of the same model and symptom, and how it was resolved. */
export interface SimilarTicket {
  id: number;
  number: string;
  deviceLabel: string;
  problem: string;
  cause: string;
  plan: string[];
  status: string;
  completedAt: number | null;
}

export interface KbSuggestions {
  articles: KbHit[];
  tickets: SimilarTicket[];
}

export type KbDraft = Omit<
  KbArticleDto,
  'id' | 'author' | 'updatedAt' | 'version' | 'sourceTicket'
> & {
  sourceTicketId: number;
};

export interface CountBy {
  key: string;
  count: number;
}

export interface TicketFlowSection {
  received: number;
  completed: number;
  collected: number;
  repeats: number;
  receivedByCategory: CountBy[];
  receivedByDeviceType: CountBy[];
  completedByDeviceType: CountBy[];
  collectedByDeviceType: CountBy[];
}

export interface DeadlineRow {
  id: number;
  number: string;
  status: string;
  deviceLabel: string;
  customerName: string;
  assignee: string | null;
  dueAt: number;
  overdue: boolean;
}

export interface DeadlineSection {
  /** The moment the deadlines are judged at: now for today, the end of the day before. */
  asOf: number;
  overdue: number;
  nearDue: number;
  rows: DeadlineRow[];
}

export interface QualitySection {
  count: number;
  average: number | null;
  excellent: number;
  fails: number;
  failed: Array<{ number: string; total: number; inspector: string; feedback: string | null }>;
}

export interface TechnicianRow {
  staffId: number;
  name: string;
  completed: number;
  minutes: number;
  qcCount: number;
  qcAverage: number | null;
}

/** Money of the day: takings by method, deposits, refunds, discounts (with who approved). */
export interface PaymentsSection {
  takings: TakingsRow[];
  inCents: number;
  outCents: number;
  netCents: number;
  /** Deposits taken at intake on tickets received this day. */
  deposits: { count: number; cents: number };
  refunds: Array<{
    invoice: string;
    corrects: string | null;
    ticket: string;
    cents: number;
    reason: string | null;
    approvedBy: string | null;
  }>;
  refundsCents: number;
  discounts: Array<{
    invoice: string;
    ticket: string;
    cents: number;
    reason: string | null;
    givenBy: string;
    approvedBy: string | null;
  }>;
  discountsCents: number;
  /** The day's close, when a manager has counted the till. */
  closed: { countedCents: number; varianceCents: number; closedBy: string } | null;
}

/** Parts fitted this day, per part: quantity, cost, what was charged and the margin. */
export interface PartsSection {
  rows: Array<{
    sku: string;
    name: string;
    qty: number;
    costCents: number;
    priceCents: number;
    marginCents: number;
  }>;
  qty: number;
  costCents: number;
  priceCents: number;
  marginCents: number;
  /** Margin as a percentage of the price charged. */
  marginPct: number | null;
}

/** After-sales: callbacks due and done, unhappy customers, manager tasks open at day's end. */
export interface FollowupSection {
  callbacksDue: number;
  callbacksDone: number;
  /** Due by the end of the day and not done yet. */
  callbacksOpen: Array<{ ticket: string; customer: string; dueAt: number; attempts: number }>;
  unhappy: Array<{
    ticket: string;
    customer: string;
    satisfaction: string;
    nps: number | null;
    comments: string | null;
  }>;
  openTasks: Array<{
    id: number;
    kind: string;
    summary: string;
    ticket: string | null;
    customer: string;
    dueAt: number;
    overdue: boolean;
  }>;
}

/** Sections whose data belongs to areas not in this build yet (payments, parts, follow-up). */
export type PendingSection = 'payments' | 'parts' | 'followup';

export interface DailyReport {
  date: string;
  from: number;
  to: number;
  generatedAt: number;
  shop: { name: string; address: string; phone: string };
  tickets: TicketFlowSection;
  deadlines: DeadlineSection;
  quality: QualitySection;
  technicians: TechnicianRow[];
  payments: PaymentsSection;
  parts: PartsSection;
  followup: FollowupSection;
  /** Customer messages sent and failed per channel (issue 16). */
  messages: MessagesSection;
  pending: PendingSection[];
}

export interface KpiDashboard {
  from: string;
  to: string;
  backlog: CountBy[];
  intakePerDay: Array<{ date: string; count: number }>;
  turnaround: Array<{
    date: string;
    completed: number;
    p50Hours: number | null;
    p90Hours: number | null;
  }>;
  completed: number;
  slaCompliance: number | null;
  firstTimeFix: number | null;
  repeatRate: number | null;
  qc: { count: number; average: number | null; failRate: number | null };
  /** From callbacks done in the range: CSAT = share satisfied or better, NPS = promoters − detractors (%). */
  satisfaction: { csat: number | null; nps: number | null; responses: number } | null;
  topFaults: Array<{ model: string; problem: string; count: number }>;
  /** Ready devices whose customer was told within 15 min (outbox or a recorded message). */
  customersTold: CustomersToldKpi;
  technicians: Array<{
    staffId: number;
    name: string;
    completed: number;
    medianHours: number | null;
    qcAverage: number | null;
    qcFails: number;
    minutes: number;
  }>;
  pending: PendingSection[];
}

export interface ExportJob {
  jobId: string;
  kind: string;
  fileName: string;
  path: string;
  total: number;
  done: number;
  state: 'running' | 'done' | 'failed';
  error: string | null;
}

type M<I, O> = { input: I; output: O };

export interface ReportsApi extends DayCloseApi {
  'kb.search': M<z.input<typeof r.kbSearchSchema>, KbHit[]>;
  'kb.get': M<{ id: number }, KbArticleDto>;
  'kb.save': M<z.input<typeof r.kbSaveSchema>, KbArticleDto>;
  'kb.suggest': M<z.input<typeof r.kbSuggestSchema>, KbSuggestions>;
  'kb.fromTicket': M<z.input<typeof r.kbFromTicketSchema>, KbDraft>;
  'report.daily': M<z.input<typeof r.reportDaySchema>, DailyReport>;
  'report.dailyPdf': M<z.input<typeof r.reportPdfSchema>, { fileName: string; base64: string }>;
  'kpi.dashboard': M<z.input<typeof r.dateRangeSchema>, KpiDashboard>;
  'export.start': M<z.input<typeof r.exportStartSchema>, ExportJob>;
  'export.status': M<z.input<typeof r.exportStatusSchema>, ExportJob>;
}

export interface ReportsEvents {
  'export.progress': ExportJob;
}
