import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerSummary, SearchResults } from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let token: string;
const people = [
  ['王伟', '138 0013 8000'],
  ['王小明', '+86 139 8888 1234'],
  ['欧阳娜娜', '13712345678'],
  ['Tom Baker', '+44 20 7946 0958'],
  ['Tomás Ortega', '+34 612 345 678'],
];

beforeAll(async () => {
  shop = await openTestShop();
  token = await shop.as('counter');
  for (const [name, phone] of people) {
    await shop.call(token, 'intake.commit', validWalkIn({ customer: { name, phone, channel: 'our_store' } }));
  }
  // a shop and five intakes: on PostgreSQL on a loaded machine this outlasts the default 10 s
}, 60_000);
afterAll(() => shop.close());

const find = async (q: string) =>
  ((await shop.call(token, 'customers.search', { q })) as CustomerSummary[]).map((c) => c.name);

describe('customer lookup as you type', () => {
  it('by the start of the phone number', async () => {
    expect(await find('1380')).toEqual(['王伟']);
    // Stored as "+86 139…", found by what the customer says: "139…".
    expect(await find('1398888')).toEqual(['王小明']);
    expect(await find('+86 139 8888')).toEqual(['王小明']);
  });
  it('by the last digits of the phone number', async () => {
    expect(await find('1234')).toEqual(['王小明']);
    expect(await find('0958')).toEqual(['Tom Baker']);
  });
  it('by a Chinese surname or a part of the name', async () => {
    expect((await find('王')).sort()).toEqual(['王伟', '王小明']);
    expect(await find('欧阳')).toEqual(['欧阳娜娜']);
    expect(await find('阳娜娜')).toEqual(['欧阳娜娜']);
  });
  it('by an English name, any case, start or middle', async () => {
    expect((await find('tom')).sort()).toEqual(['Tom Baker', 'Tomás Ortega']);
    expect(await find('BAKER')).toEqual(['Tom Baker']);
  });
  it('shows visit counts', async () => {
    const [c] = (await shop.call(token, 'customers.search', { q: '1380' })) as CustomerSummary[];
    expect(c.ticketCount).toBe(1);
  });
  it('treats FTS syntax as plain text', async () => {
    expect(await find('"OR*(')).toEqual([]);
  });
});

describe('global search', () => {
  it('finds a ticket by its number, a customer by phone and a device by IMEI', async () => {
    const byNumber = (await shop.call(token, 'search.global', { q: '3' })) as SearchResults;
    expect(byNumber.tickets[0]).toMatchObject({ number: 'R-000003', customerName: '欧阳娜娜' });
    const byPhone = (await shop.call(token, 'search.global', { q: '0958' })) as SearchResults;
    expect(byPhone.customers.map((c) => c.name)).toEqual(['Tom Baker']);
    expect(byPhone.tickets.map((t) => t.customerName)).toContain('Tom Baker');
    const byImei = (await shop.call(token, 'search.global', { q: '490154203237518' })) as SearchResults;
    expect(byImei.devices.length).toBe(5);
  });

  it('answers the counter\'s progress question by ticket number', async () => {
    const p = await shop.call(token, 'tickets.progress', { number: 'r-4' });
    expect(p).toMatchObject({ number: 'R-000004', status: 'received', customerName: 'Tom Baker', lastEvent: 'created' });
    const err = await shop.fail(token, 'tickets.progress', { number: 'R-999999' });
    expect(err).toMatchObject({ code: 'NOT_FOUND', details: { key: 'errors.ticketNotFound' } });
  });
});
