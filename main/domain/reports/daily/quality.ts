import { sqlOf } from '../../../db/sql';
import type { DailySection } from './section';

/** Quality checks scored that day: how many, the average, excellent and failed ones. */
export const qualitySection: DailySection<'quality'> = {
  key: 'quality',
  async build(s) {
    const excellentFrom = s.settings.get('qc.excellentFrom');
    const [agg]: Array<{
      count: number;
      average: number | null;
      excellent: number | null;
      fails: number | null;
    }> = await sqlOf(s.em).all(
      `SELECT count(*) AS count, avg(total) AS average,
                sum(CASE WHEN total >= ? THEN 1 ELSE 0 END) AS excellent,
                sum(CASE WHEN band = 'fail' THEN 1 ELSE 0 END) AS fails
         FROM qc_check WHERE at >= ? AND at < ?`,
      excellentFrom,
      s.from,
      s.to,
    );
    const failed: Array<{
      number: string;
      total: number;
      inspector: string;
      feedback: string | null;
    }> = await sqlOf(s.em).all(
      `SELECT t.number, q.total, s.name AS inspector, q.feedback FROM qc_check q
         JOIN ticket t ON t.id = q.ticket_id JOIN staff s ON s.id = q.inspector_id
         WHERE q.at >= ? AND q.at < ? AND q.band = 'fail' ORDER BY q.at LIMIT 100`,
      s.from,
      s.to,
    );
    return {
      count: Number(agg.count),
      average: agg.average === null ? null : Math.round(Number(agg.average) * 10) / 10,
      excellent: Number(agg.excellent ?? 0),
      fails: Number(agg.fails ?? 0),
      failed,
    };
  },
};
