import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCli } from '../../main/cli/report';
import { reportFontPath } from '../../main/domain/reports/report-fonts';
import { DAY, NOW, buildReportDay } from '../fixtures/report-day';
import { addMoneyDay } from '../fixtures/report-day-money';
import { openTestShop, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let manager: string;
const OUT = path.resolve('test-results/reports');

beforeAll(async () => {
  shop = await openTestShop({ start: NOW });
  await addMoneyDay(shop.sql, await buildReportDay(shop.sql));
  manager = await shop.as('manager');
  fs.mkdirSync(OUT, { recursive: true });
});
afterAll(() => shop.close());

async function pdfFor(lang: 'en' | 'zh') {
  const res = (await shop.call(manager, 'report.dailyPdf', { date: DAY, lang })) as {
    fileName: string;
    base64: string;
  };
  const file = path.join(OUT, res.fileName);
  fs.writeFileSync(file, Buffer.from(res.base64, 'base64'));
  return { file, fileName: res.fileName };
}

const text = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/** Renders page 1 to PNG next to the PDF (for people to look at) and returns its pixels. */
function firstPage(file: string) {
  const base = file.replace(/\.pdf$/, '-page');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, base]);
  return PNG.sync.read(fs.readFileSync(`${base}.png`));
}

const ink = (png: PNG) => {
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i] < 128 && png.data[i + 1] < 128) dark++;
  return dark / (png.width * png.height);
};

describe('the daily report PDF', () => {
  it('in Chinese: the figures, the names, page numbers, and real glyphs for every character', async () => {
    const { file, fileName } = await pdfFor('zh');
    expect(fileName).toBe(`daily-report-${DAY}-zh.pdf`);
    const t = text(file);
    expect(t).toContain('每日报表');
    expect(t).toContain('超期与临近到期');
    expect(t).toContain('R-000004'); // overdue
    expect(t).toContain('Speaker still crackles'); // the failed QC's feedback
    expect(t).toContain('王师傅');
    expect(t).toContain('第 1 页，共');
    // Money, parts and after-sales, with the figures of the fixture day.
    expect(t).toMatch(/微信支付\s+300\.00\s+0\.00\s+300\.00\s+1/);
    expect(t).toMatch(/现金\s+200\.00\s+144\.20\s+55\.80\s+3/);
    expect(t).toMatch(/收取定金[\s\S]*150\.00 \(2\)/);
    expect(t).toMatch(
      /INV-000003\s+INV-000001\s+R-000000\s+30\.00\s+Screen protector not fitted\s+店长 周/,
    );
    expect(t).toMatch(/INV-000002\s+R-000001\s+20\.00\s+Loyal customer\s+Counter Bo\s+店长 周/);
    expect(t).toMatch(/BAT-S23\s+Galaxy S23 battery\s+2\s+160\.00\s+300\.00\s+140\.00/);
    expect(t).toContain('iPhone 13 屏幕总成');
    expect(t).toMatch(/270\.00 \(42\.9 %\)/); // margin 270.00 of 630.00
    expect(t).toMatch(/R-000000\s+张伟\s+不满意\s+3\s+屏幕又闪了/);
    expect(t).toContain('Slow repair');
    expect(t).not.toContain('本版本尚未包含');
    // Customer messages per channel (none sent on the fixture day), glyphs checked below.
    expect(t).toMatch(/客户消息[\s\S]*电子邮件\s+0\s+0\s+0[\s\S]*短信\s+0\s+0\s+0/);
    // Only the shipped CJK font is embedded, and it has a glyph for every character on the page:
    // no tofu boxes.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts.split('\n').slice(2).filter(Boolean)).toHaveLength(1);
    const font = fontkit.openSync(reportFontPath()) as fontkit.Font;
    const cjk = [...t].filter((c) => /[\u3400-\u9fff]/.test(c));
    expect(cjk.length).toBeGreaterThan(50);
    expect(cjk.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!))).toEqual([]);
    const png = firstPage(file);
    expect([png.width, png.height]).toEqual([662, 936]); // A4 at 80 dpi
    expect(ink(png)).toBeGreaterThan(0.01);
  });

  it('in English, A4, with page numbers', async () => {
    const { file } = await pdfFor('en');
    const t = text(file);
    expect(t).toMatch(/Daily report\s+2026-11-20/);
    expect(t).toMatch(/Received\s+Completed\s+Collected/);
    expect(t).toContain('Page 1 of');
    expect(t).toMatch(/WeChat Pay\s+300\.00/);
    expect(t).toMatch(/Callbacks due\s+Callbacks done\s+Unhappy customers\s+Open manager tasks/);
    expect(t).toMatch(
      /Customer messages\s+Channel\s+Sent\s+Failed\s+Uncertain\s+E-mail\s+0\s+0\s+0/,
    );
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      /Page size:\s+595\.28 x 841\.89 pts \(A4\)/,
    );
    firstPage(file);
  });

  it('breaks long tables across pages with the header repeated', async () => {
    // 150 overdue tickets more: the deadline table runs over several pages (100 rows listed).
    const t = (await shop.sql.get<Record<string, number>>(
      'SELECT customer_id, device_id, created_by FROM ticket ORDER BY id LIMIT 1',
    ))!;
    const ins = `INSERT INTO ticket (number, customer_id, device_id, status, category, priority, service_mode, problem, accessories,
         condition_notes, backup_ack, warranty, estimate_cents, deposit_cents, promised_at, received_at, created_by, updated_at)
       VALUES (?, ?, ?, 'in_repair', 'fault', 'normal', 'carry_in', 'x', '[]', '', 1, 'unknown', 0, 0, ?, ?, ?, ?)`;
    for (let i = 0; i < 150; i++) {
      await shop.sql.run(
        ins,
        `X-${i}`,
        t.customer_id,
        t.device_id,
        NOW - 30 * 86_400_000 + i,
        NOW - 40 * 86_400_000,
        t.created_by,
        NOW,
      );
    }
    const { file } = await pdfFor('en');
    const pages = text(file)
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const withHeader = pages.filter((p) =>
      /Ticket\s+Status\s+Device\s+Customer\s+Technician\s+Due/.test(p),
    );
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
    expect(pages.at(-1)).toMatch(new RegExp(`Page ${pages.length} of ${pages.length}`));
    await shop.sql.run("DELETE FROM ticket WHERE number LIKE 'X-%'");
  });

  it('`npm run report -- daily` writes the same report from a data folder', async () => {
    const out = path.join(OUT, 'cli-daily.pdf');
    await shop.ws.close(); // the CLI opens the folder itself
    const written = await reportCli([
      'daily',
      '--date',
      DAY,
      '--data',
      shop.dataDir,
      '--out',
      out,
      '--lang',
      'zh',
      ...(shop.dbUrl ? ['--db', shop.dbUrl] : []),
    ]);
    expect(written).toBe(out);
    expect(text(out)).toContain('R-000009');
  });
});
