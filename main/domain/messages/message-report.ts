import type { EntityManager } from 'typeorm';
import type { CustomersToldKpi, MessageChannel } from '../../api/contract-messages';
import { MESSAGE_CHANNELS } from '../../api/schemas/messages';
import type { DailySection } from '../reports/daily/section';

const n = (v: unknown) => Number(v ?? 0);
const TOLD_WITHIN_MS = 15 * 60_000;

/** Sent (by sent time) and failed/uncertain (by when they ended so) per channel on the day. */
export const messagesSection: DailySection<'messages'> = {
  key: 'messages',
  async build(s) {
    const rows: Array<{ channel: string; sent: number; failed: number; uncertain: number }> =
      await s.em.query(
        `SELECT channel,
                sum(CASE WHEN state = 'sent' AND sent_at >= ? AND sent_at < ? THEN 1 ELSE 0 END) AS sent,
                sum(CASE WHEN state = 'failed' AND updated_at >= ? AND updated_at < ? THEN 1 ELSE 0 END) AS failed,
                sum(CASE WHEN state = 'uncertain' AND updated_at >= ? AND updated_at < ? THEN 1 ELSE 0 END) AS uncertain
           FROM message WHERE updated_at >= ? GROUP BY channel`,
        [s.from, s.to, s.from, s.to, s.from, s.to, s.from],
      );
    const [queued]: Array<{ n: number }> = await s.em.query(
      `SELECT count(*) AS n FROM message WHERE state = 'queued' AND created_at < ?`,
      [s.to],
    );
    const by = new Map(rows.map((r) => [r.channel, r]));
    return {
      byChannel: MESSAGE_CHANNELS.map((channel: MessageChannel) => {
        const r = by.get(channel);
        return { channel, sent: n(r?.sent), failed: n(r?.failed), uncertain: n(r?.uncertain) };
      }),
      queuedAtEnd: n(queued.n),
    };
  },
};

/**
 * Devices that became ready in [from, to) and whose customer was told within 15 minutes: by
 * the outbox (the ready message sent) or by staff (a recorded "ready" message, issue 6).
 */
export async function customersTold(
  em: EntityManager,
  from: number,
  to: number,
): Promise<CustomersToldKpi> {
  const [r]: Array<{ ready: number; told: number | null }> = await em.query(
    `SELECT count(*) AS ready,
            sum(CASE WHEN EXISTS (SELECT 1 FROM message m WHERE m.ticket_id = t.id AND m.event = 'ready_for_pickup'
                                    AND m.state = 'sent' AND m.sent_at <= t.completed_at + ?)
                       OR EXISTS (SELECT 1 FROM customer_message cm WHERE cm.ticket_id = t.id AND cm.template = 'ready'
                                    AND cm.at >= t.completed_at AND cm.at <= t.completed_at + ?)
                     THEN 1 ELSE 0 END) AS told
       FROM ticket t WHERE t.completed_at >= ? AND t.completed_at < ?`,
    [TOLD_WITHIN_MS, TOLD_WITHIN_MS, from, to],
  );
  const ready = n(r.ready);
  const told = n(r.told);
  return {
    ready,
    toldWithin15: told,
    share: ready > 0 ? Math.round((told / ready) * 1000) / 10 : null,
  };
}
