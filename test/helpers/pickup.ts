import type { IntakeResult, PickupView } from '../../main/api/contract';
import { validWalkIn, type TestShop } from './workstation';

/** A 1×1 PNG, as the signature pad would send it. */
export const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let serial = 0;

/**
 * A ticket out of warranty that went through the bench and is ready for pickup, with the
 * estimate lines given (labour and parts) and the deposit taken at intake.
 */
export async function readyTicket(
  shop: TestShop,
  token: string,
  opts: {
    lines?: Array<[string, string, number, number]>;
    depositCents?: number;
    status?: string;
    approval?: string;
  } = {},
) {
  const base = validWalkIn();
  const { ticket } = (await shop.call(
    token,
    'intake.commit',
    validWalkIn({
      device: {
        ...base.device,
        imei: undefined,
        serial: `SN-P-${++serial}-${Date.now()}`,
        purchaseDate: '2019-01-01',
      },
      ticket: { ...base.ticket, depositCents: opts.depositCents ?? 10000 },
    }),
  )) as IntakeResult;
  const lines = opts.lines ?? [
    ['labour', 'Replace screen', 1, 12000],
    ['part', 'OLED screen assembly', 1, 33000],
  ];
  for (const [kind, description, qty, unit] of lines) {
    await shop.sql.run(
      'INSERT INTO estimate_line (ticket_id, kind, description, qty, unit_cents, staff_id, created_at) VALUES (?, ?, ?, ?, ?, 1, 0)',
      ticket.id,
      kind,
      description,
      qty,
      unit,
    );
  }
  await shop.sql.run(
    'UPDATE ticket SET status = ?, approval = ?, completed_at = ? WHERE id = ?',
    opts.status ?? 'ready',
    opts.approval ?? 'approved',
    shop.clock.now,
    ticket.id,
  );
  return ticket;
}

export const lookup = (shop: TestShop, token: string, number: string) =>
  shop.call(token, 'pickup.lookup', { number }) as Promise<PickupView>;
