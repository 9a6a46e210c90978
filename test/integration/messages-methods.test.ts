import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  IntakeResult,
  MessagePreviewDto,
  MessageRulesDto,
  MessageTemplatesDto,
} from '../../main/api/contract';
import {
  DEFAULT_MESSAGE_RULES,
  DEFAULT_MESSAGE_TEMPLATES,
} from '../../main/domain/messages/defaults';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let admin: string;
let counter: string;
let manager: string;
let ticket: IntakeResult['ticket'];
let customerId: number;

beforeAll(async () => {
  shop = await openTestShop();
  admin = await shop.as('admin');
  counter = await shop.as('counter');
  manager = await shop.as('manager');
  ticket = (
    (await shop.call(
      counter,
      'intake.commit',
      validWalkIn({ messaging: { consent: true, language: 'zh' } }),
    )) as IntakeResult
  ).ticket;
  customerId = (
    (await shop.call(counter, 'tickets.get', { id: ticket.id })) as { customerId: number }
  ).customerId;
});
afterAll(() => shop.close());

const snapshot = async () => ({
  message: shop.count('message'),
  setting: shop.count('setting'),
  customer: await shop.sql.all(
    'SELECT message_consent, message_channel, message_language, unsubscribed_at FROM customer ORDER BY id',
  ),
});

/** A refused call says which field and why (an i18n key), and changes nothing. */
async function refused(token: string, method: string, input: unknown) {
  const before = await snapshot();
  const err = await shop.fail(token, method, input);
  expect(await snapshot()).toEqual(before);
  return err;
}

describe('bad input to the message methods', () => {
  it('outbox.list: unknown state, bad cursor, huge limit', async () => {
    const e = await refused(manager, 'outbox.list', { state: 'lost', limit: 10_000 });
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.issues?.map((i) => i.key)).toContain('errors.field.choice');
    expect((await refused(manager, 'outbox.list', { after: { at: -1, id: 0 } })).code).toBe(
      'VALIDATION',
    );
  });

  it('outbox.retry / cancel / confirmManual: an unknown message, a missing reason', async () => {
    for (const m of ['outbox.retry', 'outbox.confirmManual'] as const) {
      const e = await refused(manager, m, { id: 999_999 });
      expect(e).toMatchObject({ code: 'NOT_FOUND', details: { key: 'errors.messages.notFound' } });
      expect((await refused(manager, m, { id: 'x' })).code).toBe('VALIDATION');
    }
    const noReason = await refused(manager, 'outbox.cancel', { id: 1, reason: '  ' });
    expect(noReason.details?.issues?.[0]).toMatchObject({
      path: 'reason',
      key: 'errors.field.required',
    });
  });

  it('messages.preview: unknown template, language or channel; a ticket that does not exist', async () => {
    const e = await refused(counter, 'messages.preview', {
      ticketId: ticket.id,
      template: 'promo',
      language: 'fr',
      channel: 'fax',
    });
    expect(e.details?.issues?.map((i) => i.path).sort()).toEqual([
      'channel',
      'language',
      'template',
    ]);
    const missing = await refused(counter, 'messages.preview', {
      ticketId: 999_999,
      template: 'ready_for_pickup',
      language: 'en',
      channel: 'sms',
    });
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('messageRules.update: bad times, two rules for one event, days out of range', async () => {
    const e = await refused(admin, 'messageRules.update', {
      ...DEFAULT_MESSAGE_RULES,
      quietFrom: '25:00',
      notCollectedDays: 0,
      rules: [DEFAULT_MESSAGE_RULES.rules[0], DEFAULT_MESSAGE_RULES.rules[0]],
    });
    expect(e.details?.issues?.map((i) => i.key).sort()).toEqual([
      'errors.field.invalid',
      'errors.field.invalid',
      'errors.messages.duplicateRule',
    ]);
  });

  it('messageTemplates.update: an unknown variable or an empty body', async () => {
    const e = await refused(admin, 'messageTemplates.update', {
      ...DEFAULT_MESSAGE_TEMPLATES,
      ready_for_pickup: {
        en: { subject: 'x', body: 'Hello {name}' },
        zh: { subject: '', body: ' ' },
      },
    });
    expect(e.details?.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'ready_for_pickup.en.body',
          key: 'errors.messages.unknownVariable',
        }),
        expect.objectContaining({ path: 'ready_for_pickup.zh.body', key: 'errors.field.required' }),
      ]),
    );
  });

  it('customers.setMessaging: a channel that does not exist, a missing consent, an unknown customer', async () => {
    const e = await refused(counter, 'customers.setMessaging', {
      customerId,
      preference: 'pigeon',
      unsubscribed: false,
    });
    expect(e.details?.issues?.map((i) => i.path).sort()).toEqual(['consent', 'preference']);
    const missing = await refused(counter, 'customers.setMessaging', {
      customerId: 999_999,
      consent: true,
      preference: null,
      unsubscribed: false,
    });
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      details: { key: 'errors.customerNotFound' },
    });
  });
});

describe('rules, templates, preview and consent', () => {
  it('intake records consent and language; the record can change them', async () => {
    expect(await shop.call(counter, 'customers.getMessaging', { customerId })).toEqual({
      customerId,
      consent: true,
      preference: null,
      language: 'zh',
      unsubscribedAt: null,
    });
    const after = await shop.call(counter, 'customers.setMessaging', {
      customerId,
      consent: true,
      preference: 'email',
      language: 'en',
      unsubscribed: false,
    });
    expect(after).toMatchObject({ preference: 'email', language: 'en' });
  });

  it('an admin edits rules and templates; a manager reads them but may not change them', async () => {
    const rules: MessageRulesDto = {
      ...DEFAULT_MESSAGE_RULES,
      quietFrom: '22:00',
      notCollectedDays: 7,
    };
    expect(await shop.call(admin, 'messageRules.update', rules)).toEqual(rules);
    expect(await shop.call(manager, 'messageRules.get', {})).toEqual(rules);
    expect((await shop.fail(manager, 'messageRules.update', rules)).code).toBe('FORBIDDEN');
    const templates: MessageTemplatesDto = {
      ...DEFAULT_MESSAGE_TEMPLATES,
      ready_for_pickup: {
        en: { subject: '{shop} {ticket}', body: 'Ready: {device}, due {amountDue}. {hours}' },
        zh: { subject: '{shop}', body: '{customer}，{device}已修好，应付{amountDue}。' },
      },
    };
    await shop.call(admin, 'messageTemplates.update', templates);
    expect(await shop.call(counter, 'messageTemplates.get', {})).toEqual(templates);
  });

  it('preview renders a real ticket with SMS length and segments', async () => {
    const en = (await shop.call(counter, 'messages.preview', {
      ticketId: ticket.id,
      template: 'ready_for_pickup',
      language: 'en',
      channel: 'sms',
    })) as MessagePreviewDto;
    expect(en.subject).toBeNull();
    expect(en.body).toMatch(/^Ready: Huawei Mate 60 Pro, due \d+\.\d\d\. Mon–Sat/);
    // "–" (en dash) is not in GSM-7, so this English text goes as UCS-2.
    expect(en).toMatchObject({ smsEncoding: 'ucs2', length: en.body.length, smsSegments: 1 });
    const zh = (await shop.call(counter, 'messages.preview', {
      ticketId: ticket.id,
      template: 'ready_for_pickup',
      language: 'zh',
      channel: 'email',
    })) as MessagePreviewDto;
    expect(zh.subject).toBe('Service Centre');
    expect(zh.body).toMatch(/^李娜，Huawei Mate 60 Pro已修好/);
    expect(zh.smsEncoding).toBe('ucs2');
  });
});
