import type { EntityManager } from 'typeorm';
import type { Services } from '../../api/method';
import { enqueueTicketEvent, type MessageChange } from './enqueue';

/**
 * Devices ready for `notCollectedDays` and still not collected get one reminder each (the
 * idempotency key makes a second run add nothing, so the sweep may run as often as it likes).
 */
export async function sweepNotCollected(
  em: EntityManager,
  services: Pick<Services, 'settings'>,
  now: number,
): Promise<MessageChange[]> {
  const rules = services.settings.get('messages.rules');
  if (!rules.rules.some((r) => r.event === 'not_collected' && r.enabled)) return [];
  const before = now - rules.notCollectedDays * 86_400_000;
  const rows: Array<{ id: number }> = await em.query(
    `SELECT t.id FROM ticket t WHERE t.status = 'ready' AND t.completed_at <= ?
        AND NOT EXISTS (SELECT 1 FROM message m WHERE m.ticket_id = t.id AND m.event = 'not_collected')
      ORDER BY t.completed_at, t.id LIMIT 500`,
    [before],
  );
  const out: MessageChange[] = [];
  for (const r of rows) {
    const added = await enqueueTicketEvent(em, services, r.id, 'not_collected', now);
    if (added) out.push(added);
  }
  return out;
}
