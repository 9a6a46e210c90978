import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestShop, type TestShop } from '../helpers/workstation';

let shop: TestShop;
beforeEach(async () => {
  shop = await openTestShop();
});
afterEach(() => shop.close());

describe('a duplicate staff name', () => {
  it('names the taken name on the field too, so the message has no {{name}} left in it', async () => {
    const admin = await shop.as('admin');
    await shop.call(admin, 'staff.create', { name: 'Mia Chen', role: 'counter', pin: '7395' });
    const before = shop.count('staff');
    const err = await shop.fail(admin, 'staff.create', {
      name: 'Mia Chen',
      role: 'counter',
      pin: '8514',
    });
    expect(err.code).toBe('CONFLICT');
    expect(err.details?.params).toEqual({ name: 'Mia Chen' });
    expect(err.details?.issues).toEqual([
      expect.objectContaining({
        path: 'name',
        key: 'errors.staffExists',
        params: { name: 'Mia Chen' },
      }),
    ]);
    expect(shop.count('staff')).toBe(before);
  });
});
