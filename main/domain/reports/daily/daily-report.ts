import type { EntityManager } from 'typeorm';
import type { DailyReport } from '../../../api/contract';
import type { SettingsService } from '../../settings/settings-service';
import { shopTimeZone } from '../../calendar/shop-calendar';
import { dayRange } from '../day-range';
import { deadlineSection } from './deadlines';
import { followupSection } from './followup';
import { partsSection } from './parts';
import { paymentsSection } from './payments';
import { qualitySection } from './quality';
import { PENDING_SECTIONS, type ReportScope } from './section';
import { technicianSection } from './technicians';
import { ticketFlowSection } from './ticket-flow';
import { messagesSection } from '../../messages/message-report';

/** The manager's daily report: one read of each section, every figure aggregated in SQL. */
export async function dailyReport(
  em: EntityManager,
  settings: SettingsService,
  date: string,
  now: number,
): Promise<DailyReport> {
  const { from, to } = dayRange(date, shopTimeZone(settings));
  const scope: ReportScope = { em, settings, date, from, to, now };
  return {
    date,
    from,
    to,
    generatedAt: now,
    shop: {
      name: settings.get('shop.name'),
      address: settings.get('shop.address'),
      phone: settings.get('shop.phone'),
    },
    tickets: await ticketFlowSection.build(scope),
    deadlines: await deadlineSection.build(scope),
    quality: await qualitySection.build(scope),
    technicians: await technicianSection.build(scope),
    payments: await paymentsSection.build(scope),
    parts: await partsSection.build(scope),
    followup: await followupSection.build(scope),
    messages: await messagesSection.build(scope),
    pending: PENDING_SECTIONS,
  };
}
