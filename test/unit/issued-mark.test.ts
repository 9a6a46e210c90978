import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readIssuedFile, recordIssuedAsync } from '../../main/safety/issued-numbers';

const dirs: string[] = [];
const folder = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'issued-mark-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A PostgreSQL station writes the mark beside its data after other stations' commits, off the
 * event loop: several writes may be under way at once, and the file must end at the highest. */
describe('the issued-numbers mark written off the event loop', () => {
  it('never goes down when writes overlap, whatever order they were asked in', async () => {
    const dir = folder();
    const seen = Array.from({ length: 40 }, (_, i) => ({
      ticket: (i * 7919) % 97,
      invoice: (i * 104729) % 89,
    }));
    const answers = await Promise.all(seen.map((s) => recordIssuedAsync(dir, s)));
    const top = {
      ticket: Math.max(...seen.map((s) => s.ticket)),
      invoice: Math.max(...seen.map((s) => s.invoice)),
    };
    expect(readIssuedFile(dir)).toEqual(top);
    expect(answers.at(-1)).toEqual(top);
    // each answer is the mark kept after that write: never below any answer before it
    for (let i = 1; i < answers.length; i++) {
      expect(answers[i].ticket).toBeGreaterThanOrEqual(answers[i - 1].ticket);
      expect(answers[i].invoice).toBeGreaterThanOrEqual(answers[i - 1].invoice);
    }
    expect(fs.readdirSync(dir)).toEqual(['issued-numbers.json']);
  });

  it('keeps a higher mark already on disk', async () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, 'issued-numbers.json'), '{"ticket":500,"invoice":9}\n');
    expect(await recordIssuedAsync(dir, { ticket: 3, invoice: 12 })).toEqual({
      ticket: 500,
      invoice: 12,
    });
    expect(readIssuedFile(dir)).toEqual({ ticket: 500, invoice: 12 });
  });
});
