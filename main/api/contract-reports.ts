/** Knowledge base, daily report, dashboard and export: the DTOs that cross the API. */
import type { z } from 'zod';
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
  /** Filled once callbacks exist (follow-up area). */
  satisfaction: { csat: number | null; nps: number | null; responses: number } | null;
  topFaults: Array<{ model: string; problem: string; count: number }>;
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

export interface ReportsApi {
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
