import type { EntityManager } from 'typeorm';
import type { Dispatcher, Logger } from '../../api/dispatcher';
import type { Services } from '../../api/method';
import { appendAudit } from '../audit/audit-log';
import { pruneWrites } from '../../api/idempotency';

/**
 * DOMAIN "Privacy and trust": a device passcode is removed once it is no longer needed,
 * `privacy.passcodeEraseDays` after pickup. Returns how many passcodes were erased.
 */
export async function erasePasscodes(em: EntityManager, now: number): Promise<number> {
  const due: Array<{ id: number; ticket_id: number }> = await em.query(
    'SELECT id, ticket_id FROM pickup WHERE passcode_erased_at IS NULL AND passcode_erase_at <= ?',
    [now],
  );
  for (const p of due) {
    await em.query(
      'UPDATE ticket SET passcode_enc = NULL, version = version + 1, updated_at = ? WHERE id = ? AND passcode_enc IS NOT NULL',
      [now, p.ticket_id],
    );
    await em.query('UPDATE pickup SET passcode_erased_at = ? WHERE id = ?', [now, p.id]);
    await em.query(
      "INSERT INTO ticket_event (ticket_id, kind, from_status, to_status, note, staff_id, at) VALUES (?, 'passcode_erased', NULL, NULL, NULL, NULL, ?)",
      [p.ticket_id, now],
    );
  }
  if (due.length) {
    await appendAudit(em, {
      at: now,
      staffId: null,
      staffName: null,
      action: 'pickup.erasePasscodes',
      origin: 'sweep',
      outcome: 'success',
      entity: 'ticket',
      entityId: null,
      details: JSON.stringify({ tickets: due.map((d) => d.ticket_id) }),
    });
  }
  return due.length;
}

/** Runs the sweep at start-up (awaited) and then hourly, in the dispatcher's queue; the timer
 * never keeps the process alive. */
export async function startPickupSweeps(
  services: Services,
  dispatcher: Dispatcher,
  log: Logger,
): Promise<{ stop(): void; run(): Promise<number> }> {
  const run = () =>
    dispatcher.exclusive(() =>
      services.dataSource.transaction(async (em) => {
        // the same hourly pass forgets retry keys older than a month (they only grow)
        await pruneWrites(em, services.now());
        return erasePasscodes(em, services.now());
      }),
    );
  const safe = () => run().catch((err: unknown) => log.error('passcode sweep failed', err));
  await safe();
  const timer = setInterval(() => void safe(), 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer), run };
}
