import type { DailyReport, DayCloseDto } from '../../../api/contract';
import { dailyPdf } from '../daily/daily-pdf';
import { zReportPdf } from '../day-close/z-report-pdf';

/** A PDF to lay out: plain data only, so it can cross to the PDF worker thread. */
export type PdfJob =
  | { kind: 'daily'; report: DailyReport; lang: 'en' | 'zh' }
  | {
      kind: 'z';
      view: DayCloseDto;
      shop: { name: string; address: string; phone: string };
      lang: 'en' | 'zh';
      generatedAt: number;
    };

export function layOut(job: PdfJob): Promise<Buffer> {
  return job.kind === 'daily'
    ? dailyPdf(job.report, job.lang)
    : zReportPdf(job.view, job.shop, job.lang, job.generatedAt);
}
