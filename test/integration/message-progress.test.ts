import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeResult } from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

/** "Tell the customer" for work still on the bench (issue 11): an in-progress message with the
 * promised date, also for a shop whose templates were saved before it existed. */
let shop: TestShop;
let counter: string;
let admin: string;
let ticket: IntakeResult['ticket'];

beforeAll(async () => {
  shop = await openTestShop();
  counter = await shop.as('counter');
  admin = await shop.as('admin');
  ({ ticket } = (await shop.call(counter, 'intake.commit', validWalkIn())) as IntakeResult);
});
afterAll(() => shop.close());

const compose = async (lang: 'en' | 'zh') =>
  (
    (await shop.call(counter, 'messages.compose', {
      ticketId: ticket.id,
      template: 'progress',
      lang,
    })) as { text: string }
  ).text;

describe('the in-progress message', () => {
  it('names the ticket and its promised date in both languages', async () => {
    expect(await compose('en')).toMatch(
      new RegExp(
        `^Hello .+, we are working on your .+ \\(ticket ${ticket.number}\\)\\. We expect it to be ready by \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\.$`,
      ),
    );
    expect(await compose('zh')).toMatch(
      new RegExp(`工单 ${ticket.number}）正在处理中，预计完成时间：\\d{4}-`),
    );
  });

  it('falls back to the default text when the saved templates predate it', async () => {
    const current = (await shop.call(admin, 'settings.get', {})) as Record<string, unknown>;
    const { progress: _dropped, ...older } = current['messages.templates'] as Record<
      string,
      unknown
    >;
    await shop.call(admin, 'settings.update', { key: 'messages.templates', value: older });
    const after = (await shop.call(admin, 'settings.get', {})) as Record<string, unknown>;
    expect(Object.keys(after['messages.templates'] as object).sort()).toEqual([
      'awaiting_approval',
      'delayed',
      'ready',
    ]);
    expect(await compose('en')).toContain(`(ticket ${ticket.number})`);
  });

  it('refuses a template that does not exist', async () => {
    const err = await shop.fail(counter, 'messages.compose', {
      ticketId: ticket.id,
      template: 'soon',
      lang: 'en',
    });
    expect(err.code).toBe('VALIDATION');
  });
});
