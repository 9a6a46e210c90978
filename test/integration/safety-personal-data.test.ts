import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerExportDto } from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let manager: string;
interface Committed {
  ticket: { id: number; customerId: number };
}
beforeEach(async () => {
  shop = await openTestShop();
  manager = await shop.as('manager');
});
afterEach(() => shop.close());

const walkIn = async () => (await shop.call(manager, 'intake.commit', validWalkIn())) as Committed;
const cancel = async (t: Committed['ticket']) => {
  const { version } = (await shop.sql.get<{ version: number }>(
    'SELECT version FROM ticket WHERE id = ?',
    t.id,
  ))!;
  return shop.call(manager, 'bench.transition', {
    id: t.id,
    version,
    to: 'cancelled',
    reason: 'customer changed mind',
  });
};

describe("one customer's personal data", () => {
  it('exports as JSON and CSV for a manager, audited, without the passcode', async () => {
    const { ticket } = await walkIn();
    const json = (await shop.call(manager, 'customers.exportData', {
      customerId: ticket.customerId,
    })) as CustomerExportDto;
    const data = JSON.parse(json.content);
    expect(data.customer[0]).toMatchObject({
      name: '李娜',
      phone: '+86 139 1234 5678',
      email: 'li.na@example.com',
    });
    expect(data.devices[0].imei).toBe('490154203237518');
    expect(data.tickets[0].passcode_on_file).toMatch(/^yes/);
    expect(json.content).not.toContain('246810');
    const csv = (await shop.call(manager, 'customers.exportData', {
      customerId: ticket.customerId,
      format: 'csv',
    })) as CustomerExportDto;
    expect(csv.fileName).toMatch(/\.csv$/);
    expect(csv.content.split('\r\n')[0]).toBe('section,row,field,value');
    expect(csv.content).toContain('customer,1,name,李娜');
    expect(csv.content).not.toContain('246810');
    const audited = (
      await shop.sql.all<{ entity_id: string }>(
        `SELECT entity_id FROM audit_entry WHERE action = 'customers.exportData'`,
      )
    ).map((r) => r.entity_id);
    expect(audited).toEqual([String(ticket.customerId), String(ticket.customerId)]);
    const counter = await shop.as('counter');
    expect(
      (await shop.fail(counter, 'customers.exportData', { customerId: ticket.customerId })).code,
    ).toBe('FORBIDDEN');
  });

  it('quotes spreadsheet formulas in the CSV', async () => {
    const { ticket } = (await shop.call(
      manager,
      'intake.commit',
      validWalkIn({
        customer: { name: '=HYPERLINK("x")', phone: '+86 139 1234 5679', channel: 'our_store' },
      }),
    )) as Committed;
    const csv = (await shop.call(manager, 'customers.exportData', {
      customerId: ticket.customerId,
      format: 'csv',
    })) as CustomerExportDto;
    expect(csv.content).toContain(`customer,1,name,"'=HYPERLINK(""x"")"`);
  });

  it('erasure waits until no device is in the shop, then anonymises and keeps the records', async () => {
    const { ticket } = await walkIn();
    const refused = await shop.fail(manager, 'customers.erase', {
      customerId: ticket.customerId,
      reason: 'customer request',
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/still has a device/);
    await cancel(ticket);
    const res = await shop.call(manager, 'customers.erase', {
      customerId: ticket.customerId,
      reason: 'customer request',
    });
    expect(res).toEqual({ customerId: ticket.customerId, tickets: 1 });
    const c = (await shop.sql.get<Record<string, unknown>>(
      'SELECT name, phone, email, erased_at FROM customer WHERE id = ?',
      ticket.customerId,
    ))!;
    expect(c).toMatchObject({
      name: `Erased customer #${ticket.customerId}`,
      phone: '',
      email: null,
    });
    expect(c.erased_at).toBeTypeOf('number');
    expect(
      await shop.sql.get(
        'SELECT imei, serial FROM device WHERE customer_id = ?',
        ticket.customerId,
      ),
    ).toEqual({ imei: null, serial: null });
    const t = await shop.sql.get<Record<string, unknown>>(
      'SELECT number, estimate_cents, passcode_enc FROM ticket WHERE id = ?',
      ticket.id,
    );
    expect(t).toMatchObject({ estimate_cents: 45000, passcode_enc: null });
    // search no longer finds the person
    const found = (await shop.call(manager, 'customers.search', { q: '李娜' })) as unknown[];
    expect(found).toEqual([]);
    // the audit log keeps the reason, never the personal data
    const { details } = (await shop.sql.get<{ details: string }>(
      `SELECT details FROM audit_entry WHERE action = 'customers.erase' AND outcome = 'success'`,
    ))!;
    expect(details).toContain('customer request');
    expect(
      await shop.sql.get(
        `SELECT count(*) AS n FROM audit_entry WHERE details LIKE '%李娜%' OR details LIKE '%1234 5678%'`,
      ),
    ).toEqual({ n: 0 });
    // PostgreSQL checks every foreign key at each statement; SQLite is asked.
    if (shop.sql.engine === 'sqlite')
      expect(shop.ws.services.raw.pragma('foreign_key_check')).toEqual([]);
    expect(
      (
        await shop.fail(manager, 'customers.erase', {
          customerId: ticket.customerId,
          reason: 'again',
        })
      ).code,
    ).toBe('CONFLICT');
    expect((await shop.call(manager, 'audit.verify', {})) as { ok: boolean }).toMatchObject({
      ok: true,
    });
  });
});
