import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeResult, PrintJobDto } from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let counter: string;
let intake: IntakeResult;
const receiptOf = (r: IntakeResult) => r.printJobs.find((j) => j.kind === 'intake_receipt')!;
const tagOf = (r: IntakeResult) => r.printJobs.find((j) => j.kind !== 'intake_receipt')!;

beforeAll(async () => {
  // No printer configured at all: the shop's only way to a receipt is the PDF.
  shop = await openTestShop();
  counter = await shop.as('counter');
  intake = (await shop.call(counter, 'intake.commit', validWalkIn())) as IntakeResult;
});
afterAll(() => shop.close());

const audit = (action: string) =>
  shop.sql.get<{ outcome: string; entity_id: string; details: string }>(
    'SELECT outcome, entity_id, details FROM audit_entry WHERE action = ? ORDER BY id DESC LIMIT 1',
    action,
  );

describe('print queue actions', () => {
  it('a receipt as a PDF of its paper size: the ticket number and the customer are in it', async () => {
    const receipt = receiptOf(intake);
    const { fileName, base64 } = (await shop.call(counter, 'printJobs.pdf', {
      id: receipt.id,
    })) as { fileName: string; base64: string };
    expect(fileName).toBe(`intake_receipt-${receipt.id}.pdf`);
    const pdf = Buffer.from(base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ws-pdf-')), fileName);
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(intake.ticket.number);
    expect(text).toContain('李娜');
    // An 80 mm roll, not an A4 page.
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const [, w] = /Page size:\s+([\d.]+) x/.exec(info)!;
    expect(Math.round((Number(w) * 25.4) / 72)).toBe(80);
    expect(await audit('printJobs.pdf')).toMatchObject({
      outcome: 'success',
      entity_id: String(receipt.id),
    });
  });

  it('the device tag as a PDF label', async () => {
    const tag = tagOf(intake);
    const { base64 } = (await shop.call(counter, 'printJobs.pdf', { id: tag.id })) as {
      base64: string;
    };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ws-pdf-')), 'tag.pdf');
    fs.writeFileSync(file, Buffer.from(base64, 'base64'));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(
      intake.ticket.number,
    );
  });

  it('cancel a waiting job: it never prints, the cancel is audited, a second cancel is refused', async () => {
    const receipt = receiptOf(intake);
    expect(await shop.call(counter, 'printJobs.cancel', { id: receipt.id })).toEqual({
      status: 'cancelled',
    });
    const jobs = (await shop.call(counter, 'printJobs.list', {
      status: 'cancelled',
      limit: 10,
    })) as PrintJobDto[];
    expect(jobs.map((j) => j.id)).toEqual([receipt.id]);
    expect(await audit('printJobs.cancel')).toMatchObject({
      outcome: 'success',
      entity_id: String(receipt.id),
    });
    expect(JSON.parse((await audit('printJobs.cancel'))!.details)).toMatchObject({ was: 'queued' });
    const again = await shop.fail(counter, 'printJobs.cancel', { id: receipt.id });
    expect(again.code).toBe('CONFLICT');
    expect(again.details).toMatchObject({ key: 'printActions.errors.notCancellable' });
  });

  it('reprint a cancelled receipt: a new queued job, audited, pointing at the original', async () => {
    const receipt = receiptOf(intake);
    const { jobId } = (await shop.call(counter, 'printJobs.reprint', { id: receipt.id })) as {
      jobId: number;
    };
    const queued = (await shop.call(counter, 'printJobs.list', {
      status: 'queued',
      limit: 10,
    })) as PrintJobDto[];
    expect(queued.find((j) => j.id === jobId)).toMatchObject({
      reprintOf: receipt.id,
      kind: 'intake_receipt',
    });
    expect(await audit('printJobs.reprint')).toMatchObject({ outcome: 'success' });
  });

  it('bad input is refused and changes nothing', async () => {
    const before = shop.count('print_job');
    for (const input of [{}, { id: 'x' }, { id: -1 }, { id: 1, extra: true }]) {
      expect((await shop.fail(counter, 'printJobs.cancel', input)).code).toBe('VALIDATION');
      expect((await shop.fail(counter, 'printJobs.pdf', input)).code).toBe('VALIDATION');
    }
    expect((await shop.fail(counter, 'printJobs.cancel', { id: 999_999 })).code).toBe('NOT_FOUND');
    expect((await shop.fail(counter, 'printJobs.pdf', { id: 999_999 })).code).toBe('NOT_FOUND');
    expect(shop.count('print_job')).toBe(before);
  });

  it('an inspector may look at the queue and make a PDF, but not cancel', async () => {
    const inspector = await shop.as('inspector');
    const tag = tagOf(intake);
    expect((await shop.fail(inspector, 'printJobs.cancel', { id: tag.id })).code).toBe('FORBIDDEN');
    expect(
      ((await shop.call(inspector, 'printJobs.pdf', { id: tag.id })) as { base64: string }).base64
        .length,
    ).toBeGreaterThan(1000);
  });
});
