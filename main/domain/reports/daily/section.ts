import type { EntityManager } from 'typeorm';
import type { DailyReport, PendingSection } from '../../../api/contract';
import type { SettingsService } from '../../settings/settings-service';

/** What every section of the daily report reads: one local day and the moment it is asked. */
export interface ReportScope {
  em: EntityManager;
  settings: SettingsService;
  date: string;
  from: number;
  to: number;
  now: number;
}

type SectionKey = Exclude<
  keyof DailyReport,
  'date' | 'from' | 'to' | 'generatedAt' | 'shop' | 'pending'
>;

/** One section: its own SQL, its own slice of the report. New areas (payments, parts,
 * follow-up) add a module and a key; nothing else changes. */
export interface DailySection<K extends SectionKey = SectionKey> {
  key: K;
  build(scope: ReportScope): Promise<DailyReport[K]>;
}

/** Sections that wait for tables other areas own; the report says they are not in yet. */
export const PENDING_SECTIONS: PendingSection[] = ['payments', 'parts', 'followup'];
