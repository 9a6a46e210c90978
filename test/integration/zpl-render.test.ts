import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderZplPng } from '../../main/devices/emulator/render-zpl';
import { documentToZpl } from '../../main/devices/zpl';
import { deviceTag } from '../../main/domain/printing/layouts';

const REFERENCE = path.resolve(__dirname, '../fixtures/device-tag-203dpi.png');

const tag = deviceTag(
  {
    number: 'R-000123',
    receivedAt: Date.parse('2026-11-25T10:00:00+08:00'),
    customer: { name: '张伟', phone: '13800000000' },
    device: { label: 'Apple iPhone 13', serial: null, imei: null },
    problem: 'Screen cracked, touch dead',
  },
  50,
  30,
);

describe('a rendered device tag', () => {
  it('matches the reference image (small tolerance) and its barcode reads back', async () => {
    const png = await renderZplPng(documentToZpl(tag, { dpi: 203, jobId: 1 }), 50, 30, 8);
    if (process.env.UPDATE_REFERENCE === '1' || !fs.existsSync(REFERENCE)) fs.writeFileSync(REFERENCE, png);
    const got = PNG.sync.read(png);
    const want = PNG.sync.read(fs.readFileSync(REFERENCE));
    expect([got.width, got.height]).toEqual([want.width, want.height]);
    const diff = pixelmatch(got.data, want.data, undefined, got.width, got.height, { threshold: 0.2 });
    expect(diff / (got.width * got.height)).toBeLessThan(0.005);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ws-tag-')), 'tag.png');
    fs.writeFileSync(file, png);
    const read = execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' }).trim();
    expect(read).toBe('R-000123');
  });

  it('a changed label does not match (the comparison can fail)', async () => {
    const other = { ...tag, lines: tag.lines.map((l) => (l.type === 'barcode' ? { ...l, data: 'R-000999' } : l)) };
    const got = PNG.sync.read(await renderZplPng(documentToZpl(other, { dpi: 203 }), 50, 30, 8));
    const want = PNG.sync.read(fs.readFileSync(REFERENCE));
    const diff = pixelmatch(got.data, want.data, undefined, got.width, got.height, { threshold: 0.2 });
    expect(diff / (got.width * got.height)).toBeGreaterThan(0.005);
  });
});
