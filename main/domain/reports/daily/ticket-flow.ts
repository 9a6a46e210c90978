import { sqlOf } from '../../../db/sql';
import type { CountBy } from '../../../api/contract';
import type { DailySection, ReportScope } from './section';

type Col = 'received_at' | 'completed_at' | 'collected_at';

/** Counts by a ticket or device column for tickets whose `col` falls in the day (by index). */
async function countBy(s: ReportScope, col: Col, by: 't.category' | 'd.type'): Promise<CountBy[]> {
  const join = by === 'd.type' ? 'JOIN device d ON d.id = t.device_id' : '';
  const rows: Array<{ key: string; count: number }> = await sqlOf(s.em).all(
    `SELECT ${by} AS key, count(*) AS count FROM ticket t ${join}
     WHERE t.${col} >= ? AND t.${col} < ? GROUP BY ${by} ORDER BY count DESC, key`,
    s.from,
    s.to,
  );
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

const total = (rows: CountBy[]) => rows.reduce((n, r) => n + r.count, 0);

/** Tickets received, completed (repair finished and passed QC or skipped it) and collected. */
export const ticketFlowSection: DailySection<'tickets'> = {
  key: 'tickets',
  async build(s) {
    const [receivedByCategory, receivedByDeviceType, completedByDeviceType, collectedByDeviceType] =
      await Promise.all([
        countBy(s, 'received_at', 't.category'),
        countBy(s, 'received_at', 'd.type'),
        countBy(s, 'completed_at', 'd.type'),
        countBy(s, 'collected_at', 'd.type'),
      ]);
    const [{ repeats }]: Array<{ repeats: number }> = await sqlOf(s.em).all(
      'SELECT count(*) AS repeats FROM ticket WHERE received_at >= ? AND received_at < ? AND repeat_of_id IS NOT NULL',
      s.from,
      s.to,
    );
    return {
      received: total(receivedByCategory),
      completed: total(completedByDeviceType),
      collected: total(collectedByDeviceType),
      repeats: Number(repeats),
      receivedByCategory,
      receivedByDeviceType,
      completedByDeviceType,
      collectedByDeviceType,
    };
  },
};
