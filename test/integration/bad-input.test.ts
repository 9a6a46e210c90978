import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let admin: string;
// Every table a method could write: a refused call must leave each count unchanged.
const TABLES = [
  ...['staff', 'customer', 'device', 'ticket', 'ticket_event', 'print_job', 'setting'],
  ...['estimate_line', 'approval', 'work_log', 'qc_check', 'completion', 'ticket_photo'],
  ...[
    'part',
    'stock_movement',
    'supplier',
    'purchase_order',
    'stock_count',
    'ticket_part',
    'serial_unit',
  ],
  ...['invoice', 'payment', 'customer_credit', 'pickup', 'callback', 'manager_task', 'complaint'],
  ...['rma', 'customer_message', 'kb_article', 'day_close', 'message'],
];
const snapshot = () => shop.counts(TABLES);

beforeAll(async () => {
  shop = await openTestShop();
  admin = await shop.as('admin');
  await shop.call(admin, 'intake.commit', validWalkIn());
});
afterAll(() => shop.close());

// Wrong types, hostile strings and out-of-range numbers under every field name the API uses.
const HOSTILE: unknown[] = [
  { unexpected: true },
  {
    id: 'x',
    ticketId: -1,
    version: 1.5,
    q: 5,
    limit: 10_000,
    number: {},
    key: null,
    to: 'nowhere',
  },
  {
    id: 1e300,
    ticketId: '1; DROP TABLE ticket',
    q: '<script>'.repeat(100),
    status: ['x'],
    pin: 1234,
  },
  {
    id: Number.NaN,
    name: 'x'.repeat(10_000),
    role: 'root',
    statuses: 'open',
    decision: 'maybe',
    minutes: -5,
  },
  [],
  'not an object',
  null,
];

describe('bad input to every method', () => {
  it('is refused with a clear VALIDATION error (never INTERNAL) and writes nothing', async () => {
    for (const m of shop.ws.dispatcher.methods()) {
      if (m.name === 'auth.logout' || m.name === 'auth.lock') continue; // would end or lock the session
      for (const input of HOSTILE) {
        const before = await snapshot();
        const res = await shop.ws.dispatcher.call(m.name, input, { token: admin, origin: 'test' });
        const code = res.ok ? 'ok' : res.error.code;
        expect({ method: m.name, input, code }).not.toMatchObject({ code: 'INTERNAL' });
        if (!res.ok) {
          expect(res.error.message.length, m.name).toBeGreaterThan(5);
          if (code === 'VALIDATION') expect(res.error.details?.key, m.name).toMatch(/^errors\./);
        }
        expect(await snapshot(), `${m.name} ${JSON.stringify(input)}`).toEqual(before);
      }
    }
  }, 120_000); // every method × every hostile input, on a shared CI machine

  it('the API still works afterwards', async () => {
    const res = (await shop.call(admin, 'tickets.progress', { number: '1' })) as { status: string };
    expect(res.status).toBe('received');
  });
});
