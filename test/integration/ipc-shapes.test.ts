import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestShop, type TestShop } from '../helpers/workstation';

/**
 * Electron's IPC hands the backend structured clones: one object may sit under many parents,
 * or hold itself, where JSON could not. A `value: unknown` field keeps such a value through
 * validation; the dispatcher must still answer at once, refuse it and change nothing.
 */
let shop: TestShop;
let admin: string;
beforeAll(async () => {
  shop = await openTestShop();
  admin = await shop.as('admin');
});
afterAll(() => shop.close());

function shared(levels: number, bottom: unknown): unknown {
  let v = bottom;
  for (let i = 0; i < levels; i++) v = { a: v, b: [v] };
  return v;
}

describe('inputs that only an in-process or IPC caller can send', () => {
  it('a setting value sharing one child under 2^200 paths, or holding itself, is refused', async () => {
    const loop: Record<string, unknown> = { x: 1 };
    loop.self = loop;
    const name = () =>
      shop.sql.get<{ value: string }>("SELECT value FROM setting WHERE key = 'shop.name'");
    const before = await name();
    const answers = [];
    for (const value of [shared(200, 'bottom'), shared(200, 'a\u0000b'), loop, [loop, loop]]) {
      const res = await shop.ws.dispatcher.call(
        'settings.update',
        { key: 'shop.name', value },
        { token: admin, origin: 'test' },
      );
      answers.push(res.ok ? 'ok' : `${res.error.code} ${res.error.details?.issues?.[0]?.path}`);
    }
    expect(answers).toEqual([
      'VALIDATION value',
      `VALIDATION value.${Array(200).fill('a').join('.')}`,
      'VALIDATION value',
      'VALIDATION value',
    ]);
    expect(await name()).toEqual(before);
  });
});
