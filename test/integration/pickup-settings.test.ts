import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookup, readyTicket } from '../helpers/pickup';
import { openTestShop, type TestShop } from '../helpers/workstation';

/** The pickup settings an admin edits: a boolean rule and the EN/ZH message templates. */
let shop: TestShop;
let admin: string;
let counter: string;
beforeAll(async () => {
  shop = await openTestShop();
  admin = await shop.as('admin');
  counter = await shop.as('counter');
});
afterAll(() => shop.close());

describe('editing pickup settings', () => {
  it('a boolean setting changes the rule the pickup desk applies', async () => {
    const t = await readyTicket(shop, counter);
    expect((await lookup(shop, counter, t.number)).rules.signatureRequired).toBe(true);
    await shop.call(admin, 'settings.update', { key: 'pickup.signatureRequired', value: false });
    expect((await lookup(shop, counter, t.number)).rules.signatureRequired).toBe(false);
    const wrong = await shop.fail(admin, 'settings.update', {
      key: 'pickup.signatureRequired',
      value: 'no',
    });
    expect(wrong.details?.issues).toEqual([
      expect.objectContaining({ path: 'value', key: 'errors.invalidSetting' }),
    ]);
  });

  it('multi-line EN/ZH templates are saved and used; a wrong part is named by its path', async () => {
    const current = (await shop.call(admin, 'settings.get', {})) as Record<string, unknown>;
    const templates = current['messages.templates'] as Record<string, { en: string; zh: string }>;
    const next = {
      ...templates,
      ready: {
        en: 'Hello {name},\nticket {number} is ready.',
        zh: '{name}您好：\n工单 {number} 已修好。',
      },
    };
    await shop.call(admin, 'settings.update', { key: 'messages.templates', value: next });
    const t = await readyTicket(shop, counter);
    const zh = (await shop.call(counter, 'messages.compose', {
      ticketId: t.id,
      template: 'ready',
      lang: 'zh',
    })) as { text: string };
    expect(zh.text).toMatch(new RegExp(`^.+您好：\n工单 ${t.number} 已修好。$`));

    const bad = await shop.fail(admin, 'settings.update', {
      key: 'messages.templates',
      value: { ...next, delayed: { en: 'ok', zh: 'x'.repeat(1001) } },
    });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.details?.issues?.map((i) => i.path)).toEqual(['value.delayed.zh']);
    const missing = await shop.fail(admin, 'settings.update', {
      key: 'messages.templates',
      value: { ready: next.ready },
    });
    expect(missing.details?.issues?.map((i) => i.path).sort()).toEqual([
      'value.awaiting_approval',
      'value.delayed',
    ]);
    const after = (await shop.call(admin, 'settings.get', {})) as Record<string, unknown>;
    expect(after['messages.templates']).toEqual(next);
  });
});
