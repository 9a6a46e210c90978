import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BenchDetail,
  IntakeResult,
  KbArticleDto,
  KbDraft,
  KbHit,
  KbSuggestions,
} from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let tech: string;
let counter: string;

const ARTICLES = [
  {
    title: 'Mate 60 Pro 屏幕闪烁',
    symptoms: '摔后屏幕闪烁，偶尔黑屏',
    cause: '屏幕排线松动',
    steps: ['拆后盖', '重新插好屏幕排线', '测试显示'],
    models: ['Mate 60 Pro'],
    tags: ['屏幕', '排线'],
  },
  {
    title: 'iPhone 13 screen flickers after a drop',
    symptoms: 'Screen flickers, green lines, sometimes black',
    cause: 'Display connector loose or OLED cracked',
    steps: ['Open the phone', 'Reseat the display connector', 'Replace the OLED if lines stay'],
    models: ['iPhone 13', 'iPhone 13 Pro'],
    tags: ['display'],
  },
  {
    title: 'Battery drains overnight',
    symptoms: 'Battery drains fast even when idle',
    cause: 'Worn battery, background apps',
    steps: ['Check battery health', 'Replace battery below 80 %'],
    models: ['iPhone 11'],
    tags: ['battery', '电池'],
  },
  {
    title: '手机进水不开机',
    symptoms: '进水后无法开机，充电无反应',
    cause: '主板腐蚀短路',
    steps: ['断电拆机', '超声波清洗主板', '更换损坏元件'],
    models: ['Galaxy S23'],
    tags: ['进水'],
  },
  {
    title: 'Cracked glass',
    symptoms: 'Cracked screen glass, touch still works',
    cause: 'Drop',
    steps: ['Replace the screen assembly'],
    models: ['Mate 60 Pro'],
    tags: [],
  },
];

beforeAll(async () => {
  shop = await openTestShop();
  tech = await shop.as('technician');
  counter = await shop.as('counter');
  for (const a of ARTICLES) await shop.call(tech, 'kb.save', a);
});
afterAll(() => shop.close());

const search = async (q: string, model?: string) =>
  ((await shop.call(counter, 'kb.search', { q, model })) as KbHit[]).map((h) => h.title);

describe('knowledge base search', () => {
  it('finds Chinese by any 3+ character run, and by two-character words', async () => {
    expect(await search('屏幕闪烁')).toEqual(['Mate 60 Pro 屏幕闪烁']);
    expect(await search('黑屏')).toEqual(['Mate 60 Pro 屏幕闪烁']);
    expect(await search('进水')).toEqual(['手机进水不开机']);
    expect(await search('主板腐蚀')).toEqual(['手机进水不开机']);
    expect(await search('电池')).toEqual(['Battery drains overnight']);
  });

  it('finds English by words and word parts, case-insensitively, all words required', async () => {
    expect(await search('flicker')).toEqual(
      expect.arrayContaining(['iPhone 13 screen flickers after a drop']),
    );
    expect(await search('FLICKERS green')).toEqual(['iPhone 13 screen flickers after a drop']);
    expect(await search('batt')).toEqual(['Battery drains overnight']);
    expect(await search('battery flicker')).toEqual([]);
  });

  it('puts the articles for the device model first; a model alone lists its articles', async () => {
    expect(await search('', 'iphone 13')).toEqual(['iPhone 13 screen flickers after a drop']);
    expect(await search('screen')).toEqual([
      'iPhone 13 screen flickers after a drop',
      'Cracked glass',
    ]);
    const hits = (await shop.call(counter, 'kb.search', {
      q: 'screen',
      model: 'Mate 60 Pro',
    })) as KbHit[];
    expect(hits.map((h) => [h.title, h.modelMatch])).toEqual([
      ['Cracked glass', true],
      ['iPhone 13 screen flickers after a drop', false],
    ]);
  });

  it('treats FTS syntax as plain text', async () => {
    expect(await search('"flicker* OR NEAR(')).toEqual([]);
    expect(await search('100%_')).toEqual([]);
  });

  it('counter staff may read but not write articles', async () => {
    const err = await shop.fail(counter, 'kb.save', ARTICLES[0]);
    expect(err.code).toBe('FORBIDDEN');
  });

  it('an edit on a stale version is refused; the fresh one is searchable at once', async () => {
    const [hit] = (await shop.call(counter, 'kb.search', { q: 'Battery drains' })) as KbHit[];
    const a = (await shop.call(tech, 'kb.get', { id: hit.id })) as KbArticleDto;
    const saved = (await shop.call(tech, 'kb.save', {
      ...ARTICLES[2],
      id: a.id,
      version: a.version,
      title: 'Battery drains overnight (iOS 17)',
    })) as KbArticleDto;
    expect(saved.version).toBe(a.version + 1);
    const stale = await shop.fail(tech, 'kb.save', {
      ...ARTICLES[2],
      id: a.id,
      version: a.version,
    });
    expect(stale.code).toBe('CONFLICT');
    expect(await search('iOS 17')).toEqual(['Battery drains overnight (iOS 17)']);
  });
});

describe('suggestions on intake and bench', () => {
  let ticketId: number;

  it('suggest articles from the model and the problem text', async () => {
    const s = (await shop.call(counter, 'kb.suggest', {
      brand: 'Huawei',
      model: 'Mate 60 Pro',
      problem: 'Screen flickers after a drop; 摔后屏幕闪烁',
    })) as KbSuggestions;
    expect(s.articles[0]).toMatchObject({ title: 'Mate 60 Pro 屏幕闪烁', modelMatch: true });
    expect(s.articles.map((a) => a.title)).toContain('iPhone 13 screen flickers after a drop');
    expect(s.tickets).toEqual([]);
  });

  it('a diagnosed ticket becomes a similar past repair, and its resolution an article draft', async () => {
    const { ticket } = (await shop.call(
      await shop.as('manager'),
      'intake.commit',
      validWalkIn(),
    )) as IntakeResult;
    ticketId = ticket.id;
    let d = (await shop.call(tech, 'bench.detail', { id: ticketId })) as BenchDetail;
    await shop.call(tech, 'bench.transition', {
      id: ticketId,
      version: d.ticket.version,
      to: 'diagnosing',
    });
    d = (await shop.call(tech, 'bench.detail', { id: ticketId })) as BenchDetail;
    await shop.call(tech, 'bench.diagnose', {
      id: ticketId,
      version: d.ticket.version,
      cause: '屏幕排线断裂',
      responsible: 'customer_use',
      plan: ['replace_part'],
    });
    await shop.call(tech, 'bench.estimateAdd', {
      ticketId,
      kind: 'part',
      description: 'Display flex cable',
      qty: 1,
      unitCents: 9000,
    });

    const s = (await shop.call(counter, 'kb.suggest', {
      brand: 'Huawei',
      model: 'Mate 60 Pro',
      problem: '屏幕闪烁',
    })) as KbSuggestions;
    expect(s.tickets.map((t) => [t.number, t.cause, t.plan])).toEqual([
      [ticket.number, '屏幕排线断裂', ['replace_part']],
    ]);
    const self = (await shop.call(counter, 'kb.suggest', {
      model: 'Mate 60 Pro',
      problem: '屏幕闪烁',
      ticketId,
    })) as KbSuggestions;
    expect(self.tickets).toEqual([]);

    // The bench asks with the ticket alone: its own device and problem are the question.
    const other = (await shop.call(counter, 'intake.commit', validWalkIn())) as IntakeResult;
    const fromBench = (await shop.call(tech, 'kb.suggest', {
      ticketId: other.ticket.id,
    })) as KbSuggestions;
    expect(fromBench.tickets.map((t) => t.number)).toEqual([ticket.number]);
    expect(fromBench.articles[0]).toMatchObject({
      title: 'Mate 60 Pro 屏幕闪烁',
      modelMatch: true,
    });

    const draft = (await shop.call(tech, 'kb.fromTicket', { ticketId })) as KbDraft;
    expect(draft).toMatchObject({
      symptoms: 'Screen flickers after a drop; 摔后屏幕闪烁',
      cause: '屏幕排线断裂',
      steps: ['Display flex cable'],
      models: ['Huawei Mate 60 Pro'],
      sourceTicketId: ticketId,
    });
    const saved = (await shop.call(tech, 'kb.save', draft)) as KbArticleDto;
    expect(saved.sourceTicket).toEqual({ id: ticketId, number: ticket.number });
    expect(saved.author).toBe('Test technician');
  });

  it('a ticket without a diagnosis cannot become an article yet', async () => {
    const { ticket } = (await shop.call(counter, 'intake.commit', validWalkIn())) as IntakeResult;
    expect((await shop.fail(tech, 'kb.fromTicket', { ticketId: ticket.id })).code).toBe('CONFLICT');
  });
});
