import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../main/domain/reports/export/csv-cell';
import { SheetClock } from '../../main/domain/reports/export/sheet-time';

describe('CSV cells', () => {
  it('defuses formulas: = + - @ tab and CR first get an apostrophe', () => {
    expect(['=1+1', '+86 138', '-5', '@A1', '\tx', '\rx'].map(csvCell)).toEqual([
      "'=1+1",
      "'+86 138",
      "'-5",
      "'@A1",
      "'\tx",
      '"\'\rx"',
    ]);
  });

  it('quotes commas, quotes and line breaks; leaves the rest', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('张三\n李四')).toBe('"张三\n李四"');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(null)).toBe('');
    expect(csvLine(['x', 1, null])).toBe('x,1,\r\n');
  });
});

describe('spreadsheet time', () => {
  it('matches the local wall clock for any moment (cached per 15-minute block)', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const ref = (ms: number) => {
      const d = new Date(ms);
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    };
    const clock = new SheetClock();
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const start = Date.parse('2024-01-01T00:00:00Z');
    for (let i = 0; i < 20_000; i++) {
      const ms = start + Math.floor(rand() * 3 * 365 * 86_400_000);
      expect(clock.format(ms)).toBe(ref(ms));
    }
    expect(clock.format(null)).toBe('');
  });
});
