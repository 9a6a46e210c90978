import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { roleAllows } from '../../api/permissions';
import {
  dateRangeSchema,
  exportStartSchema,
  exportStatusSchema,
  reportDaySchema,
  reportPdfSchema,
} from '../../api/schemas/reports';
import { shopTimeZone } from '../calendar/shop-calendar';
import { dailyReport } from './daily/daily-report';
import { exportStatus, startExport } from './export/export-jobs';
import { kpiDashboard } from './kpi-dashboard';
import { renderPdfJob } from './pdf/pdf-thread';

/** What managers look at (DOMAIN): the daily report, the dashboard, and data export. */
export const reportMethods = [
  defineMethod('report.daily', {
    input: reportDaySchema,
    access: 'report.read',
    write: false,
    async handler({ date }, { em, services, now }) {
      return dailyReport(em, services.settings, date, now);
    },
  }),

  defineMethod('report.dailyPdf', {
    input: reportPdfSchema,
    access: 'report.read',
    write: false,
    auditReads: true,
    // The data is one slice; the layout (about a second on a busy day) runs on the PDF thread.
    long: true,
    async handler({ date, lang }, ctx) {
      const { services, now } = ctx;
      const language = lang ?? services.settings.get('print.language');
      const report = await ctx.slice((em) => dailyReport(em, services.settings, date, now));
      const pdf = await renderPdfJob({ kind: 'daily', report, lang: language });
      ctx.audit.details = { date, lang: language };
      return { fileName: `daily-report-${date}-${language}.pdf`, base64: pdf.toString('base64') };
    },
  }),

  defineMethod('kpi.dashboard', {
    input: dateRangeSchema,
    access: 'report.read',
    write: false,
    async handler({ from, to }, { em, services }) {
      return kpiDashboard(em, from, to, shopTimeZone(services.settings));
    },
  }),

  defineMethod('export.start', {
    input: exportStartSchema,
    access: 'data.export',
    write: false,
    // Personal data leaves the app: always recorded (DOMAIN "Privacy and trust").
    auditReads: true,
    async handler(input, ctx) {
      // Customers are personal data: their export also needs the customer-export right (a
      // manager's), whoever else may one day be given plain data export.
      if (input.kind === 'customers' && !roleAllows(ctx.session.role, 'customer.export')) {
        throw new ApiError('FORBIDDEN', 'Only a manager may export customers.', {
          key: 'errors.forbidden',
        });
      }
      const job = startExport(
        ctx.services.dataSource,
        ctx.services.dataDir,
        ctx.services.events,
        input,
        shopTimeZone(ctx.services.settings),
      );
      ctx.audit.entity = 'export';
      ctx.audit.entityId = job.jobId;
      ctx.audit.details = { kind: input.kind, from: input.from, to: input.to };
      return job;
    },
  }),

  defineMethod('export.status', {
    input: exportStatusSchema,
    access: 'data.export',
    write: false,
    async handler({ jobId }) {
      const job = exportStatus(jobId);
      if (!job) throw new ApiError('NOT_FOUND', 'No such export.', { key: 'errors.notFound' });
      return job;
    },
  }),
];
